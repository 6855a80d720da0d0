import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { lintKb, titleJunk, type LintFinding } from '../../src/core/kb/lint';
import { parseLintConfig, globMatch, type LintConfig } from '../../src/core/kb/lintConfig';
import { LINT_CODES } from '../../src/core/kb/lintRules';
import { toSarif } from '../../src/core/kb/lintSarif';
import { dot, similarPairs, tfidfVectors } from '../../src/core/kb/lintSimilarity';
import { kbFileKind } from '../../src/core/kb/kbFolder';
import { LintCancelled, lintInWorker } from '../../src/node/lintRun';
import { ALIASES, CHECKLISTS, CLI, DA_KB, REPO, RU_KB, read } from './helpers';

const FIXTURES = join(REPO, 'test', 'fixtures', 'lint');
const expected: Record<string, [string, number][]> = JSON.parse(read(join(FIXTURES, 'expected.json')));

function fixtureInputs(name: string) {
  const dir = join(FIXTURES, name);
  return readdirSync(dir).filter((f) => kbFileKind(f) !== 'other').sort().map((f) => ({ file: join(dir, f), text: read(join(dir, f)) }));
}

function fixtureConfig(name: string): LintConfig | undefined {
  const file = join(FIXTURES, name, '.support-kb-lint.json');
  return statSync(file, { throwIfNoEntry: false }) ? parseLintConfig(read(file)).config : undefined;
}

const codesAndLines = (findings: LintFinding[]) => findings.map((f) => `${f.code}@${f.line}`).sort();

