import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKbFile } from '../../src/core/kb/parse';
import { assembleKb } from '../../src/core/kb/assemble';
import { KbError } from '../../src/core/kb/types';
import { RU_KB, RU_SEED, read, seedsPresent } from './helpers';

describe('KB parser on the bundled Russian KB', () => {
  const text = read(RU_KB);
  const parsed = parseKbFile({ file: RU_KB, text });

  it('finds all 153 articles under the "apps" category, in Russian', () => {
    assert.equal(parsed.articles.length, 153);
    assert.equal(parsed.lang, 'ru');
    assert.ok(parsed.articles.every((a) => a.category === 'apps' && a.lang === 'ru' && a.source === 'kia-support-ru'));
    assert.deepEqual(parsed.problems, []);
  });

  it('keeps the seed word for word: the file is front matter plus the seed', { skip: !seedsPresent && 'shared seeds not beside the repo' }, () => {
    const afterFrontMatter = text.slice(text.indexOf('\n---\n') + 5).replace(/^\n/, '');
    assert.equal(afterFrontMatter, read(RU_SEED));
  });

  it('gives every article a body that is the text under its heading, exactly', () => {
    const lines = text.split('\n');
    for (const a of parsed.articles) {
      assert.equal(lines[a.line - 1]!.replace(/^## /, '').trim(), a.title, `line ${a.line}`);
      assert.ok(a.body.length > 0, `${a.title} has a body`);
      assert.ok(text.includes(`${lines[a.line - 1]}\n\n${a.body}`), `body of ${a.id} is verbatim`);
    }
  });

  it('gives unique ids, also for the duplicated titles, stable across reloads', () => {
    const ids = parsed.articles.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length);
    const titles = parsed.articles.map((a) => a.title);
    assert.ok(new Set(titles).size < titles.length, 'the KB really has duplicate titles');
    assert.deepEqual(parseKbFile({ file: RU_KB, text }).articles.map((a) => a.id), ids);
    assert.match(ids[0]!, /^kia-support-ru#[a-z0-9.-]+$/);
  });
});

describe('KB parser on small files', () => {
  it('reads front matter, categories, nesting and escaped "#" lines', () => {
    const text = [
      '---', 'lang: da', 'title: Vilkår', '---', '', '# Kapitel', '', '## 1 Om', '', 'Tekst.', '### 1.1 Del', '\\# ikke en overskrift', '',
      '#### 1.1.1 Mere', 'x', '## 2 Andet', 'y',
    ].join('\n');
    const { articles, title, lang } = parseKbFile({ file: 'kb/vilkaar.md', text });
    assert.equal(title, 'Vilkår');
    assert.equal(lang, 'da');
    assert.deepEqual(articles.map((a) => [a.id, a.line, a.level, a.path]), [
      ['vilkaar#1', 8, 2, []],
      ['vilkaar#1.1', 11, 3, ['1 Om']],
      ['vilkaar#1.1.1', 14, 4, ['1 Om', '1.1 Del']],
      ['vilkaar#2', 16, 2, []],
    ]);
    assert.equal(articles[1]!.body, '# ikke en overskrift');
    assert.equal(articles[0]!.category, 'Kapitel');
  });

  it('ignores headings inside fenced code', () => {
    const { articles } = parseKbFile({ file: 'a.md', text: '## A\n```\n## not a heading\n```\n## B\nb' });
    assert.deepEqual(articles.map((a) => a.title), ['A', 'B']);
    assert.match(articles[0]!.body, /## not a heading/);
  });

  it('detects the language when front matter does not say', () => {
    assert.equal(parseKbFile({ file: 'a.md', text: '## Пароль\nЗабыли пароль' }).lang, 'ru');
    assert.equal(parseKbFile({ file: 'a.md', text: '## Opsigelse\nDu kan opsige aftalen på én måde' }).lang, 'da');
    assert.equal(parseKbFile({ file: 'a.md', text: '## Password\nReset it here' }).lang, 'en');
  });

  const broken: [string, string, string, number][] = [
    ['unclosed front matter', '---\nlang: ru\ntitle: FAQ', 'kb.front-matter.invalid', 3],
    ['unclosed front matter before the first heading', '---\nlang: ru\n\n# apps\n\n## A\nx', 'kb.front-matter.invalid', 4],
    ['unclosed front matter before text', '---\nlang: ru\nthis front matter is never closed\n', 'kb.front-matter.invalid', 3],
    ['front matter that is not key: value', '---\nlang ru\n---\n## A', 'kb.front-matter.invalid', 2],
    ['an unknown language', '---\nlang: xx\n---\n## A', 'kb.front-matter.lang', 2],
    ['a binary file', '## A\nok\n\u0000\u0001', 'kb.file.binary', 3],
  ];
  for (const [what, text, code, line] of broken) {
    it(`refuses ${what} with the file and line in the message`, () => {
      assert.throws(() => parseKbFile({ file: 'kb/bad.md', text }), (e: unknown) => {
        assert.ok(e instanceof KbError);
        assert.equal(e.problem.code, code);
        assert.equal(e.problem.line, line);
        assert.match(e.message, new RegExp(`^support-kb: kb/bad\\.md:${line}: `));
        return true;
      });
    });
  }

  it('warns about empty headings and files without articles', () => {
    assert.deepEqual(parseKbFile({ file: 'a.md', text: '## \nbody' }).problems.map((p) => p.code), ['kb.heading.empty']);
    assert.deepEqual(parseKbFile({ file: 'a.md', text: 'just text' }).problems.map((p) => p.code), ['kb.file.no-articles']);
  });
});

describe('assembleKb', () => {
  it('keeps ids unique when two folders have a file of the same name', () => {
    const kb = assembleKb([{ file: 'a/faq.md', text: '## Q\nA' }, { file: 'b/faq.md', text: '## Q\nB' }]);
    assert.deepEqual(kb.articles.map((a) => a.id), ['faq#q', 'faq-2#q']);
  });

  it('reports a broken file, loads the others, and keeps the last good version of the broken one', () => {
    const good = assembleKb([{ file: 'x.md', text: '## Old\nold answer' }]);
    const lastGood = new Map(good.files.map((f) => [f.file, f]));
    const next = assembleKb([{ file: 'x.md', text: '---\nbroken' }, { file: 'y.md', text: '## New\nnew' }], lastGood);
    assert.deepEqual(next.articles.map((a) => a.title).sort(), ['New', 'Old']);
    assert.equal(next.problems[0]!.severity, 'error');
    assert.match(next.problems[0]!.message, /last version that loaded/);
    const without = assembleKb([{ file: 'x.md', text: '---\nbroken' }]);
    assert.equal(without.articles.length, 0);
    assert.equal(without.problems.length, 1);
  });
});
