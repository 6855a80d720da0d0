#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() launches.
// Desktop VS Code cannot be downloaded on our machines, so this runs the same extension tests in a
// real VS Code that can: code-server's web workbench with its Node extension host, opened in headless
// Chromium with the smoke-test driver's `payload` (extensionDevelopmentPath + extensionTestsPath).
// On a laptop with internet, runTests() without vscodeExecutablePath runs the same suite in desktop VS Code.
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { CACHE, CHROMIUM, CHROMIUM_ARGS, assertInstalled, startCodeServer } from './lib/codeServer.mjs';

const TIMEOUT_MS = Number(process.env.SUPPORT_KB_TEST_TIMEOUT_MS ?? 10 * 60_000);

function parseArgs(argv) {
  const opts = { folder: undefined, tests: undefined, dev: undefined };
  for (const a of argv) {
    if (a.startsWith('--extensionTestsPath=')) opts.tests = resolve(a.slice(21));
    else if (a.startsWith('--extensionDevelopmentPath=')) opts.dev = resolve(a.slice(27));
    else if (!a.startsWith('-')) opts.folder = resolve(a);
  }
  if (!opts.tests || !opts.dev) throw new Error('vscode-test-host: needs --extensionTestsPath and --extensionDevelopmentPath');
  return opts;
}

async function main() {
  const { folder, tests, dev } = parseArgs(process.argv.slice(2));
  assertInstalled();
  const profileDir = mkdtempSync(join(CACHE, 'run-'));
  let server;
  let context;
  try {
    server = await startCodeServer({ profileDir, smokeTestDriver: true, log: (s) => process.env.SUPPORT_KB_TEST_DEBUG && process.stderr.write(s) });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    // Variables for the extension host, e.g. which fixture workspace a suite expects.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('SUPPORT_KB_')));
    const payload = [
      ['extensionDevelopmentPath', remote(dev)],
      ['extensionTestsPath', remote(tests)],
      ['extensionEnvironment', JSON.stringify(env)],
    ];
    const url = `${server.url}/?${folder ? `folder=${encodeURIComponent(folder)}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;

    context = await chromium.launchPersistentContext(join(profileDir, 'chromium'), { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    const exitCode = new Promise((res) => {
      page.exposeFunction('codeAutomationExit', (code) => res(Number(code) || 0));
      setTimeout(() => {
        process.stderr.write(`vscode-test-host: tests did not finish within ${TIMEOUT_MS / 1000} s\n`);
        res(1);
      }, TIMEOUT_MS).unref();
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      // The workbench logs its own chatter here too ("[AgentHost] …"); the tests' output is what matters.
      if (/^\[[A-Za-z]+\] /.test(text) && !process.env.SUPPORT_KB_TEST_DEBUG) return;
      (type === 'error' ? process.stderr : process.stdout).write(text + '\n');
    });
    await page.goto(url);
    return await exitCode;
  } finally {
    await context?.close().catch(() => {});
    await server?.stop();
    if (!process.env.SUPPORT_KB_TEST_KEEP) rmSync(profileDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
