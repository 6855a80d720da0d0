// The index worker: hashes the KB files, opens the saved index or builds it (reporting progress),
// saves it, and hands the snapshot back. Runs off the extension host's thread; see indexBuild.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { contentHash, loadOrBuildSnapshot } from './indexCache';
import type { IndexWorkerInput, IndexWorkerMessage } from './indexBuild';

const input = workerData as IndexWorkerInput;
const post = (m: IndexWorkerMessage, transfer?: ArrayBuffer[]) => parentPort!.postMessage(m, transfer);
try {
  const hashes = new Map(input.inputs.map((i) => [i.file, contentHash(i.text)]));
  const result = loadOrBuildSnapshot(input.articles, hashes, input.cacheFile, (done, total) => post({ type: 'progress', done, total }));
  const { snapshot } = result;
  post({ type: 'done', snapshot, outcome: result.outcome, ...(result.detail ? { detail: result.detail } : {}) }, [snapshot.postings.buffer as ArrayBuffer, snapshot.offsets.buffer as ArrayBuffer, snapshot.sequences.buffer as ArrayBuffer, snapshot.groups.buffer as ArrayBuffer]);
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