function cli(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function bundledInputs() {
  return [RU_KB, DA_KB, ALIASES, CHECKLISTS].map((file) => ({ file: relative(REPO, file), text: read(file) }));
}

describe('KB lint rules (fixtures in test/fixtures/lint, expected findings worked out by hand)', () => {
  for (const [name, want] of Object.entries(expected).filter(([k]) => !k.startsWith('$'))) {
    it(`${name}: exactly the expected findings, no more`, () => {
      const config = fixtureConfig(name);
      const got = lintKb(fixtureInputs(name), { locale: 'en', ...(config ? { config } : {}) });
      assert.deepEqual(codesAndLines(got), want.map(([c, l]) => `${c}@${l}`).sort(), JSON.stringify(got, null, 1));
    });
  }

  it('a settings file with mistakes is an error finding of its own (kb.config.invalid), and its good parts apply', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skb-lint-'));
    writeFileSync(join(dir, 'kb.md'), '## A\n\nhtps://example.ru/a\n');
    writeFileSync(join(dir, '.support-kb-lint.json'), JSON.stringify({ rules: { 'kb.link.malformed': 'off', 'kb.no-such-rule': 'error' } }));
    const r = cli(['lint', dir, '--json', '--locale', 'en']);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.out).findings;
    assert.deepEqual(findings.map((f: { code: string; line: number }) => [f.code, f.line]), [['kb.config.invalid', 1]]);
    assert.match(findings[0].message, /kb\.no-such-rule/);
    assert.match(findings[0].file, /\.support-kb-lint\.json$/);
  });

  it('covers every rule with at least one fixture (except file and config errors, tested below)', () => {
    const covered = new Set(Object.values(expected).flat().map((x) => (Array.isArray(x) ? x[0] : '')));
    for (const code of LINT_CODES.filter((c) => c !== 'kb.file.invalid' && c !== 'kb.config.invalid')) assert.ok(covered.has(code), `no fixture for ${code}`);
  });

  it('each rule can be switched off by code, and its severity changed', () => {
    for (const [name, want] of Object.entries(expected)) {
      if (!Array.isArray(want)) continue;
      for (const code of new Set(want.map(([c]) => c))) {
        const off = lintKb(fixtureInputs(name), { config: { rules: { [code]: 'off' }, overrides: [] } as LintConfig });
        assert.ok(!off.some((f) => f.code === code), `${code} still reported when off`);
        const asError = lintKb(fixtureInputs(name), { config: { rules: { [code]: 'error' }, overrides: [] } as LintConfig });
        assert.ok(asError.filter((f) => f.code === code).every((f) => f.severity === 'error'));
      }
    }
  });

  it('overrides apply to the files they name only', () => {
    const config = parseLintConfig(JSON.stringify({ overrides: [{ files: ['k*.md'], rules: { 'kb.duplicate.exact': 'off' } }] })).config;
    const found = lintKb(fixtureInputs('duplicates'), { config });
    assert.ok(!found.some((f) => f.code === 'kb.duplicate.exact'));
    const other = parseLintConfig(JSON.stringify({ overrides: [{ files: ['other.md'], rules: { 'kb.duplicate.exact': 'off' } }] })).config;
    assert.ok(lintKb(fixtureInputs('duplicates'), { config: other }).some((f) => f.code === 'kb.duplicate.exact'));
    assert.ok(globMatch('kia-*-ru.md', 'kia-support-ru.md') && !globMatch('kia-*-ru.md', 'kia-support-da.md') && globMatch('*', ''));
  });

  it('the settings schema (contributed for .support-kb-lint.json) knows every rule and accepts the fixture settings', () => {
    const schema = JSON.parse(read(join(REPO, 'kb', 'support-kb-lint.schema.json')));
    assert.deepEqual(Object.keys(schema.definitions.rules.properties).sort(), [...LINT_CODES].sort());
    const validate = new Ajv({ allErrors: true }).compile(schema);
    assert.ok(validate(JSON.parse(read(join(FIXTURES, 'sizes', '.support-kb-lint.json')))), JSON.stringify(validate.errors));
    assert.equal(validate({ rules: { 'kb.article.long': 'loud' } }), false);
    const pkg = JSON.parse(read(join(REPO, 'package.json')));
    assert.ok(pkg.contributes.jsonValidation.some((v: { url: string }) => v.url === './kb/support-kb-lint.schema.json'));
  });

  it('settings with mistakes are reported and their good parts still apply', () => {
    const { config, problems } = parseLintConfig(JSON.stringify({ rules: { 'kb.no-such-rule': 'off', 'kb.article.long': 'loud', 'kb.duplicate.near': { threshold: 7 }, 'kb.link.variant': 'off' }, extra: 1 }));
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems.join('\n'), /kb\.no-such-rule/);
    assert.match(problems.join('\n'), /threshold/);
    assert.deepEqual(config.rules, { 'kb.duplicate.near': {}, 'kb.link.variant': 'off' });
    assert.deepEqual(parseLintConfig('{ not json').problems.length, 1);
  });

  it('a broken KB file is one finding with its file and line; the other files are still linted', () => {
    const found = lintKb([
      { file: 'bad.md', text: '---\nlang: xx\n---\n## A\n\nText' },
      ...fixtureInputs('duplicates'),
    ], { locale: 'en' });
    const bad = found.find((f) => f.code === 'kb.file.invalid');
    assert.ok(bad && bad.file === 'bad.md' && bad.line === 2 && bad.severity === 'error', JSON.stringify(bad));
    assert.ok(found.some((f) => f.code === 'kb.duplicate.exact'));
  });

  it('messages come in Russian and in English', () => {
    const ru = lintKb(fixtureInputs('titles'), { locale: 'ru' });
    const en = lintKb(fixtureInputs('titles'), { locale: 'en' });
    assert.match(ru.find((f) => f.code === 'kb.title.junk')!.message, /приклеено/);
    assert.match(en.find((f) => f.code === 'kb.title.junk')!.message, /glued/);
  });

  it('prose about links is not a link: no false errors', () => {
    const text = '## Протоколы\n\nСайт работал по http: это устарело. Пишите https: с двумя косыми, www.kia.ru — главная; см. Kia.ru/kiaflex.\n';
    assert.deepEqual(lintKb([{ file: 'p.md', text }]).filter((f) => f.code.startsWith('kb.link')), []);
  });

  it('finds title junk only where a word runs into a tag', () => {
    assert.deepEqual(titleJunk('Добавить по VIN номеруsystem_apps96'), { start: 22, junk: 'system_apps96', fixed: 'Добавить по VIN номеру' });
    assert.equal(titleJunk('Заказ оплачен system_apps3')?.fixed, 'Заказ оплачен');
    for (const fine of ['Kia Connect и MyKia 2.0', 'Ошибка на Kia.ru/kiaflex', 'SIM-карта и VIN-номер', 'Soul 3 2019г.в', 'e-mail и snake case']) assert.equal(titleJunk(fine), undefined, fine);
  });
});

