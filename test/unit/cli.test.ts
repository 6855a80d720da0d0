import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, DA_KB, DA_SOURCE, REPO, read } from './helpers';

/** The CLI saves its index under XDG_CACHE_HOME: a temporary one for the tests. */
const CACHE_HOME = mkdtempSync(join(tmpdir(), 'support-kb-cli-cache-'));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: CACHE_HOME } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('support-kb CLI', () => {
  it('search --json prints exactly one JSON object with the documented fields', () => {
    const { code, out } = cli('search', 'забыл пароль', '--json');
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.deepEqual(Object.keys(json).sort(), ['query', 'results', 'tookMs']);
    assert.equal(json.query, 'забыл пароль');
    assert.equal(typeof json.tookMs, 'number');
    assert.ok(json.results.length > 0 && json.results.length <= 10);
    for (const r of json.results) {
      assert.deepEqual(Object.keys(r).sort(), ['body', 'highlights', 'id', 'lang', 'line', 'score', 'similar', 'source', 'title']);
    }
    assert.match(json.results[0].title, /парол/i);
    assert.ok(json.results[0].body.length > 100, 'body is the whole article');
    const scores = json.results.map((r: { score: number }) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'ranked by score');
  });

  it('search prints ranked titles with a snippet, and honours --kb and --limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skb-'));
    writeFileSync(join(dir, 'a.md'), '## Шиномонтаж\n\nЗапишитесь на шиномонтаж у дилера.\n\n## Мойка\n\nМойка бесплатно.');
    const { code, out } = cli('search', 'шиномонтажа', '--kb', dir, '--limit', '1');
    assert.equal(code, 0);
    assert.match(out, /^1\. Шиномонтаж {2}\[a:1\]\n {3}Запишитесь на шиномонтаж у дилера\.\n$/);
    const none = cli('search', 'zzzzqqq', '--kb', dir);
    assert.equal(none.code, 0);
    assert.match(none.out, /Ни одна статья не подходит к «zzzzqqq»/, 'Russian by default, like the other commands');
    assert.match(cli('search', 'zzzzqqq', '--kb', dir, '--locale', 'en').out, /No articles match "zzzzqqq"/);
  });

  it('exits 2 with usage on stderr for usage errors', () => {
    for (const args of [[], ['search'], ['search', 'a', '--limit', 'x'], ['search', 'a', '--bogus'], ['frobnicate']]) {
      const r = cli(...args);
      assert.equal(r.code, 2, `args: ${args.join(' ')}`);
      assert.match(r.err, /Usage:/);
      assert.equal(r.out, '');
    }
  });

  it('exits 1 naming the file and line when a KB file is broken, or the path is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skb-'));
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, '---\nlang: klingon\n---\n## A\nb');
    const r = cli('search', 'a', '--kb', bad, '--locale', 'en');
    assert.equal(r.code, 1);
    assert.ok(r.err.includes(`${bad}:2: unknown lang "klingon"`), r.err);
    const missing = cli('search', 'a', '--kb', join(dir, 'nope'), '--locale', 'en');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /KB path not found/);
    // Russian unless asked otherwise, as `check`, `lint` and `gaps`; still the file and line first.
    const ru = cli('search', 'a', '--kb', bad);
    assert.equal(ru.code, 1);
    assert.ok(ru.err.includes(`${bad}:2: Неизвестный язык lang: «klingon»`), ru.err);
    assert.match(cli('search', 'a', '--kb', join(dir, 'nope')).err, /Путь к базе знаний не найден/);
    assert.equal(cli('search', 'a', '--kb', bad, '--locale', 'de').code, 2, 'an unknown --locale is a usage error');
  });

  it('searches and checks with the rest of the KB when one file is broken, and still exits 1 naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skb-'));
    writeFileSync(join(dir, 'good.md'), '## Замена лампы ближнего света\nОбратитесь к дилеру.\n');
    writeFileSync(join(dir, 'binary.md'), '## A\u0000\u0000\n');
    writeFileSync(join(dir, 'checklists.json'), '{"checklists": [{"id": 5}]}');
    const r = cli('search', 'лампа ближнего света', '--kb', dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /Замена лампы ближнего света/);
    assert.ok(r.err.includes(join(dir, 'binary.md')), r.err);
    assert.ok(r.err.includes(join(dir, 'checklists.json')), r.err);
    const draft = join(dir, 'draft.txt');
    writeFileSync(draft, 'Здравствуйте! Пришлите, пожалуйста, VIN.\n');
    const c = cli('check', draft, '--kb', dir, '--json');
    assert.equal(c.code, 1);
    assert.doesNotThrow(() => JSON.parse(c.out), 'the report is still printed');
    assert.ok(c.err.includes(join(dir, 'checklists.json')), c.err);
  });

  it('import-numbered prints the same markdown the bundled Danish KB holds', () => {
    const r = cli('import-numbered', DA_SOURCE);
    assert.equal(r.code, 0);
    assert.equal(r.out, read(DA_KB));
  });
});

describe('support-kb as installed by npm ci', () => {
  it('runs through `npx support-kb` (the package bin) with the same JSON contract', () => {
    const r = spawnSync('npx', ['--no-install', 'support-kb', 'search', 'забыл пароль', '--json', '--limit', '1'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.results.length, 1);
    assert.match(json.results[0].title, /парол/i);
  });
});

describe('support-kb search: highlights, duplicates and filters', () => {
  it('adds highlights (ranges of the matched words) and similar ids to --json results', () => {
    const json = JSON.parse(cli('search', 'паролем', '--json', '--limit', '3').out);
    for (const r of json.results) {
      assert.ok(Array.isArray(r.similar));
      assert.ok(r.highlights.title.length + r.highlights.body.length > 0, 'something is highlighted');
      for (const [s, e] of r.highlights.body) assert.match(r.body.slice(s, e), /парол/i);
    }
  });

  it('filters by --source, --lang and --category, and rejects an unknown language', () => {
    const da = JSON.parse(cli('search', 'Kia Connect', '--json', '--lang', 'da').out);
    assert.ok(da.results.length > 0 && da.results.every((r: { lang: string }) => r.lang === 'da'));
    const ru = JSON.parse(cli('search', 'Kia Connect', '--json', '--source', 'kia-support-ru', '--category', 'Kia Connect').out);
    assert.ok(ru.results.length > 0 && ru.results.every((r: { source: string; category: string }) => r.source === 'kia-support-ru'));
    assert.equal(JSON.parse(cli('search', 'Kia Connect', '--json', '--category', 'nope').out).results.length, 0);
    assert.equal(cli('search', 'x', '--lang', 'fr').code, 2);
  });
});
