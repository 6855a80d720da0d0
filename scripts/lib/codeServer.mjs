// Starts and stops the real VS Code (code-server) that tests, screenshots and `npm start` use.
// One place for the recipe in ../shared/docs/REAL-VSCODE-TESTING.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(REPO, '.vscode-test');
export const CODE_SERVER = join(CACHE, 'bin', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';

/** Runs the idempotent installer (a no-op when code-server and Chromium are there). */
export function ensureTestVsCode() {
  const r = spawnSync('bash', [join(REPO, 'scripts', 'setup-test-vscode.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('support-kb: installing the test VS Code failed (see messages above)');
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * Starts code-server in its own process group on 127.0.0.1 and waits until it answers.
 * `profileDir` holds user data, extensions and XDG folders, so nothing is written to $HOME.
 * Returns { port, url, stop }.
 */
export async function startCodeServer({ profileDir, settings = {}, machineSettings = {}, smokeTestDriver = false, port, log = () => {} }) {
  port ??= await freePort();
  const dirs = { ud: join(profileDir, 'user-data'), ext: join(profileDir, 'extensions'), xdg: join(profileDir, 'xdg') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.ud, 'User'), { recursive: true });
  // A profile that already has settings keeps them (the agent's own choices in `npm start`'s
  // profile survive a restart); only missing keys get our values. A file we cannot parse is left alone.
  const userSettings = join(dirs.ud, 'User', 'settings.json');
  let own = {};
  if (existsSync(userSettings)) {
    try {
      own = JSON.parse(readFileSync(userSettings, 'utf8'));
    } catch {
      own = undefined;
      log(`code-server: ${userSettings} is not plain JSON; left as it is\n`);
    }
  }
  if (own) writeFileSync(userSettings, JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...settings,
    ...own,
  }, null, 2));
  // Machine-scoped settings (a team folder on this computer) live in the server's own settings
  // file: code-server, like any remote VS Code, ignores them in the user's settings.
  if (Object.keys(machineSettings).length) {
    mkdirSync(join(dirs.ud, 'Machine'), { recursive: true });
    writeFileSync(join(dirs.ud, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
  }
  const args = [
    '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', dirs.ud, '--extensions-dir', dirs.ext,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'), XDG_DATA_HOME: join(dirs.xdg, 'data'), XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
  };
  const child = spawn(CODE_SERVER, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  let exited = false;
  child.on('exit', () => { exited = true; });

  const exit = new Promise((res) => child.on('exit', res));
  /** Ends code-server's whole process group (it has helpers) and resolves when it is gone. */
  const stop = async () => {
    if (exited) return;
    const signal = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
    signal('SIGTERM');
    const killer = setTimeout(() => signal('SIGKILL'), 5000);
    await exit;
    clearTimeout(killer);
    signal('SIGKILL'); // helpers that outlived the main process
    child.stdout.destroy();
    child.stderr.destroy();
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`support-kb: code-server exited before it was ready (is it installed? run npm run setup:test-vscode)`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error('support-kb: code-server did not answer within 60 s'); }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, url, stop, child };
}

/** Chromium flags that work on these machines (closed network, root, no GPU). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function assertInstalled() {
  if (!existsSync(CODE_SERVER) || !existsSync(CHROMIUM)) ensureTestVsCode();
}

/**
 * Installs this checkout as an extension of the profile by linking it into the extensions folder,
 * so a rebuild is picked up by reloading the window. It is registered in the profile's extension
 * manifest up front; VS Code then loads it on the first start (a fresh profile takes ~10 s to show it).
 */
export function installExtensionLink(profileDir) {
  const extDir = join(profileDir, 'extensions');
  mkdirSync(extDir, { recursive: true });
  const { publisher, name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const folder = `${publisher}.${name}-${version}`;
  const link = join(extDir, folder);
  rmSync(link, { force: true, recursive: false });
  symlinkSync(REPO, link, 'dir');
  writeFileSync(join(extDir, 'extensions.json'), JSON.stringify([{
    identifier: { id: `${publisher}.${name}` }, version,
    location: { $mid: 1, path: link, scheme: 'file' }, relativeLocation: folder,
  }]));
}
