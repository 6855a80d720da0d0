// Runs the KB lint off the extension host's thread: a large KB takes seconds to lint, and the
// extension host is shared with every other extension. One run per worker; the host terminates a
// run that a newer edit has made stale.
import { parentPort, workerData } from 'node:worker_threads';
import { lintKb, type LintOptions } from '../core/kb/lint';
import type { KbFileInput } from '../core/kb/parse';

const { inputs, options } = workerData as { inputs: KbFileInput[]; options: LintOptions };
try {
  parentPort!.postMessage({ ok: true, findings: lintKb(inputs, options) });
} catch (e) {
  parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
