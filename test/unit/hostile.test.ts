import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { partsForDraft } from '../../src/core/answers/answerSnippet';
import { parseChecklists } from '../../src/core/checklist/parse';
import { decodeVin } from '../../src/core/entities/vin';
import { assembleKb } from '../../src/core/kb/assemble';
import { importNumberedText } from '../../src/core/kb/importNumbered';
import { MAX_KB_FILE_BYTES, MAX_PROBLEMS_PER_FILE, parseHeading, parseKbFile } from '../../src/core/kb/parse';
import { decodeKbBytes, firstInvalidUtf8, jsonSyntaxError, parseKbJson, readFailure } from '../../src/core/kb/read';
import { KbError } from '../../src/core/kb/types';
import { findCompounds, tokenize } from '../../src/core/search/analyze';
import { AliasTable, parseAliases } from '../../src/core/search/aliases';
import { KbIndex } from '../../src/core/search/index';
import { planQuery } from '../../src/core/search/query';
import { excerpt } from '../../src/core/search/snippet';
import { findLinks, lintKb } from '../../src/core/kb/lint';
import { clampQuery, MAX_QUERY_CHARS } from '../../src/core/search/limits';
import { fold } from '../../src/core/text/normalize';
import { loadKbFromPaths, readKbFile } from '../../src/node/loadKb';
import { CLI } from './helpers';

// Hostile input, each case from the audit of issue 10. The quadratic cases run at sizes where the old
// code took seconds to forever; the generous timeouts only guard against a hang (timing is measured
// in bench/hostile.ts, never asserted here).
const HANG_GUARD = { timeout: 60_000 };
const tmp = () => mkdtempSync(join(tmpdir(), 'skb-hostile-'));

