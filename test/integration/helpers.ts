import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SupportKbApi } from '../../src/extension';

export const EXTENSION_ID = 'support-kb.support-kb';

export function extension(): vscode.Extension<SupportKbApi> {
  const ext = vscode.extensions.getExtension<SupportKbApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export async function api(): Promise<SupportKbApi> {
  return extension().activate();
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Polls `check` until it returns a truthy value or the time is up (then throws with `what`). */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * Runs a command that opens a QuickPick and accepts its first item the way a user pressing Enter
 * would, once the picker is up. Resolves with the command's result.
 */
export async function runAndAcceptQuickPick<T>(command: string, ...args: unknown[]): Promise<T> {
  let done = false;
  const result = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => { done = true; });
  await waitFor('the QuickPick to accept', async () => {
    if (done) return true;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return done;
  });
  return result;
}

/**
 * A command shows as "Support KB: …": by its category, or (for one shown in the editor context menu,
 * where VS Code shows no category) by its title itself.
 */
export function hasSupportKbName(c: { category?: string; title: string }): boolean {
  if (c.category === 'Support KB') return true;
  const nls = JSON.parse(readFileSync(join(extension().extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const title = c.title.replace(/^%(.*)%$/, (_, key: string) => nls[key] ?? key);
  return title.startsWith('Support KB: ');
}

/** Reverts every saved file with unsaved changes a test left, so closing the editors asks nothing. */
export async function revertDirtyFiles(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}

/**
 * The hooks most suites share: the extension active before the first test, and no editor left open
 * after each test (or after the suite, with `closeEditors: 'after'`). Call inside `describe`.
 */
export function useActiveExtension(closeEditors: 'afterEach' | 'after' = 'afterEach'): void {
  before(async () => {
    await api();
  });
  (closeEditors === 'after' ? after : afterEach)(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}
