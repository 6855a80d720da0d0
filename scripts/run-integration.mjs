// Runs the integration suites (test/integration) inside a real VS Code through the standard
// @vscode/test-electron runner. Here the "VS Code executable" is scripts/vscode-test-host.mjs (code-server);
// set SUPPORT_KB_DESKTOP_VSCODE=1 on a machine with internet to let runTests download desktop VS Code instead.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, CACHE, ensureTestVsCode } from './lib/codeServer.mjs';

const desktop = process.env.SUPPORT_KB_DESKTOP_VSCODE === '1';
if (!desktop) ensureTestVsCode();

// A fresh copy of the fixture workspace each run: the tests edit KB files in it.
const workspace = mkdtempSync(join(CACHE, 'workspace-'));
cpSync(join(REPO, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    ...(desktop ? {} : { vscodeExecutablePath: join(REPO, 'scripts', 'vscode-test-host.mjs') }),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(REPO, 'dist-test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions'],
    extensionTestsEnv: { SUPPORT_KB_TEST_WORKSPACE: workspace },
  });
} catch (e) {
  console.error(`support-kb: integration tests failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
