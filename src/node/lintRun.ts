import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { lintKb, type LintFinding, type LintOptions } from '../core/kb/lint';
import type { KbFileInput } from '../core/kb/parse';

/** A lint run in a worker thread; `cancel()` terminates it (its promise then rejects with LintCancelled). */
export interface LintRun {
  findings: Promise<LintFinding[]>;
  cancel(): void;
}

export class LintCancelled extends Error {}

/**
 * Lints in a worker thread (`dist/lintWorker.js`), or on this thread when the worker file is
 * missing (tests run from source) or the worker fails to start.
 */
export function lintInWorker(workerFile: string, inputs: KbFileInput[], options: LintOptions): LintRun {
  if (!existsSync(workerFile)) return { findings: Promise.resolve(lintKb(inputs, options)), cancel: () => undefined };
  let worker: Worker;
  try {
    worker = new Worker(workerFile, { workerData: { inputs, options } });
  } catch {
    return { findings: Promise.resolve(lintKb(inputs, options)), cancel: () => undefined };
  }
  let cancelled = false;
  const findings = new Promise<LintFinding[]>((resolve, reject) => {
    worker.once('message', (m: { ok: true; findings: LintFinding[] } | { ok: false; message: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.findings);
      else reject(new Error(m.message));
    });
    worker.once('error', reject);
    worker.once('exit', () => {
      if (cancelled) reject(new LintCancelled('lint cancelled'));
    });
  });
  return {
    findings,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
