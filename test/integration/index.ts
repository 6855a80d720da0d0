// Entry point that VS Code's extension host calls (extensionTestsPath): runs every *.test.js here with mocha.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // extension.test.js first: it checks activation and the first load of the KB before other suites use it.
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort((a, b) => Number(b === 'extension.test.js') - Number(a === 'extension.test.js') || a.localeCompare(b));
  for (const f of files) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // Read by scripts/test-all.mjs to count tests across runners.
      console.log(`support-kb integration: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
  });
}