describe('linear text paths (previously quadratic)', () => {
  it('a 100,000-character token in a KB file and in a query', HANG_GUARD, () => {
    const token = 'я'.repeat(100_000);
    const kb = assembleKb([{ file: 'long.md', text: `## Длинное слово\n${token}\n\n## Пароль\nЗабыли пароль` }]);
    const index = new KbIndex(kb.articles);
    assert.equal(index.search(token)[0]!.article.title, 'Длинное слово', 'the capped query is a prefix of the long word');
    assert.equal(index.search('пароль')[0]!.article.title, 'Пароль');
    assert.deepEqual(findCompounds(token), []);
  });

  it('compounds: one pass, the same as the regex they replace on ordinary text', HANG_GUARD, () => {
    const old = /[\p{L}\p{N}]+(?:[-.@_][\p{L}\p{N}]+)+/gu;
    const text = 'VIN-номер, e-mail mobikey@hyundai.ru: 2.0 a--b -x- a.b.c_d a- .b 8-800-301-08-80 Kia.ru.';
    const found = findCompounds(text);
    const phones = found.filter((c) => c.phone);
    assert.deepEqual(phones.map((p) => p.text), ['88003010880']);
    const ours = found.filter((c) => !c.phone).map((c) => [c.start, c.end]);
    const theirs = [...fold(text).matchAll(old)].map((m) => [m.index!, m.index! + m[0].length]).filter(([s, e]) => !phones.some((p) => p.start <= s! && p.end >= e!));
    assert.deepEqual(ours, theirs);
    const many = 'a-b '.repeat(50_000);
    const compounds = findCompounds(many);
    assert.equal(compounds.length, 50_000);
    assert.deepEqual(compounds[49_999]!.parts.map((p) => p.text), ['a', 'b']);
    assert.equal(findCompounds('a-'.repeat(50_000) + 'a').length, 1);
  });

  it('headings: "## " followed by " #" many times, and the closing-hash rules', HANG_GUARD, () => {
    const line = '## x' + ' #'.repeat(50_000) + ' y';
    assert.equal(parseHeading(line)!.title.length, line.length - 3);
    assert.deepEqual(parseHeading('### Title ##  '), { level: 3, title: 'Title' });
    assert.deepEqual(parseHeading('## '), { level: 2, title: '' });
    assert.equal(parseHeading('##Title'), undefined);
    assert.equal(parseHeading('####### seven'), undefined);
    assert.equal(parseKbFile({ file: 'h.md', text: '## ' + ' #'.repeat(50_000) }).articles.length, 1);
  });

  it('a 1 MB title: its slug is read from its start only', HANG_GUARD, () => {
    const { articles } = parseKbFile({ file: 't.md', text: `## ${'Длинный заголовок '.repeat(60_000)}\nтело` });
    assert.equal(articles[0]!.id, 't#dlinnyj-zagolovok-dlinnyj-zagolovok-dlinnyj-zagolovok');
  });

  it('greeting and signature detection over 100,000 blank lines', HANG_GUARD, () => {
    const parts = { greeting: 'G', signature: 'S' };
    assert.deepEqual(partsForDraft('\n'.repeat(100_000) + 'x', parts), parts);
    assert.deepEqual(partsForDraft(' \n'.repeat(50_000) + '  Здравствуйте, Анна!\n\nС уважением,\nИрина', parts), { greeting: '', signature: '' });
    assert.deepEqual(partsForDraft('Добрый\nдень', parts).greeting, '', 'a greeting broken over two lines is still one');
    assert.deepEqual(partsForDraft('Спасибо. Здравствуйте', parts).greeting, 'G', 'only at the start of a line');
    assert.deepEqual(partsForDraft('a\rHello', parts).greeting, '', 'a lone CR ends a line');
  });

  it('a word repeated in a query is searched once and counts as often as typed', HANG_GUARD, () => {
    const vocab = { has: () => true, hasPrefix: () => true };
    const plan = planQuery('ЛК ЛК ЛК пароль ЛК', vocab, parseAliases('{"groups": [{"terms": ["ЛК", "личный кабинет"]}]}', 'a.json'));
    assert.deepEqual(plan.slots.map((s) => [s.text, s.weight]), [['ЛК', 4], ['пароль', 1]]);
    const kb = assembleKb([{ file: 'p.md', text: '+7\n' + '## +7\n'.repeat(8000) }]);
    assert.equal(new KbIndex(kb.articles).search('+7 '.repeat(1000)).length, 20);
  });

  it('the importer and KB lint on long runs of blank lines, closing hashes and punctuation', HANG_GUARD, () => {
    const md = importNumberedText('T\nC\n1.\nA\nx' + '\n'.repeat(100_000) + 'y\n\n\n');
    assert.ok(md.endsWith('y\n') && !md.endsWith('y\n\n'));
    const findings = lintKb([{ file: 'l.md', text: '# C' + ' #'.repeat(50_000) + ' x\n## A\nb' }]);
    assert.ok(Array.isArray(findings));
    const [link] = findLinks('l.md', 'см. https://kia.ru' + '.'.repeat(50_000) + 'x');
    assert.ok(link!.rest.endsWith('x'));
    assert.equal(findLinks('l.md', 'https://kia.ru/a).')[0]!.rest, 'kia.ru/a');
  });

  it('the excerpt of a 100,000-character body with many line breaks (found by the fuzz suite)', HANG_GUARD, () => {
    const body = 'IMEIΣ\r\n'.repeat(14_000);
    const ex = excerpt(body, [[7, 11]]);
    assert.equal(ex.text.slice(0, 12), 'IMEIΣ IMEIΣ ');
    assert.deepEqual(ex.ranges, [[6, 10]]);
    assert.deepEqual(excerpt('  a  b\n\nc  ', [[5, 6]]), { text: 'a b c', ranges: [[2, 3]] });
  });

  it('queries are capped in one place for every entry point', () => {
    assert.equal(clampQuery('x'.repeat(5000)).length, MAX_QUERY_CHARS);
    const emoji = 'a'.repeat(MAX_QUERY_CHARS - 1) + '😀';
    assert.equal(clampQuery(emoji).length, MAX_QUERY_CHARS - 1, 'a surrogate pair is never cut in two');
    assert.equal(clampQuery('short'), 'short');
  });
});

