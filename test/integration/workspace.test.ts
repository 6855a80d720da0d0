import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/commands';
import { api, extension, hasSupportKbName, runAndAcceptQuickPick, waitFor, workspaceUri } from './helpers';

async function openDraft(name: string, text: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== language) await vscode.languages.setTextDocumentLanguage(doc, language);
  return vscode.window.showTextDocument(doc);
}

describe('the agent workspace', () => {
  before(async () => {
    await api();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes its settings with sensible Russian defaults', () => {
    const config = vscode.workspace.getConfiguration('supportKb');
    assert.match(config.get<string>('reply.greeting')!, /^Здравствуйте, \$\{1:[^}]+\}!$/);
    assert.match(config.get<string>('reply.signature')!, /^С уважением,/);
    assert.deepEqual(config.get('draftLanguages'), ['plaintext']);
    assert.equal(config.get('completion.trigger'), 'kb:');
    assert.equal(config.get('search.maxResults'), 20);
    assert.equal(config.get('includeBundledKb'), true);
  });

  it('Insert Answer… puts greeting, answer and signature into an empty draft as one undo step, over the selection', async () => {
    const editor = await openDraft('empty-draft.txt', 'ЗАМЕНИТЬ');
    editor.selection = new vscode.Selection(0, 0, 0, 8);
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.insertAnswer, { query: 'продление сим-карты' });
    const text = editor.document.getText();
    assert.ok(!text.includes('ЗАМЕНИТЬ'), 'the selection was replaced');
    assert.match(text, /^Здравствуйте, имя клиента!\n\n/);
    assert.ok(text.includes(chosen.body));
    assert.match(text, /С уважением,/);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'ЗАМЕНИТЬ');
  });

  it('Copy Answer… puts the answer on the clipboard and changes no document', async () => {
    const editor = await openDraft('copy-draft.txt', 'черновик');
    await vscode.env.clipboard.writeText('');
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.copyAnswer, { query: 'Digitalnøgle' });
    assert.equal(await vscode.env.clipboard.readText(), chosen.body);
    assert.equal(editor.document.getText(), 'черновик');
  });

  it('Open Article… opens the KB file at the article heading', async () => {
    const chosen = await runAndAcceptQuickPick<{ title: string; line: number }>(Commands.openArticle, { query: 'Digitalnøgle' });
    const editor = await waitFor('the KB file', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.path.endsWith('kia-connect-terms-da.md') ? e : undefined;
    });
    assert.equal(editor.selection.active.line, chosen.line - 1);
    assert.ok(editor.document.lineAt(chosen.line - 1).text.endsWith(chosen.title));
  });

  it('Search for Selection and Show Knowledge Base open the sidebar', async () => {
    const editor = await openDraft('mail.txt', 'Клиент: не приходит смс с кодом при регистрации');
    editor.selection = new vscode.Selection(0, 8, 0, editor.document.lineAt(0).text.length);
    await vscode.commands.executeCommand(Commands.searchSelection);
    await vscode.commands.executeCommand(Commands.focusSidebar);
    // The view is a webview; that it is showing is what the workbench can tell us here.
    await waitFor('the sidebar', async () => {
      await vscode.commands.executeCommand('supportKb.search.focus');
      return true;
    });
  });

  it('Reload and Show Log run', async () => {
    const kb = await api();
    const count = await kb.articleCount();
    await vscode.commands.executeCommand(Commands.reload);
    assert.equal(await kb.articleCount(), count);
    await vscode.commands.executeCommand(Commands.showLog);
  });

  it('offers KB answers after "kb:" in drafts, as snippets', async () => {
    const editor = await openDraft('reply.txt', 'Здравствуйте!\n\nkb:пароль');
    const position = new vscode.Position(2, 10);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && i.insertText instanceof vscode.SnippetString && /парол/i.test(typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(ours.length > 0, 'password answers are offered');
    const snippet = (ours[0]!.insertText as vscode.SnippetString).value;
    assert.ok(!snippet.startsWith('Здравствуйте'), 'the draft already greets: no second greeting');
    assert.match(snippet, /С уважением/);
    assert.deepEqual([ours[0]!.range].flat()[0] instanceof vscode.Range ? (ours[0]!.range as vscode.Range).start.character : undefined, 0, 'replaces the trigger and the words');
  });

  it('takes "кб:" and "лиЖ" (kb: typed in the Russian layout) as the trigger too', async () => {
    for (const trigger of ['кб:', 'лиЖ', 'КБ:']) {
      const editor = await openDraft(`reply-${trigger.length}-${trigger.codePointAt(0)}.txt`, `Здравствуйте!\n\n${trigger}пароль`);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(2, trigger.length + 6));
      const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && /парол/i.test(typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(ours.length > 0, `answers after ${trigger}`);
    }
    const everyday = await openDraft('reply-blizhe.txt', 'Подойдите ближе пароль');
    const none = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', everyday.document.uri, new vscode.Position(0, 22));
    assert.equal(none.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).length, 0, '"лиж" inside "ближе" is no trigger');
  });

  it('offers nothing without the trigger or outside drafts', async () => {
    const plain = await openDraft('reply2.txt', 'пароль');
    const none = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', plain.document.uri, new vscode.Position(0, 6));
    assert.equal(none.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).length, 0);
    const code = await openDraft('script.js', '// kb:пароль', 'javascript');
    const inCode = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', code.document.uri, new vscode.Position(0, 12));
    assert.equal(inCode.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && /парол/i.test(String(typeof i.label === 'string' ? i.label : i.label.label))).length, 0);
    // The customer's e-mail is a plain-text file too, but answers never go into it.
    const mail = await openDraft('mail-from-customer.txt', 'От: Иван Петров <ivan@example.ru>\nТема: пароль\n\nЗдравствуйте! Не могу войти.\nkb:пароль');
    const inMail = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', mail.document.uri, new vscode.Position(4, 9));
    assert.equal(inMail.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).length, 0, 'nothing offered in the customer e-mail');
  });

  it('every contributed command is registered and has a category', async () => {
    const pkg = extension().packageJSON as { contributes: { commands: { command: string; category?: string; title: string }[] } };
    const registered = await vscode.commands.getCommands(true);
    for (const c of pkg.contributes.commands) {
      assert.ok(hasSupportKbName(c), `${c.command} is named as Support KB's`);
      assert.ok(registered.includes(c.command), c.command);
    }
    assert.deepEqual(Object.values(Commands).sort(), pkg.contributes.commands.map((c) => c.command).sort());
  });
});
