// Helpers for end-to-end tests: a real VS Code (code-server) with this extension installed,
// driven by Playwright in Debian's Chromium, the way an agent uses it.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';
import { CACHE, CHROMIUM, CHROMIUM_ARGS, REPO, assertInstalled, installExtensionLink, startCodeServer } from '../../scripts/lib/codeServer.mjs';

export const SCREENSHOTS = join(REPO, 'docs', 'screenshots');
/** Screenshots of failed UI tests (git-ignored). */
export const FAILURES = join(REPO, 'test-results');

/** Opens the demo workspace (a fresh copy) in a fresh profile. Call `close()` when done. */
export async function openWorkbench({ settings = {}, machineSettings = {}, viewport = { width: 1400, height: 860 } } = {}) {
  assertInstalled();
  const profileDir = mkdtempSync(join(CACHE, 'e2e-'));
  const workspace = join(profileDir, 'demo');
  cpSync(join(REPO, 'demo'), workspace, { recursive: true });
  installExtensionLink(profileDir);
  const server = await startCodeServer({ profileDir, machineSettings, settings: { 'workbench.colorTheme': 'Default Light Modern', ...settings } });
  const context = await chromium.launchPersistentContext(join(profileDir, 'chromium'), { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  // Commands are only found once the extension's contributions are in: wait for its activity-bar item.
  await page.locator('.activitybar a[aria-label="Support KB"]').waitFor({ timeout: 60_000 });
  const close = async () => {
    await context.close().catch(() => {});
    await server.stop();
    rmSync(profileDir, { recursive: true, force: true });
  };
  return { page, workspace, close };
}

/** Opens the command palette with F1, again if a busy workbench let the first key go by. */
async function openQuickInput(page) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ timeout: 10_000 });
      return input;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Runs a command from the palette (F1) by its title. */
export async function runCommand(page, title) {
  // A page that takes the focus as it opens (a walkthrough, a webview) can close the palette between
  // F1 and typing: then open it again, a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      const input = await openQuickInput(page);
      await input.fill(`>${title}`, { timeout: 10_000 });
      await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: title }).first().waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

/** Opens a workspace file by name with Quick Open and puts the cursor on `line`. */
export async function openFile(page, name, line) {
  // F1 then the name without ">" is Quick Open; F1 also reaches the workbench from inside a webview.
  await (await openQuickInput(page)).fill(name);
  await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
  if (line) {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(`:${line}`);
    await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: `${line}` }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }
}

/**
 * The agent's desk: the customer's e-mail on the left, the demo reply draft on the right (opened
 * from the Explorer). Returns the right editor group.
 */
export async function openDesk(page) {
  await openFile(page, 'customer-email.txt');
  await page.keyboard.press('Control+Backslash');
  const right = page.locator('.editor-group-container').nth(1);
  await right.waitFor();
  await right.locator('.view-line').first().click();
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'reply-draft.txt' }).click();
  await right.locator('.tab.active[aria-label*="reply-draft.txt"]').waitFor();
  return right;
}

/** The text of the editor in group `n` (1-based, left to right), words only: word wrap follows the group's width. */
export async function groupText(page, n) {
  return (await page.locator('.editor-group-container').nth(n - 1).locator('.view-lines').first().innerText()).replace(/\s+/g, ' ');
}

/** The visible text of the active editor (Monaco renders lines as .view-line, in screen order). */
export async function editorText(page) {
  // Monaco renders spaces as no-break spaces.
  return (await page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

/**
 * The editor's text once it matches `pattern`: an insertion moves the focus to the draft first and
 * writes the snippet a moment later, so reading the text at once can see it before the answer.
 */
export async function editorTextMatching(page, pattern, what, timeout = 20_000) {
  let text = '';
  try {
    await until(async () => pattern.test((text = await editorText(page))), what, timeout);
  } catch (e) {
    throw new Error(`${e.message}; the editor shows:\n${text}`);
  }
  return text;
}

/** Opens the Support KB sidebar and returns its webview frame (the search box is ready in it). */
export async function openSidebar(page) {
  await page.locator('.activitybar a[aria-label="Support KB"]').click();
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame.locator('#query').waitFor({ timeout: 30_000 });
  return frame;
}

/** Shows the sidebar with its command (never toggling it closed) and returns its frame, search box focused. */
export async function showSidebar(page) {
  await runCommand(page, 'Support KB: Show Knowledge Base');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame.locator('#query').waitFor({ timeout: 60_000 });
  await frame.locator('#query').click(); // typing right after the view opens must not lose keys
  await frame.locator('#query').press('End');
  return frame;
}

/** Polls `check` until it is truthy; throws naming `what` after `timeout` ms. */
export async function until(check, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Types a query into the sidebar the way an agent does and waits for highlighted results. */
export async function searchInSidebar(frame, query) {
  const input = frame.locator('#query');
  await input.fill('');
  await input.pressSequentially(query, { delay: 25 });
  await frame.locator('li[role="option"] mark').first().waitFor({ timeout: 20_000 });
  return frame.locator('li[role="option"]');
}

/**
 * The hooks of a suite that works in one workbench: opened before its tests, a screenshot of every
 * failed test in test-results/, closed after. Returns a getter for the workbench.
 */
export function useWorkbench(label, options) {
  let wb;
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(FAILURES, { recursive: true });
    wb = await openWorkbench(options);
  }, { timeout: 120_000 });
  afterEach(async (t) => {
    if (wb && t.passed === false) await wb.page.screenshot({ path: join(FAILURES, `${label}-${t.name.replace(/\W+/g, '-')}.png`) });
  });
  after(async () => wb?.close());
  return () => wb;
}