describe('one bad file never takes the KB down', () => {
  it('150,000 empty headings: a file with problems, capped, no stack overflow', HANG_GUARD, () => {
    const kb = assembleKb([{ file: 'empty.md', text: '## \n'.repeat(150_000) }, { file: 'ok.md', text: '## A\nb' }]);
    assert.equal(kb.articles.length, 150_001);
    assert.equal(new Set(kb.articles.map((a) => a.id)).size, 150_001);
    assert.equal(kb.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.match(kb.problems.at(-1)!.message, /149900 more problems/);
  });

  it('a 5 MB single token parses and indexes', HANG_GUARD, () => {
    const kb = assembleKb([{ file: 'blob.md', text: `## Blob\n${'x'.repeat(5_000_000)}` }]);
    assert.equal(new KbIndex(kb.articles).size, 1);
  });

  it('large alias tables and imports do not overflow the stack (no push(...spread))', HANG_GUARD, () => {
    const groups = Array.from({ length: 150_000 }, (_, i) => ({ terms: [`a${i}`, `b${i}`] }));
    assert.equal(AliasTable.merge([new AliasTable({ groups }), new AliasTable()]).size, 150_000);
    const md = importNumberedText('Title\nCat\n1.\nClause\n' + 'line\n'.repeat(300_000));
    assert.equal(parseKbFile({ file: 'i.md', text: md }).articles[0]!.body.split('\n').length, 300_000);
  });

  it('the size limit counts bytes, and is checked before reading', async () => {
    const cyrillic = 'я'.repeat(MAX_KB_FILE_BYTES / 2 + 10); // fewer characters than the limit, more bytes
    assert.throws(() => parseKbFile({ file: 'big.md', text: cyrillic }), (e: unknown) => e instanceof KbError && /file is 8 MB; KB files may be at most 8 MB/.test(e.problem.message));
    const dir = tmp();
    const huge = join(dir, 'huge.md');
    writeFileSync(huge, '');
    truncateSync(huge, 600 * 1024 * 1024); // sparse: 600 MB on paper, nothing on disk
    const r = await readKbFile(huge);
    assert.ok('problem' in r);
    assert.equal(r.problem.code, 'kb.file.too-large');
    assert.match(r.problem.message, /file is 600 MB/);
  });

  it('unreadable files and non-folder paths are problems naming them; the rest loads', async (t) => {
    const dir = tmp();
    writeFileSync(join(dir, 'good.md'), '## Хорошая статья\nтекст');
    const locked = join(dir, 'locked.md');
    writeFileSync(locked, '## Закрыто\nтекст');
    chmodSync(locked, 0o000);
    const kb = await loadKbFromPaths([dir, join(dir, 'good.md', 'sub'), join(dir, 'missing')]);
    assert.ok(kb.articles.some((a) => a.title === 'Хорошая статья'));
    const byFile = new Map(kb.problems.map((p) => [p.file, p.message]));
    assert.match(byFile.get(join(dir, 'good.md', 'sub'))!, /is a file, not a folder/);
    assert.match(byFile.get(join(dir, 'missing'))!, /KB path not found/);
    if (process.getuid?.() === 0) t.diagnostic('running as root: permissions are not enforced, EACCES checked through readFailure only');
    else assert.match(byFile.get(locked)!, /permission denied; make the file readable/);
    // The same conditions as Node and as VS Code's file system name them.
    for (const code of ['EACCES', 'NoPermissions']) assert.match(readFailure('f.md', Object.assign(new Error('raw'), { code })).problem.message, /^permission denied; make the file readable/);
    for (const code of ['ENOTDIR', 'FileNotADirectory']) assert.match(readFailure('f.md', { code }).problem.message, /is a file, not a folder/);
    for (const code of ['ENOENT', 'FileNotFound']) assert.match(readFailure('f.md', { code }).problem.message, /^KB path not found/);
    assert.match(readFailure('f.md', new Error('disk on fire')).problem.message, /cannot be read \(disk on fire\)/);
    chmodSync(locked, 0o644);
  });

  it('a file that throws unexpectedly is reported against that file', () => {
    const kb = assembleKb([{ file: 'aliases.json', text: '{"groups": [{"terms": ["a", "b"]}]}' }, { file: 'x.md', text: '## A\nb' }]);
    assert.equal(kb.problems.length, 0);
    const broken = assembleKb([{ file: 'x.md', get text(): string { throw new RangeError('Maximum call stack size exceeded'); } }, { file: 'y.md', text: '## B\nc' }]);
    assert.deepEqual(broken.articles.map((a) => a.title), ['B']);
    assert.equal(broken.problems[0]!.file, 'x.md');
    assert.match(broken.problems[0]!.message, /RangeError: Maximum call stack size exceeded.*report it/);
  });
});

describe('no article lost without a word', () => {
  it('ids are unique by construction within a file ("Foo", "Foo", "Foo 2")', () => {
    const { articles } = parseKbFile({ file: 'f.md', text: '## Foo\na\n## Foo\nb\n## Foo 2\nc\n## Foo\nd' });
    const ids = articles.map((a) => a.id);
    assert.equal(new Set(ids).size, 4, ids.join(' '));
    assert.deepEqual(ids.slice(0, 2), ['f#foo', 'f#foo-2']);
  });

  it('ids are unique across files, whatever the files are called', () => {
    const kb = assembleKb([{ file: 'a/faq.md', text: '## Q\n1' }, { file: 'faq-2.md', text: '## Q\n2' }, { file: 'b/faq.md', text: '## Q\n3' }]);
    const ids = kb.articles.map((a) => a.id);
    assert.equal(new Set(ids).size, 3, ids.join(' '));
  });

  it('10,000 synthetic articles with long shared title prefixes all survive', HANG_GUARD, () => {
    const prefix = 'Очень длинный заголовок статьи про обновление навигации и мультимедиа в автомобиле';
    const text = Array.from({ length: 10_000 }, (_, i) => `## ${prefix} ${i % 3 === 0 ? i : i % 7}\nтекст ${i}`).join('\n');
    const kb = assembleKb([{ file: 'many.md', text }]);
    assert.equal(kb.articles.length, 10_000);
    assert.equal(new Set(kb.articles.map((a) => a.id)).size, 10_000);
    assert.equal(new KbIndex(kb.articles).size, 10_000);
  });

  it('an unclosed code fence is reported at its line and does not swallow the headings after it', () => {
    const { articles, problems } = parseKbFile({ file: 'f.md', text: '## A\ntext\n```\ncode\n## B\nb\n## C\nc' });
    assert.deepEqual(articles.map((a) => a.title), ['A', 'B', 'C']);
    assert.deepEqual(problems.map((p) => [p.code, p.line]), [['kb.fence.unclosed', 3]]);
    const closed = parseKbFile({ file: 'f.md', text: '## A\n~~~~\n## not\n```\n## still not\n~~~~\n## B\nb' });
    assert.deepEqual(closed.articles.map((a) => a.title), ['A', 'B'], 'a fence closes only with its own character, as long');
  });

  it('lone CR line endings are line endings', () => {
    const { articles, problems } = parseKbFile({ file: 'mac.md', text: '# Cat\r## Пароль\rЗабыли пароль\r\r## Карты\rОбновите' });
    assert.deepEqual(articles.map((a) => [a.title, a.line, a.body]), [['Пароль', 2, 'Забыли пароль'], ['Карты', 5, 'Обновите']]);
    assert.deepEqual(problems, []);
  });

  it('invalid UTF-8 loads with a warning naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('## A\nok\nбитый: '), Buffer.from([0xd0, 0x20, 0xff]), Buffer.from('\n')]);
    const input = decodeKbBytes('bad.md', bytes);
    const parsed = parseKbFile(input);
    assert.equal(parsed.articles.length, 1);
    assert.deepEqual(parsed.problems.map((p) => [p.code, p.line]), [['kb.file.encoding', 3]]);
    assert.equal(firstInvalidUtf8(Buffer.from('Ёжик 😀 ok')), -1);
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) assert.equal(firstInvalidUtf8(Buffer.from([0x41, ...bad])), 1, bad.join(','));
  });

  it('the CLI follows symlinked .md files and folders, but never into a loop', HANG_GUARD, async () => {
    const dir = tmp();
    const real = join(dir, 'real');
    mkdirSync(real);
    writeFileSync(join(real, 'team.md'), '## Из ссылки\nтекст');
    const kbDir = join(dir, 'kb');
    mkdirSync(kbDir);
    symlinkSync(join(real, 'team.md'), join(kbDir, 'linked.md'));
    symlinkSync(kbDir, join(kbDir, 'loop'));
    symlinkSync(join(dir, 'nowhere.md'), join(kbDir, 'dangling.md'));
    const kb = await loadKbFromPaths([kbDir]);
    assert.deepEqual(kb.articles.map((a) => a.title), ['Из ссылки']);
    assert.match(kb.problems.find((p) => p.file.endsWith('dangling.md'))!.message, /not found/);
    const r = spawnSync(process.execPath, [CLI, 'search', 'ссылки', '--kb', join(real, 'team.md'), '--json'], { encoding: 'utf8' });
    assert.equal(JSON.parse(r.stdout).results[0].title, 'Из ссылки');
  });

  it('a pipe, a device and a folder nested too deep are named, never read or skipped in silence', HANG_GUARD, async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'ok.md'), '## Статья\nтекст');
    symlinkSync('/dev/zero', join(dir, 'zero.md')); // reading it would never end
    const fifo = spawnSync('mkfifo', [join(dir, 'pipe.md')]); // opening it would block until a writer comes
    let deep = dir;
    for (let i = 0; i < 34; i++) mkdirSync((deep = join(deep, `d${i}`)));
    writeFileSync(join(deep, 'lost.md'), '## Глубоко\nтекст');
    const kb = await loadKbFromPaths([dir]);
    assert.deepEqual(kb.articles.map((a) => a.title), ['Статья']);
    const about = (end: string) => kb.problems.find((p) => p.file.endsWith(end))?.message ?? '';
    assert.match(about('zero.md'), /not a regular file/);
    if (fifo.status === 0) assert.match(about('pipe.md'), /not a regular file/);
    assert.ok(kb.problems.some((p) => p.code === 'kb.folder.too-deep' && p.file.includes('d32')), kb.problems.map((p) => p.file).join(', '));
    assert.match((await readKbFile('/dev/zero') as { problem: { message: string } }).problem.message, /not a regular file/);
  });
});

