// `npm test`: builds, then runs every test layer and prints one closing line that counts them all:
// unit tests (node:test; includes type-check, lint and the CLI), integration tests inside a real
// VS Code (code-server), and end-to-end UI tests (Playwright + Chromium against code-server).
// Exits non-zero when any test fails or a layer could not run at all.
import { spawn } from 'node:child_process';

function run(label, args) {
  return new Promise((resolve) => {
    console.log(`\n=== ${label}: node ${args.join(' ')}`);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Counts from a layer's own summary; a layer that failed without reporting failures counts one failure. */
function counts({ code, out }, passRe, failRe) {
  const passed = Number(passRe.exec(out)?.[1] ?? 0);
  const failed = Number(failRe.exec(out)?.[1] ?? 0);
  return [passed, failed + (code !== 0 && failed === 0 ? 1 : 0)];
}
const nodeTest = (r) => counts(r, /ℹ pass (\d+)/, /ℹ fail (\d+)/);

const build = await run('build', ['scripts/build.mjs', '--tests']);
if (build.code !== 0) {
  console.log('\nbuild failed; no tests ran\n0 passed, 1 failed');
  process.exit(1);
}

const layers = [
  ['unit', nodeTest(await run('unit tests', ['--test', '--test-reporter=spec', 'dist-test/unit/']))],
  ['integration', await integrationWithOneRetry()],
  ['e2e', await e2eWithOneRetry()],
];

/**
 * The suites share one real VS Code; on a shared machine a file watcher or a reload now and then comes
 * late. A failing run is run once more, whole, and said so; failing twice fails.
 */
async function integrationWithOneRetry() {
  const integration = (label) => run(label, ['scripts/run-integration.mjs']);
  const parse = (r) => counts(r, /support-kb integration: (\d+) passed/, /support-kb integration: \d+ passed, (\d+) failed/);
  const first = parse(await integration('integration tests (real VS Code)'));
  if (first[1] === 0) return first;
  console.log(`\nintegration: ${first[1]} failed; running the suites once more`);
  const second = parse(await integration('integration tests, retry'));
  console.log(`integration retry: ${second[1] === 0 ? `all passed the second time (flaky: see the failures above)` : `${second[1]} failed again`}`);
  return second;
}

/**
 * The UI tests drive a real workbench on a shared 2-core machine, where a menu or a modal now and then
 * comes late. A file with a failing test is run once more, whole; a test that fails again fails the
 * run. What was retried is printed, so a flaky test stays visible instead of hidden.
 */
async function e2eWithOneRetry() {
  const args = ['--test', '--test-reporter=spec', '--test-concurrency=1'];
  const first = await run('end-to-end UI tests (Chromium + code-server)', [...args, 'test/e2e/']);
  const [p1, f1] = nodeTest(first);
  if (f1 === 0) return [p1, f1];
  const files = [...new Set([...first.out.matchAll(/^test at (test\/e2e\/[^:\s]+):\d+:\d+$/gm)].map((m) => m[1]))];
  if (!files.length) return [p1, f1];
  console.log(`\ne2e: ${f1} failed; running once more, whole: ${files.join(', ')}`);
  const [, f2] = nodeTest(await run('end-to-end UI tests, retry of the failed files', [...args, ...files]));
  console.log(`e2e retry: ${f2 === 0 ? `all ${f1} passed the second time (flaky: ${files.join(', ')})` : `${f2} failed again`}`);
  return [p1 + f1 - Math.min(f1, f2), f2];
}

console.log('\n=== summary');
let passed = 0;
let failed = 0;
for (const [name, [p, f]] of layers) {
  console.log(`${name}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
