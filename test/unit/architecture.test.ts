import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { REPO } from './helpers';

describe('code health', () => {
  it('type-checks (tsc --noEmit) with strict settings: extension, webview and tests', () => {
    const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO] });
    for (const project of ['.', 'test', 'src/webview']) {
      const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: REPO, encoding: 'utf8' });
      assert.equal(r.status, 0, `tsc -p ${project}:\n${r.stdout}${r.stderr}`);
    }
  });

  it('passes ESLint', async () => {
    const eslint = new ESLint({ cwd: REPO });
    const results = await eslint.lintFiles(['.']);
    const errors = results.filter((r) => r.errorCount > 0);
    assert.equal(errors.length, 0, ESLint.getErrorResults(errors).map((r) => `${r.filePath}: ${r.messages.map((m) => `${m.line}: ${m.message}`).join('; ')}`).join('\n'));
  });

  it('forbids vscode and Node built-ins in src/core, allows them in src/vscode', async () => {
    const eslint = new ESLint({ cwd: REPO });
    const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: `${REPO}/${file}` }))[0]!.messages.map((m) => m.ruleId);
    const rule = '@typescript-eslint/no-restricted-imports';
    assert.deepEqual(await lint('src/core/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), [rule]);
    assert.deepEqual(await lint('src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"), [rule]);
    // The form the extension uses for vscode (a plain require in the bundle) is caught too.
    assert.deepEqual(await lint('src/core/x.ts', "import vscode = require('vscode');\nexport const v = vscode;\n"), [rule]);
    assert.deepEqual(await lint('src/shared/x.ts', "import fs = require('fs');\nexport const f = fs;\n"), [rule]);
    assert.deepEqual(await lint('src/vscode/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), []);
    assert.deepEqual(await lint('src/vscode/x.ts', "import vscode = require('vscode');\nexport const v = vscode;\n"), []);
  });
});
