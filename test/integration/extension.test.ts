import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/commands';
import { api, extension, hasSupportKbName, runAndAcceptQuickPick, waitFor, workspaceUri, writeText } from './helpers';

describe('Support KB in a real VS Code', () => {
  it('activates only on first use, then loads the bundled KB and the workspace KB', async () => {
    // Activation is lazy: its commands, its view, or a draft language (plain text, markdown) first
    // being used. Only the declared events are checked here: the workbench itself uses the markdown
    // language (walkthrough media, hovers, release notes) before any test runs, which legitimately fires
    // onLanguage:markdown without leaving a document behind, so "is it active yet?" says nothing.
    const events = (extension().packageJSON as { activationEvents: string[] }).activationEvents;
    assert.ok(!events.some((e) => e === '*' || e === 'onStartupFinished'), `eager activation events: ${events.join(', ')}`);
    assert.deepEqual(events.filter((e) => !/^onLanguage:(plaintext|markdown)$/.test(e)), [], `activation events beyond the draft languages: ${events.join(', ')}`);
    const kb = await api();
    assert.equal(extension().isActive, true);
    const count = await kb.articleCount();
    assert.ok(count >= 153 + 213 + 1, `bundled Russian and Danish KB plus the workspace KB, got ${count}`);
    const packageJson = extension().packageJSON as { contributes: { commands: { command: string; category?: string; title: string }[] } };
    const commands = await vscode.commands.getCommands(true);
    for (const c of packageJson.contributes.commands) {
      assert.ok(hasSupportKbName(c), `${c.command} is named as Support KB's`);
      assert.ok(commands.includes(c.command), `${c.command} is registered`);
    }
  });

  it('search finds KB articles by morphology in both languages and in the workspace KB', async () => {
    const kb = await api();
    const [password] = await kb.search('забыл паролем');
    assert.match(password!.article.title, /парол/i);
    const [danish] = await kb.search('opsigelsen af aftalen');
    assert.equal(danish!.article.lang, 'da');
    const [team] = await kb.search('зимних шин');
    assert.equal(team!.article.source, 'team-answers');
    const [aliased] = await kb.search('шиномонтаж');
    assert.equal(aliased?.article.source, 'team-answers', "the team folder's aliases.json is used");
  });

  it('the search command inserts the chosen answer at the cursor as one undo step', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('draft.txt'));
    const editor = await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);

    const chosen = await runAndAcceptQuickPick<{ id: string; body: string; title: string }>(Commands.search, { query: 'забыл пароль' });
    assert.ok(chosen, 'an article was chosen');
    assert.match(chosen.title, /парол/i);
    const after = doc.getText();
    assert.ok(after.startsWith(before), 'nothing before the cursor changed');
    const inserted = after.slice(before.length);
    // The cursor is on the empty line right under "Спасибо за обращение.": a blank line keeps them apart.
    assert.ok(inserted.startsWith(`\n${chosen.body}`), 'a paragraph of its own, the answer word for word, with no second greeting (the draft has one)');
    assert.match(inserted, /С уважением,\n.+\nСлужба поддержки Kia$/, 'the signature the draft lacked, with its placeholder filled by default');

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before, 'one undo removes the whole insertion');
  });

  it('with no editor open, the chosen answer goes into a new untitled reply, nowhere else', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const chosen = await runAndAcceptQuickPick<{ body: string }>(Commands.search, { query: 'Digitalnøgle' });
    const editor = await waitFor('the new reply', () => vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.ok(editor.document.getText().includes(chosen.body));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('re-indexes a KB file in a supportKb.kbPaths folder when it changes, and keeps the last good one when it breaks', async () => {
    const kb = await api();
    const file = workspaceUri('team-kb', 'team-answers.md');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    try {
      await writeText(file, `${original}\n## Перенос записи на техосмотр\n\nКлиент может перенести запись через дилера.\n`);
      await waitFor('the new article to be indexed', async () => (await kb.search('перенос записи'))[0]?.article.title === 'Перенос записи на техосмотр');

      await writeText(file, '---\nlang: ru\nthis front matter is never closed\n');
      await new Promise((r) => setTimeout(r, 1500));
      const [still] = await kb.search('перенос записи');
      assert.equal(still?.article.title, 'Перенос записи на техосмотр', 'the last good version stays searchable');

      const created = workspaceUri('team-kb', 'nested', 'new-file.md');
      await writeText(created, '## Гарантия на аккумулятор\n\nГарантия на АКБ — 3 года.\n');
      await waitFor('a new file to be indexed', async () => (await kb.search('гарантия аккумулятор'))[0]?.article.source === 'new-file');
      await vscode.workspace.fs.delete(created);
      await waitFor('a deleted file to leave the index', async () => (await kb.search('гарантия аккумулятор'))[0]?.article.source !== 'new-file');
    } finally {
      await writeText(file, original);
    }
  });
});
