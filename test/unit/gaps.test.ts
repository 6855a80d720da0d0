import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GapTracker, isRefinement, type GapEntry } from '../../src/core/gaps/gaps';
import { redact } from '../../src/core/gaps/redact';
import { buildGapsReport, gapsReportCsv, isoWeek } from '../../src/core/gaps/report';
import { GapLogWriter, gapLogName, readGapFolder, rotatedName } from '../../src/node/gapLog';
import { CLI } from './helpers';

/** Personal data, written the ways customers and agents write it, inside Russian and English text. */
const PERSONAL = [
  { text: 'Здравствуйте, Иван Петрович! VIN XWEPH81ABN0001234 не добавляется', secrets: ['Иван', 'Петрович', 'XWEPH81ABN0001234'] },
  { text: 'добрый день, мария! мой вин хwеph81abn0001234 (кириллицей)', secrets: ['мария', 'хwеph81abn0001234'] },
  { text: 'Клиент пишет с почты ivan.petrov-1985@mail.ru и Мария_Иванова@почта.рф', secrets: ['ivan.petrov-1985', 'mail.ru', 'Мария_Иванова', 'почта.рф'] },
  { text: 'перезвоните на +7 (916) 123-45-67 или 8 916 1234567, или 89161234567', secrets: ['916', '123-45-67', '1234567', '89161234567'] },
  { text: 'IMEI модема 490154203237518, второй 49-015420-323751-8', secrets: ['490154203237518', '015420', '323751'] },
  { text: 'Меня зовут Анна Сергеевна Ковалёва, не приходит СМС', secrets: ['Анна', 'Сергеевна', 'Ковалёва'] },
  { text: 'Уважаемый Константин, пароль не восстанавливается', secrets: ['Константин'] },
  { text: 'Dear John Smith, my phone is 415-555-0132 and e-mail john@example.com', secrets: ['John', 'Smith', '415-555-0132', 'john@example.com', 'example.com'] },
  { text: 'С уважением, Ольга. Госномер А123ВС77, договор № 45-78-9012', secrets: ['Ольга', 'А123ВС77', '45-78-9012'] },
  { text: 'Здравствуйте Дмитрий\nне работает Kia Connect', secrets: ['Дмитрий'] },
];

describe('redaction before anything is written', () => {
  for (const { text, secrets } of PERSONAL) {
    it(`removes personal data: ${text.slice(0, 40)}…`, () => {
      const out = redact(text);
      for (const s of secrets) assert.ok(!out.toLowerCase().includes(s.toLowerCase()), `"${s}" survived in "${out}"`);
      const digitsRuns = out.match(/\d[\d\s\-()+]{3,}\d/g) ?? [];
      assert.deepEqual(digitsRuns.filter((r) => r.replace(/\D/g, '').length >= 5), [], out);
    });
  }

  it('keeps the words of the question', () => {
    assert.equal(redact('Здравствуйте, Иван! не приходит смс с кодом'), 'Здравствуйте, [name]! не приходит смс с кодом');
    assert.equal(redact('забыл пароль от личного кабинета'), 'забыл пароль от личного кабинета');
    assert.equal(redact('Добрый день. Не могу войти в Kia Connect 2021 года'), 'Добрый день. Не могу войти в Kia Connect 2021 года');
    assert.equal(redact('обновление навигации Sportage 5'), 'обновление навигации Sportage 5');
    assert.equal(redact('MyKia 2.0 не видит машину'), 'MyKia 2.0 не видит машину');
  });

  it('is linear on hostile input (a 200 000-character line of @, digits and letters completes)', () => {
    for (const unit of ['@', 'a@', '1 ', 'Здравствуйте, ', 'x1', '+7-']) {
      const out = redact(unit.repeat(200_000 / unit.length));
      assert.ok(typeof out === 'string');
    }
  });
});

