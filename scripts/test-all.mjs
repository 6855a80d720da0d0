// `npm test`: builds, then runs every test layer and prints one closing line that counts them all:
// unit tests (node:test, incl. type-check and lint), integration tests in a real VS Code (code-server).
// Exits non-zero when any test fails or a layer could not run.
import { spawn } from 'node:child_process';

function run(label, cmd, args) {
  return new Promise((resolve) => {
    console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const layers = [];
let passed = 0;
let failed = 0;

const build = await run('build', process.execPath, ['scripts/build.mjs', '--tests']);
if (build.code !== 0) {
  console.log('\nbuild failed; no tests ran');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const unit = await run('unit tests', process.execPath, ['--test', '--test-reporter=spec', 'dist-test/unit/']);
{
  const p = Number(/ℹ pass (\d+)/.exec(unit.out)?.[1] ?? 0);
  const f = Number(/ℹ fail (\d+)/.exec(unit.out)?.[1] ?? 0) + (unit.code !== 0 && !/ℹ fail [1-9]/.test(unit.out) ? 1 : 0);
  layers.push(['unit', p, f]);
}

const integration = await run('integration tests (real VS Code)', process.execPath, ['scripts/run-integration.mjs']);
{
  const m = /support-kb integration: (\d+) passed, (\d+) failed/.exec(integration.out);
  // No summary line means the run itself broke (VS Code did not start, a crash): count it as a failure.
  const p = Number(m?.[1] ?? 0);
  const f = Number(m?.[2] ?? 0) + (integration.code !== 0 && !(m && Number(m[2]) > 0) ? 1 : 0);
  layers.push(['integration', p, f]);
}

console.log('\n=== summary');
for (const [name, p, f] of layers) {
  console.log(`${name}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
