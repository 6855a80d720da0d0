import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useActiveExtension, waitFor, workspaceUri, writeText } from './helpers';

describe('labels in the UI language', () => {
  useActiveExtension('after');

  it('CodeLens and quick fixes name checklists and items by their labels, not ids, in one language', async () => {
    const uri = workspaceUri('labels-draft.txt');
    await writeText(uri, 'Здравствуйте!\n\nПо вопросу Kia Connect пришлите, пожалуйста, ФИО, VIN и IMEI.\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const english = vscode.env.language.startsWith('en');
    const diagnostic = await waitFor('the checklist warning', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'checklist.missing-items'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const lens = lenses.map((l) => l.command?.title ?? '').find((t) => /Kia Connect/.test(t));
    assert.ok(lens, `a CodeLens with the checklist title: ${lenses.map((l) => l.command?.title).join(' | ')}`);
    assert.doesNotMatch(lens, /kia-connect/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.command?.command === 'supportKb.applyFix');
    assert.ok(fix);
    if (english) {
      assert.doesNotMatch(fix.title, /[а-яё]/i, `one language: ${fix.title}`);
      assert.doesNotMatch(lens, /[а-яё]/i, `one language: ${lens}`);
    } else {
      assert.match(fix.title, /^Добавить в запрос/);
    }
  });
});