describe('lint in a worker thread (what the editor uses)', () => {
  const worker = join(REPO, 'dist', 'lintWorker.js');
  it('gives the same findings as linting on this thread', async () => {
    const inputs = fixtureInputs('duplicates');
    assert.deepEqual(await lintInWorker(worker, inputs, { locale: 'ru' }).findings, lintKb(inputs, { locale: 'ru' }));
  });
  it('a cancelled run rejects with LintCancelled', async () => {
    const run = lintInWorker(worker, bundledInputs(), {});
    run.cancel();
    await assert.rejects(run.findings, LintCancelled);
  });
});

describe('near-duplicate search', () => {
  it('finds exactly the pairs all-pairs comparison finds (random texts, several thresholds)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const vocab = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const base = Array.from({ length: 40 }, () => Array.from({ length: 5 + Math.floor(rnd() * 30) }, () => vocab[Math.floor(rnd() * rnd() * vocab.length)]!));
    const docs = [...base, ...base.slice(0, 15).map((d) => d.map((w) => (rnd() < 0.2 ? vocab[Math.floor(rnd() * vocab.length)]! : w)))];
    const vectors = tfidfVectors(docs);
    for (const t of [0.3, 0.5, 0.65, 0.8, 0.95]) {
      const brute: string[] = [];
      for (let i = 0; i < vectors.length; i++) for (let j = i + 1; j < vectors.length; j++) if (dot(vectors[i]!, vectors[j]!) >= t - 1e-9) brute.push(`${i}-${j}`);
      assert.deepEqual(similarPairs(vectors, t).map((p) => `${p.a}-${p.b}`).sort(), brute.sort(), `threshold ${t}`);
    }
  });
});

describe('the bundled KB against the maintainers\' gold list (test/fixtures/lint/gold.json)', () => {
  const gold = JSON.parse(read(join(FIXTURES, 'gold.json'))) as {
    nearDuplicates: { a: string; b: string }[];
    borderline: { a: string; b: string }[];
    titles: { at: string; kind: string }[];
  };
  const findings = lintKb(bundledInputs(), { locale: 'en' });
  const where = (f: { file: string; line: number }) => `${f.file.replace(/^kb\//, '')}:${f.line}`;
  const key = (a: string, b: string) => [a, b].sort().join('|');

  it('reports every near-duplicate cluster with its other articles as related locations; precision ≥ 0.7, recall ≥ 0.5 on pairs', () => {
    const reported = new Set<string>();
    for (const f of findings.filter((f) => f.code === 'kb.duplicate.near' || f.code === 'kb.duplicate.exact')) {
      assert.ok(f.related.length > 0);
      for (const r of f.related) reported.add(key(where(f), where(r)));
    }
    const truth = new Set(gold.nearDuplicates.map((p) => key(p.a, p.b)));
    const ignore = new Set(gold.borderline.map((p) => key(p.a, p.b)));
    const judged = [...reported].filter((k) => !ignore.has(k));
    const tp = judged.filter((k) => truth.has(k)).length;
    const precision = tp / judged.length;
    const recall = [...truth].filter((k) => reported.has(k)).length / truth.size;
    assert.ok(precision >= 0.7 && recall >= 0.5, `precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`);
  });

  it('finds both exact duplicates, the titles with junk glued on, and the titles that do not fit', () => {
    const at = (code: string) => new Set(findings.filter((f) => f.code === code).map(where));
    const exact = at('kb.duplicate.exact');
    for (const l of ['kia-support-ru.md:420', 'kia-support-ru.md:469', 'kia-support-ru.md:517', 'kia-support-ru.md:649']) assert.ok(exact.has(l), l);
    for (const t of gold.titles.filter((t) => t.kind === 'junk')) assert.ok(at('kb.title.junk').has(t.at), t.at);
    for (const t of gold.titles.filter((t) => t.kind === 'mismatch')) assert.ok(at('kb.title.mismatch').has(t.at), t.at);
    assert.ok(findings.some((f) => f.code === 'kb.contact.phone' && where(f) === 'kia-support-ru.md:413'), 'the phone number broken over two lines');
  });

  it('never reports an error on the bundled KB (CI stays green) and leaves its text as it is', () => {
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
  });
});

