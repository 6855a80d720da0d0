// End-to-end: `npm start` serves a scratch copy of demo/, so trying the product never edits the repo.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, freePort } from '../../scripts/lib/codeServer.mjs';

describe('npm start', () => {
  it('opens a scratch copy of the demo workspace and removes it on Ctrl+C', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(REPO, 'scripts', 'start.mjs')], {
      env: { ...process.env, PORT: String(port), SUPPORT_KB_USE_CODE_SERVER: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      const deadline = Date.now() + 150_000;
      while (!/\?folder=(\S+)/.test(out)) {
        assert.ok(Date.now() < deadline, `no URL printed:\n${out}`);
        await new Promise((r) => setTimeout(r, 300));
      }
      const folder = decodeURIComponent(/\?folder=(\S+)/.exec(out)[1]);
      assert.notEqual(resolve(folder), resolve(REPO, 'demo'), 'not the tracked demo folder');
      assert.ok(!resolve(folder).startsWith(resolve(REPO)), `outside the repository: ${folder}`);
      assert.equal(readFileSync(join(folder, 'reply-draft.txt'), 'utf8'), readFileSync(join(REPO, 'demo', 'reply-draft.txt'), 'utf8'));
      // What the agent changes in the workspace stays out of the repo.
      writeFileSync(join(folder, 'reply-draft.txt'), 'changed while trying it');
      assert.notEqual(readFileSync(join(REPO, 'demo', 'reply-draft.txt'), 'utf8'), 'changed while trying it');
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(r.ok, true, 'code-server answers');
      child.kill('SIGINT');
      await exited;
      assert.equal(existsSync(folder), false, 'the scratch copy is removed on exit');
    } finally {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    }
  });
});
