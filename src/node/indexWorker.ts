// The index worker: hashes the KB files, opens the saved index or builds it (reporting progress),
// saves it, and hands the snapshot back. Runs off the extension host's thread; see indexBuild.ts.
// The articles cross the thread boundary only when the saved index cannot be used as it is.
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../core/kb/types';
import { contentHash, isCurrent, loadOrBuildSnapshot, readCache, type CachedFile } from './indexCache';
import { snapshotArrays, type IndexSnapshot } from '../core/search/index';
import type { FromIndexWorker, IndexWorkerStart, ToIndexWorker } from './indexBuild';

const input = workerData as IndexWorkerStart;
const post = (m: FromIndexWorker, transfer?: ArrayBuffer[]) => parentPort!.postMessage(m, transfer);
const done = (snapshot: IndexSnapshot, outcome: Extract<FromIndexWorker, { type: 'done' }>['outcome'], detail?: string) =>
  // Moved, not copied; a snapshot read from the cache has all its arrays in one buffer, listed once.
  post({ type: 'done', snapshot, outcome, ...(detail ? { detail } : {}) }, [...new Set(snapshotArrays(snapshot).map((a) => a.buffer as ArrayBuffer))]);
const fail = (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) });

try {
  const hashes = new Map(input.inputs.map((i) => [i.file, contentHash(i.text)]));
  const files: CachedFile[] = input.files.map((f) => ({ file: f.file, hash: hashes.get(f.file) ?? '', ids: f.ids }));
  const read = input.cacheFile ? readCache(input.cacheFile) : undefined;
  if (read?.cached && isCurrent(read.cached, files)) done(read.cached.snapshot, 'hit');
  else {
    const articles: Article[] = [];
    parentPort!.on('message', (m: ToIndexWorker) => {
      if (m.type === 'articles') {
        for (const a of m.articles) articles.push(a);
        return;
      }
      try {
        const result = loadOrBuildSnapshot(articles, hashes, input.cacheFile, (d, total) => post({ type: 'progress', done: d, total }), read ? { read } : {});
        done(result.snapshot, result.outcome, result.detail);
      } catch (e) {
        fail(e);
      }
    });
    post({ type: 'need-articles' });
  }
} catch (e) {
  fail(e);
}
