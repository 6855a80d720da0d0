import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { workerThreads } from './lazyBuiltin';
import type { LintFinding, LintOptions } from '../core/kb/lint';
import type { KbFileInput } from '../core/kb/parse';

/** A lint run in a worker thread; `cancel()` terminates it (its promise then rejects with LintCancelled). */
export interface LintRun {
  findings: Promise<LintFinding[]>;
  cancel(): void;
}

export class LintCancelled extends Error {}

/**
 * Lints in a worker thread (`dist/lintWorker.js`), or on this thread when the worker fails to
 * start (the same file, required: the lint code is never part of the caller's bundle).
 */
export function lintInWorker(workerFile: string, inputs: KbFileInput[], options: LintOptions): LintRun {
  if (!existsSync(workerFile)) return { findings: Promise.reject(new Error(`the lint worker is missing: ${workerFile}`)), cancel: () => undefined };
  let worker: Worker;
  try {
    worker = new (workerThreads().Worker)(workerFile, { workerData: { inputs, options } });
  } catch {
    const lintHere = (createRequire(__filename)(workerFile) as typeof import('./lintWorker')).lintKb;
    return { findings: Promise.resolve().then(() => lintHere(inputs, options)), cancel: () => undefined };
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
