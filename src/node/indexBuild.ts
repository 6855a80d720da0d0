import type { KbFileInput } from '../core/kb/parse';
import type { Article } from '../core/kb/types';
import type { IndexSnapshot } from '../core/search/index';
import type { CacheOutcome } from './indexCache';
import { workerThreads } from './lazyBuiltin';

export interface IndexWorkerInput {
  articles: Article[];
  /** The KB files' texts, to hash them (the saved index is keyed by content). */
  inputs: KbFileInput[];
  cacheFile?: string;
}

/** What the worker starts with: per KB file its article ids, and the files' texts to hash. */
export interface IndexWorkerStart {
  files: { file: string; ids: string[] }[];
  inputs: KbFileInput[];
  cacheFile?: string;
}

/** The articles, sent in slices when the worker asks for them, then `end`. */
export type ToIndexWorker = { type: 'articles'; articles: Article[] } | { type: 'end' };

export type FromIndexWorker =
  | { type: 'need-articles' }
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
  const files = new Map<string, string[]>();
  for (const a of input.articles) {
    const ids = files.get(a.file);
    if (ids) ids.push(a.id);
    else files.set(a.file, [a.id]);
  }
  const start: IndexWorkerStart = { files: [...files].map(([file, ids]) => ({ file, ids })), inputs: input.inputs, ...(input.cacheFile ? { cacheFile: input.cacheFile } : {}) };
  const { Worker } = workerThreads();
  const worker = new Worker(workerFile, { workerData: start });
  /**
   * The articles, only when the saved index cannot be used as it is, in slices with a pause between
   * them: copying 100,000 articles to another thread at once would hold up the extension host.
   */
  const sendArticles = async () => {
    const SLICE = 2000;
    for (let i = 0; i < input.articles.length && !settled; i += SLICE) {
      // Only the fields the index reads cross the thread boundary.
      const articles = input.articles.slice(i, i + SLICE).map(({ id, title, body, lang, path, file }) => ({ id, title, body, lang, path, file }) as Article);
      worker.postMessage({ type: 'articles', articles } satisfies ToIndexWorker);
      await new Promise((r) => setImmediate(r));
    }
    if (!settled) worker.postMessage({ type: 'end' } satisfies ToIndexWorker);
  };
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
    worker.on('message', (m: FromIndexWorker) => {
      if (m.type === 'need-articles') sendArticles().catch((e: unknown) => finish(() => reject(e)));
      else if (m.type === 'progress') onProgress?.(m.done, m.total);
      else if (m.type === 'done') finish(() => resolve({ snapshot: m.snapshot, outcome: m.outcome, ...(m.detail ? { detail: m.detail } : {}) }));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`index worker exited (code ${code})`))));
  });
  return { result, cancel: () => cancel() };
}
