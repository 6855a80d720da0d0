import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'support-kb-batch-'));
const cacheDir = join(dir, 'cache');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, XDG_CACHE_HOME: join(dir, 'xdg') } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A result line without its timing, to compare runs. */
const untimed = (line: string) => {
  const { tookMs, ...rest } = JSON.parse(line) as { tookMs: number };
  assert.equal(typeof tookMs, 'number');
  return rest;
};

describe('support-kb search --batch and the CLI cache', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  const queries = ['забыл пароль', '', 'rbf rjyytrn', 'opsigelsen af aftalen', 'qqqzzzxxx'];

  it('answers one JSON line per query line, the same as --json does query by query', () => {
    const file = join(dir, 'queries.txt');
    writeFileSync(file, queries.join('\n') + '\n');
    const batch = cli(['search', '--batch', file, '--limit', '3', '--cache-dir', cacheDir]);
    assert.equal(batch.code, 0, batch.err);
    const lines = batch.out.trimEnd().split('\n');
    const asked = queries.filter((q) => q.trim());
    assert.equal(lines.length, asked.length, 'blank lines are skipped');
    asked.forEach((q, i) => {
      const single = cli(['search', q, '--json', '--limit', '3', '--cache-dir', cacheDir]);
      assert.equal(single.code, 0, single.err);
      assert.deepEqual(untimed(lines[i]!), untimed(single.out), `same answer for ${q}`);
    });
    assert.deepEqual((untimed(lines[asked.length - 1]!) as { results: unknown[] }).results, [], 'nonsense gets an empty result list, not noise');
  });

  it('reads queries from stdin with -', () => {
    const r = cli(['search', '--batch', '-', '--cache-dir', cacheDir], 'личный кабинет\nимей\n');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { query: string }).query), ['личный кабинет', 'имей']);
  });

  it('saves the index in the cache folder, and --no-cache leaves none', () => {
    assert.ok(readdirSync(cacheDir).some((f) => f.endsWith('.skb')), 'the index was saved');
    const fresh = join(dir, 'unused-cache');
    const r = cli(['search', 'забыл пароль', '--json', '--no-cache', '--cache-dir', fresh]);
    assert.equal(r.code, 0, r.err);
    assert.throws(() => readdirSync(fresh), /ENOENT/);
  });

  it('rejects a query on the command line together with --batch, and a missing batch file', () => {
    assert.equal(cli(['search', 'x', '--batch', join(dir, 'queries.txt')]).code, 2);
    const missing = cli(['search', '--batch', join(dir, 'nope.txt')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.txt/);
  });
});
