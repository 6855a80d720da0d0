import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importNumberedText } from '../../src/core/kb/importNumbered';
import { parseKbFile } from '../../src/core/kb/parse';
import { DA_KB, DA_SEED, DA_SOURCE, read, seedsPresent } from './helpers';

/** Clause numbers that start a line in the source, found independently of the importer. */
function clauseNumbersIn(source: string): string[] {
  const out: string[] = [];
  for (const line of source.split('\n')) {
    const alone = /^(\d+(?:\.\d+)*)\.\s*$/.exec(line);
    const withText = /^(\d+\.\d+(?:\.\d+)*)\s+\S/.exec(line);
    if (alone) out.push(alone[1]!);
    else if (withText) out.push(withText[1]!);
  }
  return out;
}

describe('numbered-clause importer on the Kia Connect terms (Danish)', () => {
  const source = read(DA_SOURCE);
  const markdown = read(DA_KB);
  const parsed = parseKbFile({ file: DA_KB, text: markdown });
  const byNumber = new Map(parsed.articles.map((a) => [a.title.split(' ')[0]!, a]));

  it('the repo keeps the exact seed as the importer input', { skip: !seedsPresent && 'shared seeds not beside the repo' }, () => {
    assert.equal(source, read(DA_SEED));
  });

  it('the bundled KB file is exactly what the importer makes of the source', () => {
    assert.equal(importNumberedText(source), markdown);
  });

  it('makes one article per numbered clause, every one of them, in order', () => {
    const expected = clauseNumbersIn(source);
    assert.equal(expected.length, 213);
    assert.deepEqual(parsed.articles.map((a) => a.title.split(' ')[0]), expected);
    assert.equal(parsed.lang, 'da');
    assert.equal(parsed.title, 'Kia Connect – Juridiske dokumenter');
  });

  it('keeps the number first in the title and nests by number', () => {
    const digital = byNumber.get('4.2.1.7')!;
    assert.equal(digital.title, '4.2.1.7 Digitalnøgle');
    assert.equal(digital.level, 5);
    assert.deepEqual(digital.path, ['4 Tjenesterne', '4.2 De tjenester, du har adgang til, kan variere, afhængigt af …', '4.2.1 Kia Connect-app']);
    assert.match(digital.body, /^Denne tjeneste gør det muligt for dig ved hjælp af den integrerede ultrabredbåndsfunktionalitet/);
    assert.equal(byNumber.get('4.2.1.1.1')!.level, 6);
  });

  it('handles a title on the number line and text on the number line', () => {
    assert.equal(byNumber.get('17.11')!.title, '17.11 Republikken Irland');
    assert.match(byNumber.get('17.11')!.body, /^$/);
    const text = byNumber.get('17.2.1')!;
    assert.match(text.body, /^I det fulde omfang, det er tilladt/);
    assert.ok(source.split('\n').some((l) => l.startsWith('17.2.1') && l.endsWith(text.body)), 'text after the number kept word for word');
  });

  it('handles clauses without a title line: a title from the first words, the text kept whole', () => {
    const c = byNumber.get('1.3')!;
    assert.match(c.title, /^1\.3 Brugen af tjenesterne/);
    assert.match(c.body, /^Brugen af tjenesterne via Kia Connect-appen kræver internetadgang/);
    const klima = byNumber.get('4.2.1.1.1')!;
    assert.equal(klima.title, '4.2.1.1.1 Fjernbetjent klimastyring');
    assert.match(klima.body, /^Fjernbetjent klimastyring: Tjenesten/);
  });

  it('drops the table of contents and keeps every other line of the text word for word, in order', () => {
    assert.ok(!markdown.includes(' 10. Databeskyttelse'));
    const mdLines = markdown.split('\n');
    let at = 0;
    for (const raw of source.split('\n')) {
      const line = raw.replace(/^\d+(?:\.\d+)+\s+/, '').trim(); // a number sharing the line becomes the heading
      if (!line || /^\s*\d+\.\s+\S/.test(raw) || /^\d+(\.\d+)*\.$/.test(line) || /^\d+(\.\d+)+$/.test(raw.trim())) continue;
      const found = mdLines.findIndex((m, i) => i >= at && [m.trim(), m.replace(/^#+ ([\d.]+ )?/, '').trim(), m.replace(/^title: /, '')].includes(line));
      assert.ok(found >= 0, `line kept: ${line.slice(0, 60)}`);
      at = found;
    }
  });
});

describe('numbered-clause importer on small texts', () => {
  it('does not take numbers inside the text for clauses', () => {
    const md = importNumberedText(['Vilkår', '', '1.', '', 'Første', 'Se punkt', '2.0 er en version, ikke et punkt', '3.', 'Tredje?', '2.', '', 'Anden', 'Tekst'].join('\n'));
    const { articles } = parseKbFile({ file: 'x.md', text: md });
    assert.deepEqual(articles.map((a) => a.title), ['1 Første', '2 Anden']);
    assert.match(articles[0]!.body, /2\.0 er en version/);
    assert.match(articles[0]!.body, /^Se punkt\n2\.0 er en version, ikke et punkt\n3\.\nTredje\?$/);
  });

  it('escapes body lines that would read as headings', () => {
    const md = importNumberedText('T\n\n1.\n\nTitel\n# ikke en overskrift');
    const { articles } = parseKbFile({ file: 'x.md', text: md });
    assert.equal(articles.length, 1);
    assert.equal(articles[0]!.body, '# ikke en overskrift');
  });
});