describe('schemas enforced where data is read', () => {
  const checklist = (appliesWhen: unknown) => JSON.stringify({
    checklists: [{ id: 'x', title: { ru: 'т', en: 't' }, appliesWhen, items: [{ id: 'a', label: { ru: 'т', en: 't' }, phrases: ['p'], insert: { ru: 'т', en: 't' } }] }],
  });

  it('checklists.json: appliesWhen.terms as a string is a message, not a TypeError', () => {
    assert.throws(() => parseChecklists(checklist({ terms: 'vin' }), 'kb/checklists.json'), /appliesWhen\.terms must be a list of non-empty strings/);
    assert.throws(() => parseChecklists(checklist({ articles: [1] }), 'kb/checklists.json'), /appliesWhen\.articles must be a list/);
    assert.throws(() => parseChecklists(checklist([]), 'kb/checklists.json'), /appliesWhen is required/);
    assert.equal(parseChecklists(checklist({ terms: ['vin'] }), 'kb/checklists.json').length, 1);
  });

  it('a UTF-8 BOM is accepted in both JSON files', () => {
    assert.equal(parseChecklists('\uFEFF' + checklist({ terms: ['vin'] }), 'c.json').length, 1);
    assert.equal(parseAliases('\uFEFF{"groups": [{"terms": ["ЛК", "личный кабинет"]}]}', 'a.json').size, 1);
  });

  it('JSON errors give line and column', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "groups": [\n    {"terms": ["a", "b"],}\n  ]\n}', 3, 26, /property name.*trailing comma/],
      ['{"groups": [1, 2,]}', 1, 18, /value is missing/],
      ['{"groups" []}', 1, 11, /colon/],
      ['{"groups": ["a" "b"]}', 1, 17, /comma is missing/],
      ['{"a": "x\ny"}', 1, 9, /control character|not closed/],
      ['// c\n{}', 1, 1, /not JSON/],
      ['{"groups": [', 1, 13, /ends where a value/],
      ['{} x', 1, 4, /more text/],
    ];
    for (const [text, line, column, why] of cases) {
      assert.throws(() => parseKbJson(text, 'kb/aliases.json', 'kb.aliases.json', 'json.aliases'), (e: unknown) => {
        assert.ok(e instanceof KbError);
        assert.equal(e.problem.line, line, text);
        assert.match(e.problem.message, new RegExp(`at line ${line}, column ${column}: `), text);
        assert.match(e.problem.message, why, text);
        return true;
      });
    }
    assert.equal(jsonSyntaxError('{"a": [1, {"b": null}], "c": "\\u00e9"}'), undefined, 'valid JSON has no error');
    assert.equal(jsonSyntaxError('['.repeat(200_000))?.reason, 'the file ends where a value is expected', 'deep nesting does not overflow');
  });
});