describe('search-gap tracking', () => {
  function track() {
    const written: GapEntry[] = [];
    let now = Date.parse('2026-11-16T10:00:00Z');
    const tracker = new GapTracker((e) => written.push(e), () => now);
    return { tracker, written, advance: (ms: number) => (now += ms) };
  }

  it('one outcome per question while the agent types; redacted', () => {
    const { tracker, written, advance } = track();
    for (const q of ['з', 'за', 'забыл', 'забыл пар', 'забыл пароль Иван Петров 89161234567']) tracker.searched('sidebar', q, q.length > 5 ? 3 : 10);
    tracker.searched('sidebar', 'шиномонтаж', 0);
    advance(61_000);
    tracker.expire(60_000);
    assert.deepEqual(written.map((e) => [e.kind, e.query, e.results]), [
      ['no-pick', 'забыл пароль Иван Петров [number]', 3],
      ['no-result', 'шиномонтаж', 0],
    ]);
  });

  it('a used article ends the search as "used"; a closed picker without a pick as no-pick/no-result', () => {
    const { tracker, written } = track();
    tracker.searched('palette', 'обновить навигацию', 4);
    tracker.used('palette', { id: 'kb#nav', title: 'Обновление навигации' }, 'insert');
    tracker.searched('completion', 'каско', 0);
    tracker.end('completion');
    tracker.end('completion');
    assert.deepEqual(written.map((e) => [e.surface, e.kind, e.query, e.article ?? '']), [
      ['palette', 'used', 'обновить навигацию', 'kb#nav'],
      ['completion', 'no-result', 'каско', ''],
    ]);
    assert.ok(isRefinement('забыл парль', 'забыл пароль') && !isRefinement('пароль', 'навигация'));
  });
});

describe('search-gap log files', () => {
  it('rotates when the cap is reached: at most the current and one previous file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skb-gaps-'));
    const file = join(dir, gapLogName('machine-1'));
    const writer = new GapLogWriter(file, 2000);
    for (let i = 0; i < 100; i++) {
      void writer.append({ v: 1, t: new Date(Date.UTC(2026, 10, 16, 10, i)).toISOString(), surface: 'sidebar', kind: 'no-result', query: `вопрос номер ${'x'.repeat(i % 7)} ${i}`, results: 0 });
    }
    await writer.flushed();
    assert.deepEqual(readdirSync(dir).sort(), [rotatedName(file), file].map((f) => f.slice(dir.length + 1)).sort());
    assert.ok(statSync(file).size <= 2000 && statSync(rotatedName(file)).size <= 2000);
    const read = await readGapFolder(dir);
    assert.deepEqual(read.problems, []);
    assert.ok(read.entries.length > 10 && read.entries.length < 100, 'old entries were dropped');
    assert.ok(read.entries.some((e) => e.query.endsWith(' 99')), 'the newest entry is kept');
    assert.doesNotMatch(gapLogName('machine-1'), /machine/);
  });

  it('skips bad lines with their file and line, and reads the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skb-gaps-'));
    writeFileSync(join(dir, 'gaps-a.jsonl'), '{"v":1,"t":"2026-11-16T10:00:00Z","surface":"palette","kind":"no-result","query":"каско","results":0}\nnot json\n{"v":2}\n');
    const read = await readGapFolder(dir);
    assert.equal(read.entries.length, 1);
    assert.deepEqual(read.problems.map((p) => p.replace(dir, '')), ['/gaps-a.jsonl:2: not JSON; line skipped', '/gaps-a.jsonl:3: not a search-gap entry (v: 1); line skipped']);
  });
});

