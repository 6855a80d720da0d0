import { createRequire } from 'node:module';
import type { KbFileInput } from '../core/kb/parse';
import type { Article } from '../core/kb/types';
import type { IndexSnapshot } from '../core/search/index';
import type { CacheOutcome } from './indexCache';

export interface IndexWorkerInput {
  articles: Article[];
  /** The KB files' texts, to hash them (the saved index is keyed by content). */
  inputs: KbFileInput[];
  cacheFile?: string;
}

export type IndexWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; snapshot: IndexSnapshot; outcome: CacheOutcome; detail?: string }
  | { type: 'error'; message: string };

export class IndexBuildCancelled extends Error {
  constructor() {
    super('index build cancelled');
    this.name = 'IndexBuildCancelled';
  }
}

export interface WorkerBuild {
  result: Promise<{ snapshot: IndexSnapshot; outcome: CacheOutcome; detail?: string }>;
  /** Stops the worker; `result` rejects with IndexBuildCancelled. The saved index is left as it was (written atomically). */
  cancel(): void;
}

/**
 * Opens or builds the index snapshot in a worker thread (`workerFile`: the bundled indexWorker.js), so
 * the extension host keeps answering while a large KB is indexed. Progress comes as (done, total).
 */
export function buildInWorker(workerFile: string, input: IndexWorkerInput, onProgress?: (done: number, total: number) => void): WorkerBuild {
  // Only the fields the index reads cross the thread boundary.
  const articles = input.articles.map(({ id, title, body, lang, path, file }) => ({ id, title, body, lang, path, file }) as Article);
  // Required here, not at the top: loading node:worker_threads costs every start of the extension host ~2 ms.
  const { Worker } = createRequire(__filename)('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(workerFile, { workerData: { ...input, articles } });
  let settled = false;
  let cancel: () => void = () => undefined;
  const result = new Promise<{ snapshot: IndexSnapshot; outcome: CacheOutcome; detail?: string }>((resolve, reject) => {
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    cancel = () => finish(() => reject(new IndexBuildCancelled()));
    worker.on('message', (m: IndexWorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.done, m.total);
      else if (m.type === 'done') finish(() => resolve({ snapshot: m.snapshot, outcome: m.outcome, ...(m.detail ? { detail: m.detail } : {}) }));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`index worker exited (code ${code})`))));
  });
  return { result, cancel: () => cancel() };
}