describe('correct text handling', () => {
  it('fold() keeps the length, so highlights after İ stay on the right letters', () => {
    for (const s of ['İstanbul Kia', 'ΣΑΣ', 'Ёлка', 'ǅ', '𐐀x']) assert.equal(fold(s).length, s.length, s);
    assert.equal(fold('İ'), 'i');
    const title = 'İİİ Забыли пароль';
    const [hit] = new KbIndex(parseKbFile({ file: 't.md', text: `## ${title}\nтекст` }).articles).search('пароль');
    const [s, e] = hit!.highlights.title[0]!;
    assert.equal(title.slice(s, e), 'пароль');
    assert.deepEqual(tokenize('İpad').map((t) => t.text), ['ipad']);
  });

  it('VINs: non-ASCII letters that upper-case into Latin are not VIN characters', () => {
    assert.equal(decodeVin('XWEPH81ABN0SS1234').valid, true);
    for (const v of ['XWEPH81ABN0ß1234', 'XWEPH81ABN0ıS1234', 'XWEPH81ABN0ſS1234', 'XWEPH81ABN0ﬀ1234']) {
      const info = decodeVin(v);
      assert.equal(info.valid, false, v);
      assert.ok(info.problems.includes('characters'), v);
    }
    assert.equal(decodeVin('xwe ph81abn0ss1234'.replace(' ', '')).valid, true, 'ASCII lower case is still upper-cased');
  });

  it('the importer escapes fence lines, handles lone CR and U+2028 in titles', () => {
    const source = 'Vilkår\rKapitel\r1.\rOm\u2028tjenesten\r```\rkode\r~~~\r\\# literal\r2.\rAndet\rtekst';
    const md = importNumberedText(source);
    const { articles, problems } = parseKbFile({ file: 'v.md', text: md });
    assert.deepEqual(articles.map((a) => a.title), ['1 Om tjenesten', '2 Andet']);
    assert.equal(articles[0]!.body, '```\nkode\n~~~\n\\# literal', 'body lines come back word for word');
    assert.deepEqual(problems, []);
  });
});

