import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KbIndex, SNAPSHOT_ARRAYS } from '../../src/core/search/index';
import { buildInWorker, IndexBuildCancelled } from '../../src/node/indexBuild';
import { cacheFileFor, contentHash, CorruptCacheError, decodeCache, encodeCache, fileKeys, loadOrBuildSnapshot, openIndex } from '../../src/node/indexCache';
import { readKbInputs } from '../../src/node/loadKb';
import { assembleKb } from '../../src/core/kb/assemble';
import type { KbFileInput } from '../../src/core/kb/parse';
import { isUnreadable } from '../../src/core/kb/read';
import { ALIASES, DA_KB, REPO, RU_KB } from './helpers';

const GOLD: string[] = JSON.parse(readFileSync(path.join(REPO, 'bench', 'gold', 'queries.json'), 'utf8')).queries.map((q: { query: string }) => q.query);
const WORKER = path.join(REPO, 'dist', 'indexWorker.js');

/** Top-5 ids and scores of every gold query, to compare two indexes answer for answer. */
function answers(index: KbIndex): string[] {
  return GOLD.map((q) => index.search(q, { limit: 5 }).map((h) => `${h.article.id}:${h.score.toFixed(6)}:${h.similar.join('+')}`).join(' '));
}

describe('saved index (cache)', () => {
  let dir: string;
  let kbDir: string;
  let cacheDir: string;
  let paths: string[];
  const fresh = async () => {
    const kb = assembleKb(await readKbInputs(paths));
    return new KbIndex(kb.articles, kb.aliases);
  };

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'support-kb-cache-'));
    kbDir = path.join(dir, 'kb');
    cacheDir = path.join(dir, 'cache');
    mkdirSync(kbDir);
    for (const f of [RU_KB, DA_KB, ALIASES]) copyFileSync(f, path.join(kbDir, path.basename(f)));
    paths = [kbDir];
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('misses, saves, then hits with the same answers as a fresh build', async () => {
    const first = await openIndex(paths, { cacheDir });
    assert.equal(first.cache, 'miss');
    assert.ok(existsSync(cacheFileFor(cacheDir, paths.map((p) => path.resolve(p)))));
    const second = await openIndex(paths, { cacheDir });
    assert.equal(second.cache, 'hit');
    assert.deepEqual(answers(second.index), answers(await fresh()));
    // The articles come back from the saved parse field for field, their text word for word.
    assert.deepEqual(second.kb.articles, assembleKb(await readKbInputs(paths)).articles);
  });

  it('re-indexes only a changed file, and answers as a fresh build of the new files does', async () => {
    const da = path.join(kbDir, path.basename(DA_KB));
    writeFileSync(da, readFileSync(da, 'utf8') + '\n## 99 Vinterdæk og snekæder\n\nSnekæder må kun bruges på vinterdæk med særlig markering.\n');
    const opened = await openIndex(paths, { cacheDir });
    assert.equal(opened.cache, 'partial');
    assert.match(opened.detail ?? '', /1 of 2 files/);
    assert.equal(opened.index.search('snekæder', { limit: 1 })[0]?.article.title, '99 Vinterdæk og snekæder');
    assert.deepEqual(answers(opened.index), answers(await fresh()));
    assert.equal((await openIndex(paths, { cacheDir })).cache, 'hit', 'the updated index was saved');
  });

  it('a file touched without changing is still a hit (its content hash decides), and its new time is saved', async () => {
    const ru = path.join(kbDir, path.basename(RU_KB));
    const old = new Date(Date.now() - 60_000);
    utimesSync(ru, old, old);
    assert.equal((await openIndex(paths, { cacheDir })).cache, 'hit');
    const file = cacheFileFor(cacheDir, paths.map((p) => path.resolve(p)));
    const saved = decodeCache(readFileSync(file)).parsedFiles.find((p) => p.file === ru);
    assert.equal(saved?.mtimeMs, statSync(ru).mtimeMs, 'the saved parse knows the new modification time');
    const again = await openIndex(paths, { cacheDir });
    assert.equal(again.cache, 'hit');
    assert.deepEqual(answers(again.index), answers(await fresh()), 'the saved parse gives the same articles');
  });

  it('detects a corrupt cache (altered, truncated, garbage) and rebuilds it', async () => {
    const file = cacheFileFor(cacheDir, paths.map((p) => path.resolve(p)));
    const good = readFileSync(file);
    const altered = Buffer.from(good);
    altered[altered.length - 100] ^= 0xff;
    for (const bytes of [altered, good.subarray(0, good.length >> 1), Buffer.from('not an index')]) {
      writeFileSync(file, bytes);
      const opened = await openIndex(paths, { cacheDir });
      assert.equal(opened.cache, 'corrupt');
      assert.deepEqual(answers(opened.index), answers(await fresh()));
      assert.equal((await openIndex(paths, { cacheDir })).cache, 'hit', 'rebuilt and saved again');
    }
  });

  it('treats a cache file of another layout (an older extension wrote it) as stale', async () => {
    const file = cacheFileFor(cacheDir, paths.map((p) => path.resolve(p)));
    const older = Buffer.from(readFileSync(file));
    older.write('SKBIDX02', 0, 'latin1');
    writeFileSync(file, older);
    const opened = await openIndex(paths, { cacheDir });
    assert.equal(opened.cache, 'stale');
    assert.match(opened.detail ?? '', /layout 02/);
    assert.deepEqual(answers(opened.index), answers(await fresh()));
    assert.equal((await openIndex(paths, { cacheDir })).cache, 'hit');
  });

  it('detects damage anywhere in the file (header, index arrays, article text) and a file cut short by a byte', async () => {
    const file = cacheFileFor(cacheDir, paths.map((p) => path.resolve(p)));
    const good = readFileSync(file);
    const damaged = (at: number) => {
      const bytes = Buffer.from(good);
      bytes[at] ^= 0x01;
      return bytes;
    };
    for (const bytes of [damaged(20), damaged(good.length >> 1), damaged(good.length - 2), good.subarray(0, good.length - 1)]) {
      assert.throws(() => decodeCache(bytes), CorruptCacheError);
    }
    assert.ok(decodeCache(good), 'the undamaged file reads back');
  });

  it('saves and reads back every typed array of the snapshot, by the one list of them (SNAPSHOT_ARRAYS)', async () => {
    const kb = assembleKb(await readKbInputs(paths));
    const snapshot = new KbIndex(kb.articles).toSnapshot();
    const arrayFields = Object.keys(snapshot).filter((k) => ArrayBuffer.isView(snapshot[k as keyof typeof snapshot]));
    assert.deepEqual(new Set(SNAPSHOT_ARRAYS.map((a) => a.field)), new Set(arrayFields), 'a typed array of IndexSnapshot is missing from SNAPSHOT_ARRAYS');
    const back = decodeCache(encodeCache(snapshot, [])).snapshot;
    for (const { field, type } of SNAPSHOT_ARRAYS) {
      assert.ok(back[field] instanceof type, field);
      assert.deepEqual([...back[field]], [...snapshot[field]], field);
    }
  });

  it('treats a cache of another index format version as stale', async () => {
    const file = cacheFileFor(cacheDir, paths.map((p) => path.resolve(p)));
    const { snapshot, files } = decodeCache(readFileSync(file));
    writeFileSync(file, encodeCache({ ...snapshot, formatVersion: snapshot.formatVersion - 1 }, files));
    const opened = await openIndex(paths, { cacheDir });
    assert.equal(opened.cache, 'stale');
    assert.deepEqual(answers(opened.index), answers(await fresh()));
  });

  it('never trusts a snapshot that does not hold exactly the articles given', async () => {
    const kb = assembleKb(await readKbInputs(paths));
    const snapshot = new KbIndex(kb.articles).toSnapshot();
    assert.equal(KbIndex.fromSnapshot(snapshot, kb.articles.slice(1)), undefined);
    assert.ok(KbIndex.fromSnapshot(snapshot, kb.articles));
  });

  it('never trusts a snapshot whose postings do not match its terms: reopening throws, an update rebuilds', async () => {
    const kb = assembleKb(await readKbInputs(paths));
    const good = new KbIndex(kb.articles).toSnapshot();
    const damaged = { ...good, postings: good.postings.subarray(0, good.postings.length - 1) };
    assert.throws(() => new KbIndex(kb.articles, undefined, { snapshot: damaged }), /postings do not match their terms/);
    await assert.rejects(KbIndex.fromSnapshotAsync(damaged, kb.articles), /postings do not match their terms/);
    // One file changed since the damaged snapshot was saved: the update does not carry the damage on.
    const hashes = new Map(kb.articles.map((a) => [a.file, 'now']));
    const files = fileKeys(kb.articles, new Map(kb.articles.map((a) => [a.file, a.file.endsWith(path.basename(DA_KB)) ? 'before' : 'now'])));
    const result = loadOrBuildSnapshot(kb.articles, hashes, path.join(dir, 'damaged.skb'), undefined, { read: { outcome: 'hit', cached: { snapshot: damaged, files, parsedFiles: [], writtenAt: 0 } } });
    assert.equal(result.outcome, 'corrupt');
    assert.deepEqual([...result.snapshot.postings], [...good.postings]);
  });

  const readable = async () => (await readKbInputs(paths)).filter((i): i is KbFileInput => !isUnreadable(i));

  it('builds in a worker thread with progress, and the snapshot reopens in slices', async () => {
    const inputs = await readable();
    const kb = assembleKb(inputs);
    const progress: number[] = [];
    const file = path.join(dir, 'worker.skb');
    const { result } = buildInWorker(WORKER, { articles: kb.articles, inputs, cacheFile: file }, (done) => progress.push(done));
    const { snapshot, outcome } = await result;
    assert.equal(outcome, 'miss');
    assert.ok(progress.length >= 1 && progress[progress.length - 1] === kb.articles.length, `progress: ${progress.join()}`);
    let pauses = 0;
    const index = await KbIndex.fromSnapshotAsync(snapshot, kb.articles, kb.aliases, {
      pause: async () => {
        pauses++;
      },
      slice: 5000,
    });
    assert.ok(index);
    assert.ok(pauses >= 2, 'the reopening yields between slices');
    assert.deepEqual(answers(index), answers(await fresh()));
    // The worker saved what it built: the next open is a hit, and the articles never cross over to it
    // (their bodies are not even read).
    const untouchable = kb.articles.map((a) => Object.defineProperty({ ...a }, 'body', { get: () => assert.fail('a hit needs no article text') }));
    const again = await buildInWorker(WORKER, { articles: untouchable, inputs, cacheFile: file }).result;
    assert.equal(again.outcome, 'hit');
    assert.equal(contentHash('a'), contentHash('a'));
  });

  it('cancels a build: the promise rejects as cancelled and no half-written cache is left', async () => {
    const inputs = await readable();
    const kb = assembleKb(inputs);
    // A KB large enough that the build is still running when it is cancelled.
    const many = Array.from({ length: 20 }, (_, copy) => kb.articles.map((a) => ({ ...a, id: `${a.id}~${copy}` }))).flat();
    const file = path.join(dir, 'cancelled.skb');
    const build = buildInWorker(WORKER, { articles: many, inputs, cacheFile: file }, () => build.cancel());
    await assert.rejects(build.result, IndexBuildCancelled);
    assert.ok(!existsSync(file), 'nothing saved for a cancelled build');
  });
});
