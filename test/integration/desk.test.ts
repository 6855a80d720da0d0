import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/commands';
import { runAndAcceptQuickPick, useActiveExtension, waitFor, workspaceUri, writeText } from './helpers';

const MAIL = 'От: Ирина Петрова <irina@example.ru>\nТема: Не могу войти\n\nЗдравствуйте!\n\nЗабыла пароль от личного кабинета, код не приходит.\n\nИрина\n';

async function open(name: string, text: string, column: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const uri = workspaceUri(name);
  await writeText(uri, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: column });
}

describe('the answer lands in the reply the agent works on', () => {
  useActiveExtension();

  it('after Search for Selection in the customer e-mail, inserting goes into the last reply draft, never over the e-mail', async () => {
    const reply = await open('reply-to-irina.txt', 'Здравствуйте, Ирина!\n\n\nС уважением,\nАнна\n', vscode.ViewColumn.Two);
    reply.selection = new vscode.Selection(2, 0, 2, 0);
    const mail = await open('irina-mail.txt', MAIL, vscode.ViewColumn.One);
    const line = 4;
    mail.selection = new vscode.Selection(line, 0, line, mail.document.lineAt(line).text.length);
    await vscode.commands.executeCommand(Commands.searchSelection);
    await new Promise((r) => setTimeout(r, 1500)); // the sidebar takes the focus with the query
    // The e-mail is the active editor when the agent picks the answer.
    await vscode.window.showTextDocument(mail.document, { viewColumn: vscode.ViewColumn.One });
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'забыл пароль' });
    assert.equal(mail.document.getText(), MAIL, 'the e-mail is untouched');
    assert.ok(reply.document.getText().includes(chosen.body), 'the answer is in the reply');
    assert.match(reply.document.getText(), /^Здравствуйте, Ирина!\n\n/);
    assert.ok(reply.document.getText().includes(`${chosen.body}\n\nС уважением,`), `a blank line between the answer and the signature: ${reply.document.getText()}`);
  });

  it('knows the customer e-mail without headers by its voice, as the draft checks do', async () => {
    const plain = 'Здравствуйте! У меня не работает Kia Connect, я купил машину в 2022 году. Подскажите, что делать?\n';
    const reply = await open('reply-plain.txt', 'Добрый день!\n\n', vscode.ViewColumn.Two);
    reply.selection = new vscode.Selection(2, 0, 2, 0);
    const mail = await open('customer-plain.txt', plain, vscode.ViewColumn.One);
    mail.selection = new vscode.Selection(0, 14, 0, 40);
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'не работает Kia Connect' });
    assert.equal(mail.document.getText(), plain, 'the e-mail is untouched');
    assert.ok(reply.document.getText().includes(chosen.body));
  });

  it('never replaces the reply text that was selected only to search for it', async () => {
    const text = 'Здравствуйте!\n\n> не приходит смс с кодом\n\n';
    const reply = await open('reply-quote.txt', text, vscode.ViewColumn.One);
    reply.selection = new vscode.Selection(2, 2, 2, 24);
    await vscode.commands.executeCommand(Commands.searchSelection);
    await new Promise((r) => setTimeout(r, 1500)); // the sidebar takes the focus with the query
    await vscode.window.showTextDocument(reply.document);
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'не приходит смс' });
    const after = reply.document.getText();
    assert.ok(after.includes('> не приходит смс с кодом\n'), `the searched words are still there, whole: ${after}`);
    assert.ok(after.includes(`> не приходит смс с кодом\n${chosen.body}`), 'the answer follows on the next line');
  });

  it('a second answer goes after the first as a paragraph, never over the name left to fill in', async () => {
    await open('reply-two-answers.txt', '', vscode.ViewColumn.One);
    const first = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'яндекс плюс промокод' });
    const editor = await waitFor('the reply with the first answer', () => (vscode.window.activeTextEditor?.document.getText().includes(first.body) ? vscode.window.activeTextEditor : undefined));
    // The snippet leaves the name slot selected; the agent goes on to the next answer without filling it.
    assert.equal(editor.document.getText(editor.selection), 'имя клиента');
    const second = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'обновление навигации' });
    const text = editor.document.getText();
    assert.ok(text.startsWith('Здравствуйте, имя клиента!\n\n'), text);
    assert.ok(text.includes(`${first.body}\n\n${second.body}\n\nС уважением`), text);
    assert.equal(text.match(/С уважением/g)?.length, 1, 'one signature');
  });

  it('never writes into a KB file; with no reply open, a new untitled reply opens beside the e-mail', async () => {
    const kbFile = workspaceUri('team-kb', 'team-answers.md');
    const kbText = (await vscode.workspace.openTextDocument(kbFile)).getText();
    await vscode.window.showTextDocument(kbFile, { viewColumn: vscode.ViewColumn.Two });
    const mail = await open('irina-mail-2.txt', MAIL, vscode.ViewColumn.One);
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'забыл пароль' });
    const editor = await waitFor('the new reply', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.isUntitled ? e : undefined;
    });
    assert.ok(editor.document.getText().includes(chosen.body));
    assert.notEqual(editor.viewColumn, mail.viewColumn, 'beside the e-mail');
    assert.equal(mail.document.getText(), MAIL);
    assert.equal((await vscode.workspace.openTextDocument(kbFile)).getText(), kbText, 'the KB file is untouched');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
