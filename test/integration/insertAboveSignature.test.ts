// Workbench try-out 4: an answer inserted with the cursor at the very end of a signed reply, under
// the signature, goes into the reply's body above the signature instead (palette, sidebar, kb:).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/commands';
import { api, runAndAcceptQuickPick, revertDirtyFiles, useActiveExtension, waitFor, workspaceUri, writeText } from './helpers';

const SIGNED = 'Здравствуйте, Ирина!\n\nС уважением,\nАнна\nСлужба поддержки Kia\n';
const SIGNATURE = '\n\nС уважением,\nАнна\nСлужба поддержки Kia\n';

async function openAtEnd(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(name);
  await writeText(uri, text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const end = editor.document.positionAt(text.length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

describe('an answer inserted at the end of a signed reply', () => {
  // Before the shared hook closes the editors: no draft left with unsaved changes to ask about.
  afterEach(revertDirtyFiles);
  useActiveExtension();

  it('from the palette: goes above the signature as a paragraph, the cursor in it, one undo step', async () => {
    const editor = await openAtEnd('reply-signed-palette.txt', SIGNED);
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'забыл пароль' });
    const text = await waitFor('the answer', () => (editor.document.getText().includes(chosen.body) ? editor.document.getText() : undefined));
    assert.equal(text, `Здравствуйте, Ирина!\n\n${chosen.body}${SIGNATURE}`);
    // The agent sees where it went: the cursor is in the answer, not left under the signature.
    const answerStart = text.indexOf(chosen.body);
    const cursor = editor.document.offsetAt(editor.selection.active);
    assert.ok(cursor >= answerStart && cursor <= answerStart + chosen.body.length, `cursor at ${cursor}, the answer at ${answerStart}`);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SIGNED, 'one undo takes the whole answer out');
  });

  it('from a kb: completion typed under the signature: the typed words go, the answer goes above; undo brings the words back', async () => {
    const editor = await openAtEnd('reply-signed-completion.txt', SIGNED);
    await vscode.commands.executeCommand('type', { text: 'kb:забыл пароль' });
    const typed = `${SIGNED}kb:забыл пароль`;
    await waitFor('the typed words', () => editor.document.getText() === typed);
    // The real suggest widget, accepted as the agent does with Enter.
    const kb = await api();
    const [top] = await kb.search('забыл пароль', 1);
    await waitFor('the completion accepted', async () => {
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await new Promise((r) => setTimeout(r, 1500));
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      await new Promise((r) => setTimeout(r, 500));
      return editor.document.getText() !== typed;
    }, 45_000);
    const text = await waitFor('the answer above the signature', () => (editor.document.getText().includes('kb:') ? undefined : editor.document.getText()));
    assert.ok(text.startsWith('Здравствуйте, Ирина!\n\n'), text);
    assert.ok(text.endsWith(SIGNATURE), `the signature stays last, nothing under it: ${text}`);
    const answer = text.slice('Здравствуйте, Ирина!\n\n'.length, text.length - SIGNATURE.length);
    assert.ok(answer.length > 40 && !answer.includes('С уважением'), `an answer between greeting and signature: ${answer}`);
    assert.ok(top && answer === top.article.body, 'the top answer, word for word');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), typed, 'one undo: the answer out, the typed words back');
  });

  it('never changes another document: the customer e-mail beside the reply stays as it is', async () => {
    const mailText = 'От: Ирина Петрова <irina@example.ru>\nТема: пароль\n\nЗдравствуйте! Забыла пароль.\n\nС уважением,\nИрина\n';
    const mailUri = workspaceUri('irina-mail-signed.txt');
    await writeText(mailUri, mailText);
    const reply = await openAtEnd('reply-signed-beside.txt', SIGNED);
    const mail = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(mailUri), { viewColumn: vscode.ViewColumn.Beside });
    const end = mail.document.positionAt(mailText.length);
    mail.selection = new vscode.Selection(end, end);
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'забыл пароль' });
    await waitFor('the answer in the reply', () => reply.document.getText().includes(chosen.body));
    assert.equal(mail.document.getText(), mailText, 'the e-mail is untouched');
    assert.equal(reply.document.getText(), `Здравствуйте, Ирина!\n\n${chosen.body}${SIGNATURE}`);
  });
});
