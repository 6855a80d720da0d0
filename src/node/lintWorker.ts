// Runs the KB lint off the extension host's thread: a large KB takes seconds to lint, and the
// extension host is shared with every other extension. One run per worker; the host terminates a
// run that a newer edit has made stale. Loaded on the host's own thread (when a worker cannot
// start) it only exports the lint, so the lint code is never part of dist/extension.js.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lintKb, type LintOptions } from '../core/kb/lint';
import type { KbFileInput } from '../core/kb/parse';

export { lintKb };

if (!isMainThread && parentPort) {
  const { inputs, options } = workerData as { inputs: KbFileInput[]; options: LintOptions };
  try {
    parentPort.postMessage({ ok: true, findings: lintKb(inputs, options) });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
}
