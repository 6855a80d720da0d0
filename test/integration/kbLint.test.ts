import * as assert from 'node:assert/strict';
import { symlinkSync, unlinkSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands, InternalCommands } from '../../src/vscode/commands';
import { api, extension, useActiveExtension, waitFor, workspaceUri, writeText } from './helpers';

const lintDiagnostics = (uri: vscode.Uri, code?: string) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'support-kb-lint' && (!code || d.code === code));

describe('KB lint and search gaps in a real VS Code', () => {
  useActiveExtension();

  it('shows lint findings as diagnostics in the bundled KB when it is opened, with the other article as related information', async () => {
    const uri = vscode.Uri.joinPath(extension().extensionUri, 'kb', 'kia-support-ru.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const junk = await waitFor('a title-junk diagnostic', () => lintDiagnostics(uri, 'kb.title.junk').find((d) => d.range.start.line === 419));
    assert.equal(junk.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(editor.document.getText(junk.range), 'system_apps96');
    const exact = lintDiagnostics(uri, 'kb.duplicate.exact').find((d) => d.range.start.line === 516);
    assert.ok(exact, 'the exact duplicate at line 517');
    assert.equal(exact.relatedInformation?.[0]?.location.uri.toString(), uri.toString());
    assert.equal(exact.relatedInformation?.[0]?.location.range.start.line, 648, 'related: its twin at line 649');
    assert.ok(lintDiagnostics(uri, 'kb.duplicate.near').length >= 20);

    // Quick fixes: compare side by side (opens a diff), trim the title (asks first).
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, exact.range, vscode.CodeActionKind.QuickFix.value);
    const compare = actions.find((a) => a.command?.command === InternalCommands.compareArticles);
    assert.ok(compare?.command, 'a compare quick fix');
    await vscode.commands.executeCommand(compare.command.command, ...(compare.command.arguments ?? []));
    await waitFor('the diff to open', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff);
    const junkActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, junk.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(junkActions.some((a) => a.command?.command === InternalCommands.trimTitle && /system_apps96/.test(a.title)));
    assert.equal(editor.document.isDirty, false, 'nothing rewrote the KB file');
  });

  it('lints a team KB file while it is edited: a pasted duplicate shows up, with the other file as related location', async () => {
    const a = workspaceUri('team-kb', 'lint-a.md');
    const b = workspaceUri('team-kb', 'lint-b.md');
    const body = 'Шины меняют у дилера по записи, хранение колёс стоит от двух тысяч рублей за сезон.';
    await writeText(a, `# Шины\n\n## Сезонная замена шин\n\n${body}\n`);
    await writeText(b, '# Прочее\n\n## Мойка\n\nМойка после ТО бесплатна.\n');
    try {
      const doc = await vscode.workspace.openTextDocument(b);
      const editor = await vscode.window.showTextDocument(doc);
      const before = await (await api()).lintDocument(doc);
      assert.ok(!before.some((f) => f.code === 'kb.duplicate.exact'), JSON.stringify(before));
      await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), `\n## Замена шин осенью\n\n${body}\n`));
      const d = await waitFor('the duplicate diagnostic after the edit', () => lintDiagnostics(b, 'kb.duplicate.exact')[0]);
      assert.equal(d.range.start.line, 6);
      assert.equal(d.relatedInformation?.[0]?.location.uri.toString(), a.toString());
      assert.ok(doc.isDirty, 'the edit is the agent\'s own, unsaved');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await vscode.workspace.fs.delete(a);
      await vscode.workspace.fs.delete(b);
    }
  });

  it('lints a KB folder with a symbolic link back into itself once: no file is its own duplicate', async function () {
    this.timeout(120_000);
    const a = workspaceUri('team-kb', 'lint-loop.md');
    const loop = workspaceUri('team-kb', 'lint-loop-link').fsPath;
    await writeText(a, '# Петля\n\n## Единственная статья о петле\n\nЭтот текст есть в базе ровно один раз, как бы ни вели к нему ссылки.\n');
    symlinkSync(workspaceUri('team-kb').fsPath, loop);
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(a));
      // The title says nothing of the text: a finding on every run, so there is a run to wait for.
      await waitFor('the lint to run over the folder', () => lintDiagnostics(a)[0]);
      const dups = lintDiagnostics(a).filter((d) => d.code === 'kb.duplicate.exact' || d.code === 'kb.duplicate.near');
      assert.deepEqual(dups.map((d) => d.message), [], 'the linked folder is linted once');
    } finally {
      unlinkSync(loop);
      await vscode.workspace.fs.delete(a);
    }
  });

  it('logs a palette search that found nothing, redacted, and shows the Search Gaps page', async () => {
    const kb = await api();
    await kb.flushSearchGaps();
    const query = 'Здравствуйте, Иван! зимняя резина шипы 89161234567';
    const picked = vscode.commands.executeCommand(Commands.search, { query });
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await picked, undefined);
    const file = await kb.flushSearchGaps();
    assert.ok(file, 'a log file');
    const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1]!);
    assert.equal(last.surface, 'palette');
    assert.ok(last.kind === 'no-result' || last.kind === 'no-pick', JSON.stringify(last));
    assert.equal(last.query, 'Здравствуйте, [name]! зимняя резина шипы [number]');
    for (const line of lines) assert.doesNotMatch(line, /Иван|89161234567/);

    // A kb: completion that is accepted runs its command: the search counts as used.
    const draft = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'kb: забыл пароль' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', draft.uri, new vscode.Position(0, 16));
    const item = list.items.find((i) => i.command?.command === InternalCommands.completionUsed);
    assert.ok(item?.command, 'completion items report their use');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    await kb.flushSearchGaps();
    const used = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).trim().split('\n').pop()!);
    assert.deepEqual([used.surface, used.kind, used.query], ['completion', 'used', 'забыл пароль']);

    await vscode.commands.executeCommand(Commands.showSearchGaps);
    await waitFor('the Search Gaps page', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputWebview && /searchGaps/.test(input.viewType);
    });
  });
});