describe('support-kb lint (CLI)', () => {
  it('--json prints exactly {findings: [{code, severity, message, file, line, related: [{file, line}]}]} with paths relative to the current folder', () => {
    const { code, out } = cli(['lint', 'test/fixtures/lint/duplicates', '--json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.deepEqual(Object.keys(json), ['findings']);
    assert.ok(json.findings.length > 0);
    for (const f of json.findings) {
      assert.deepEqual(Object.keys(f), ['code', 'severity', 'message', 'file', 'line', 'related']);
      assert.equal(f.file, 'test/fixtures/lint/duplicates/kb.md');
      assert.ok(Number.isInteger(f.line) && f.line >= 1);
      for (const r of f.related) assert.deepEqual(Object.keys(r), ['file', 'line']);
    }
    const near = json.findings.find((f: { code: string }) => f.code === 'kb.duplicate.near');
    assert.deepEqual(near.related, [{ file: 'test/fixtures/lint/duplicates/kb.md', line: near.line === 11 ? 15 : 11 }]);
  });

  it('exits 1 when an error-severity rule fires, 0 otherwise, 2 on bad usage', () => {
    assert.equal(cli(['lint', 'test/fixtures/lint/links']).code, 1);
    assert.equal(cli(['lint', 'test/fixtures/lint/clean']).code, 0);
    assert.equal(cli(['lint', '--json', '--sarif']).code, 2);
    const dir = mkdtempSync(join(tmpdir(), 'skb-lint-'));
    writeFileSync(join(dir, 'kb.md'), '## A\n\nhttps://example.ru/a\n');
    writeFileSync(join(dir, '.support-kb-lint.json'), JSON.stringify({ rules: { 'kb.link.malformed': 'off', 'kb.article.empty': 'error' } }));
    writeFileSync(join(dir, 'b.md'), '## B\n\nhtps://example.ru/b\n\n## C\n');
    const r = cli(['lint', dir, '--json']);
    assert.equal(r.code, 1, 'the folder\'s settings make the empty article an error');
    assert.deepEqual(JSON.parse(r.out).findings.map((f: { code: string }) => f.code), ['kb.article.empty']);
  });

  it('--sarif validates against the SARIF 2.1.0 schema', () => {
    const { code, out } = cli(['lint', 'test/fixtures/lint/links', '--sarif']);
    assert.equal(code, 1);
    const log = JSON.parse(out);
    const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
    ajv.addMetaSchema(JSON.parse(read(join(REPO, 'node_modules', 'ajv', 'lib', 'refs', 'json-schema-draft-04.json'))));
    const validate = ajv.compile(JSON.parse(read(join(FIXTURES, 'sarif-2.1.0-rtm.5.json'))));
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    const results = log.runs[0].results;
    assert.ok(results.some((r: { ruleId: string; level: string }) => r.ruleId === 'kb.link.malformed' && r.level === 'error'));
    assert.ok(results.every((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'test/fixtures/lint/links/kb.md'));
    // The schema check can fail: a result without a message is rejected.
    assert.equal(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ruleId: 'x' }] }] }), false);
    // Related locations and Russian text (and a path with spaces) survive too.
    const sarif = toSarif(lintKb(fixtureInputs('duplicates'), { locale: 'ru' }).map((f) => ({ ...f, file: 'папка с пробелом/kb.md' })), { version: '1.0.0' });
    assert.ok(validate(sarif), ajv.errorsText(validate.errors));
  });

  it('--fix-titles-dry-run shows the title fixes as a diff and writes nothing', () => {
    const before = read(RU_KB);
    const { code, out } = cli(['lint', 'kb', '--fix-titles-dry-run']);
    assert.equal(code, 0);
    assert.match(out, /^--- a\/kb\/kia-support-ru\.md\n\+\+\+ b\/kb\/kia-support-ru\.md\n@@ -420 \+420 @@\n-## Добавить автомобиль в личный кабинет по российскому VIN номеруsystem_apps96\n\+## Добавить автомобиль в личный кабинет по российскому VIN номеру\n/);
    assert.equal(readFileSync(RU_KB, 'utf8'), before);
  });
});