describe('the CLI on hostile drafts', () => {
  it('check reports line:column for many findings in one pass, and refuses a huge draft before reading it', HANG_GUARD, () => {
    const dir = tmp();
    const draft = join(dir, 'draft.txt');
    writeFileSync(draft, 'Здравствуйте!\n' + 'VIN XWEPH81ABN000123\n'.repeat(20_000));
    const r = spawnSync(process.execPath, [CLI, 'check', draft], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.includes('vin.invalid'));
    assert.ok(lines.length > 1000, `${lines.length} findings`);
    assert.ok(lines[0]!.startsWith(`${draft}:2:5: `), lines[0]);
    assert.ok(lines.at(-1)!.startsWith(`${draft}:20001:5: `), lines.at(-1));
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 600 * 1024 * 1024);
    const big = spawnSync(process.execPath, [CLI, 'check', huge], { encoding: 'utf8' });
    assert.equal(big.status, 1);
    assert.match(big.stderr, /huge\.txt: file is 600 MB; at most 8 MB is read/);
  });

  it('a draft of one sentence with 200,000 clauses is checked, not a stack overflow', HANG_GUARD, () => {
    const dir = tmp();
    const draft = join(dir, 'clauses.txt');
    writeFileSync(draft, 'По Kia Connect пришлите VIN' + ', а'.repeat(200_000) + '.');
    const r = spawnSync(process.execPath, [CLI, 'check', draft, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).checklists.some((c: { id: string }) => c.id === 'kia-connect'));
  });

  it('front matter with a long run of spaces before a line separator is read in one pass', HANG_GUARD, () => {
    const text = `---\ntitle:${' '.repeat(100_000)}x\u2028y\nlang: ru\n---\n## A\nb`;
    const parsed = parseKbFile({ file: 'fm.md', text });
    assert.equal(parsed.title, 'x\u2028y');
    assert.throws(() => parseKbFile({ file: 'fm.md', text: '---\nnot a pair\n---\n' }), /line is not "key: value"/);
  });
});