describe('search-gap report', () => {
  const e = (t: string, kind: GapEntry['kind'], query: string, extra: Partial<GapEntry> = {}): GapEntry => ({ v: 1, t, surface: 'sidebar', kind, query, results: kind === 'no-result' ? 0 : 3, ...extra });
  const entries = [
    e('2026-11-09T09:00:00Z', 'no-result', 'каско'),
    e('2026-11-10T09:00:00Z', 'no-result', 'КАСКО '),
    e('2026-11-17T09:00:00Z', 'no-result', 'каско'),
    e('2026-11-18T09:00:00Z', 'no-result', 'шиномонтаж'),
    e('2026-11-18T10:00:00Z', 'no-pick', 'сброс пароля'),
    e('2026-11-18T11:00:00Z', 'used', 'навигация', { article: 'kb#nav', title: 'Обновление навигации', action: 'insert' }),
    e('2026-11-19T11:00:00Z', 'used', 'навигац', { article: 'kb#nav', title: 'Обновление навигации', action: 'insert' }),
    e('2026-11-19T12:00:00Z', 'used', 'пароль', { article: 'kb#pass', title: 'Пароль', action: 'copy' }),
    e('2025-01-01T12:00:00Z', 'no-result', 'очень старое'),
  ];

  it('counts by week, groups spellings, ranks queries and inserted articles', () => {
    const r = buildGapsReport(entries, { weeks: 3, now: new Date('2026-11-20T00:00:00Z') });
    assert.deepEqual(r.weeks.map((w) => [w.week, w.noResult, w.noPick, w.used]), [['2026-W45', 0, 0, 0], ['2026-W46', 2, 0, 0], ['2026-W47', 2, 1, 3]]);
    assert.deepEqual(r.noResult.map((q) => [q.query, q.count, q.perWeek]), [['каско', 3, [0, 2, 1]], ['шиномонтаж', 1, [0, 0, 1]]]);
    assert.deepEqual(r.noPick.map((q) => q.query), ['сброс пароля']);
    assert.deepEqual(r.inserted, [{ article: 'kb#nav', title: 'Обновление навигации', count: 2 }]);
    assert.deepEqual(r.weeks[2]!.topNoResult, [{ query: 'каско', count: 1 }, { query: 'шиномонтаж', count: 1 }]);
    assert.deepEqual(r.totals, { searches: 8, noResult: 4, noPick: 1, used: 3 });
    assert.equal(isoWeek(new Date('2027-01-01T00:00:00Z')), '2026-W53');
    assert.equal(isoWeek(new Date('2026-01-01T00:00:00Z')), '2026-W01');
  });

  it('CSV quotes every cell and defuses formulas', () => {
    const csv = gapsReportCsv(buildGapsReport([e('2026-11-18T09:00:00Z', 'no-result', '=HYPERLINK("x")')], { weeks: 1 }));
    assert.match(csv, /^"kind","week","query_or_article","title","count"\r\n"no-result","2026-W47","'=HYPERLINK\(""x""\)","","1"\r\n$/);
  });

  it('support-kb gaps <folder> prints the report as text, --json and --csv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skb-gaps-'));
    writeFileSync(join(dir, 'gaps-1.jsonl'), entries.map((x) => JSON.stringify(x)).join('\n') + '\n');
    writeFileSync(join(dir, 'gaps-2.jsonl'), 'broken\n');
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'gaps', dir, ...args], { encoding: 'utf8' });
    const json = run('--json');
    assert.equal(json.status, 0);
    const report = JSON.parse(json.stdout);
    assert.equal(report.noResult[0].query, 'каско');
    assert.match(json.stderr, /gaps-2\.jsonl:1: not JSON/);
    assert.match(run('--csv').stdout, /^"kind","week"/);
    const text = run('--locale', 'en');
    assert.match(text.stdout, /Top searches without a result:\n +3 {2}каско/);
    assert.match(run().stdout, /Частые поиски без результата:\n +3 {2}каско/);
    assert.equal(spawnSync(process.execPath, [CLI, 'gaps'], { encoding: 'utf8' }).status, 2);
    assert.equal(readFileSync(join(dir, 'gaps-1.jsonl'), 'utf8').split('\n').length, entries.length + 1, 'the report never writes to the logs');
  });
});
