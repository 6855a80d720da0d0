// `npm start`: opens a real VS Code with the extension, the bundled KB and the demo workspace
// (a customer e-mail and a reply draft). Desktop `code` when it is on PATH; otherwise code-server
// on 127.0.0.1 with the URL printed. Ctrl+C stops it.
// The workspace is a scratch copy of demo/: trying the product (and autosave) never edits the repo.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE, REPO, ensureTestVsCode, installExtensionLink, startCodeServer } from './lib/codeServer.mjs';

const demo = join(mkdtempSync(join(tmpdir(), 'support-kb-demo-')), 'demo');
cpSync(join(REPO, 'demo'), demo, { recursive: true });
console.log(`Demo workspace (a scratch copy of demo/): ${demo}`);
const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const hasDesktopCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0 && !process.env.SUPPORT_KB_USE_CODE_SERVER;
if (hasDesktopCode) {
  console.log('Opening desktop VS Code with Support KB (extension development host)…');
  spawn('code', [`--extensionDevelopmentPath=${REPO}`, demo], { stdio: 'inherit', detached: true }).unref();
} else {
  ensureTestVsCode();
  const profileDir = join(CACHE, 'start-profile');
  installExtensionLink(profileDir);
  const port = Number(process.env.PORT ?? 8080);
  const server = await startCodeServer({ profileDir, port, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  console.log(`\nSupport KB is running in VS Code (code-server):\n\n  ${server.url}/?folder=${encodeURIComponent(demo)}\n\nOpen it in a browser. Press Ctrl+C to stop.`);
  // The scratch copy goes when the server does, however it ends.
  process.on('exit', () => rmSync(join(demo, '..'), { recursive: true, force: true }));
  const stop = async () => { await server.stop(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => process.exit(code ?? 0));
}
