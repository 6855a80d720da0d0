import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/commands';
import { api, useActiveExtension, waitFor, workspaceUri } from './helpers';

async function openDraft(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

const ours = (uri: vscode.Uri, code?: string) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'support-kb' && (!code || d.code === code));

/** Runs the preferred quick fix for the first diagnostic with `code`, as the light bulb would. */
async function quickFix(editor: vscode.TextEditor, code: string): Promise<void> {
  const diagnostic = await waitFor(`a ${code} diagnostic`, () => ours(editor.document.uri, code)[0]);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.isPreferred && a.command?.command === 'supportKb.applyFix');
  assert.ok(fix?.command, `a preferred quick fix for ${code}`);
  await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
}

describe('draft checks in a real VS Code', () => {
  useActiveExtension();

  it('warns about missing checklist items, and the quick fix adds them as one undo step', async () => {
    const text = 'Здравствуйте!\n\nПо вопросу Kia Connect пришлите, пожалуйста, ФИО, VIN и IMEI.\n\nС уважением,\nПоддержка Kia\n';
    const editor = await openDraft('kc-draft.txt', text);
    const d = await waitFor('the checklist warning', () => ours(editor.document.uri, 'checklist.missing-items')[0]);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /Kia Connect/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.ok(lenses.some((l) => /«Kia Connect[^»]*»: 3\/10/.test(l.command?.title ?? '')), 'CodeLens shows 3/10');

    await quickFix(editor, 'checklist.missing-items');
    const fixed = editor.document.getText();
    assert.match(fixed, /ФИО, VIN и IMEI, а также номер телефона, указанный при регистрации, .* и фото или скриншот ошибки \(если отображается\)\./);
    await waitFor('the warning to go', () => ours(editor.document.uri, 'checklist.missing-items').length === 0);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), text, 'one undo restores the draft');
  });

  it('adds missing items to a CRLF list whose lines end with ";", and after a URL as a sentence of its own', async () => {
    const text = 'Здравствуйте!\r\n\r\nПо Mobikey нам понадобятся:\r\n— VIN автомобиля;\r\n— телефон, указанный дилеру.\r\n\r\nПоддержка Kia\r\n';
    const editor = await openDraft('list-crlf.txt', text);
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    await quickFix(editor, 'checklist.missing-items');
    const fixed = editor.document.getText();
    assert.ok(fixed.startsWith('Здравствуйте!\r\n\r\nПо Mobikey нам понадобятся:\r\n— VIN автомобиля;\r\n— телефон, указанный дилеру;\r\n— '), fixed);
    assert.match(fixed, /\r\n— дата обращения к дилеру;\r\n/, 'nominative after "нам понадобятся"');
    assert.match(fixed, /;\r\n— [^\r\n;]+\.\r\n\r\nПоддержка Kia\r\n$/, 'the new last line ends with "."');
    assert.doesNotMatch(fixed, /[^\r]\n/, 'CRLF stays CRLF');
    await waitFor('the warning to go', () => ours(editor.document.uri, 'checklist.missing-items').length === 0);

    const url = await openDraft('url.txt', 'Добрый день!\n\nПо Kia Connect отправьте ФИО, VIN и IMEI через форму https://www.kia.ru/feedback/\n\nПоддержка Kia\n');
    await quickFix(url, 'checklist.missing-items');
    assert.match(url.document.getText(), /форму https:\/\/www\.kia\.ru\/feedback\/\nТакже пришлите, пожалуйста: [^\n]+\.\n\nПоддержка Kia\n$/);
    await waitFor('the warning to go', () => ours(url.document.uri, 'checklist.missing-items').length === 0);
  });

  it('does not apply a fix to a draft that changed since it was offered', async () => {
    const editor = await openDraft('changed.txt', 'Оставьте обращение через форму обратной связи.\n');
    const diagnostic = await waitFor('the form-link warning', () => ours(editor.document.uri, 'draft.form-link-missing')[0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.command?.command === 'supportKb.applyFix')!;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Здравствуйте! '));
    const changed = editor.document.getText();
    const applied = await vscode.commands.executeCommand<boolean>(fix.command!.command, ...(fix.command!.arguments ?? []));
    assert.equal(applied, false);
    assert.equal(editor.document.getText(), changed, 'the agent’s text is untouched');
  });

  it('inserts the feedback form link', async () => {
    const editor = await openDraft('form.txt', 'Оставьте, пожалуйста, обращение через форму обратной связи на сайте.\n');
    await quickFix(editor, 'draft.form-link-missing');
    assert.match(editor.document.getText(), /форму обратной связи https:\/\/www\.kia\.ru\/feedback\/ на сайте/);
  });

  it('replaces Cyrillic look-alikes in a VIN, in any text document, and hovers explain VINs and IMEIs', async () => {
    const editor = await openDraft('vin.txt', 'VIN клиента: ХWЕPH81ABN0001234, IMEI 490154203237519\n');
    const hover = async (character: number) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, character));
      return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    };
    const vinHover = await hover(16);
    assert.match(vinHover, /XWEPH81ABN0001234/);
    assert.match(vinHover, /Avtotor/);
    assert.match(vinHover, /2022/);
    assert.match(vinHover, /Kia Connect/);
    assert.match(vinHover, /command:supportKb\.openArticleById/, 'links to the KB articles that say so');
    assert.match(await hover(42), /IMEI.*490154203237519/s);

    await quickFix(editor, 'vin.cyrillic-lookalikes');
    assert.match(editor.document.getText(), /VIN клиента: XWEPH81ABN0001234,/);
    assert.equal(await vscode.commands.executeCommand(Commands.copyVin, 'хwеph81abn0001234'), 'XWEPH81ABN0001234');
    assert.equal(await vscode.env.clipboard.readText(), 'XWEPH81ABN0001234');
    assert.ok(ours(editor.document.uri, 'imei.invalid').length === 1 || (await waitFor('the IMEI warning', () => ours(editor.document.uri, 'imei.invalid').length === 1)));
  });

  it('flags unfilled placeholders, and a rule can be turned off in settings', async () => {
    const editor = await openDraft('ph.txt', 'Здравствуйте, [ИМЯ КЛИЕНТА]!\n');
    await waitFor('the placeholder error', () => ours(editor.document.uri, 'draft.unfilled-placeholder').length === 1);
    const config = vscode.workspace.getConfiguration('supportKb');
    await config.update('checks.placeholders', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the error to go', () => ours(editor.document.uri, 'draft.unfilled-placeholder').length === 0);
    } finally {
      await config.update('checks.placeholders', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('pins and unpins a checklist for a draft, and clears diagnostics when the draft closes', async () => {
    const editor = await openDraft('pin.txt', 'Уточните, пожалуйста, VIN автомобиля.\n');
    const kb = await api();
    const doc = editor.document;
    assert.equal((await kb.checkDocument(doc))?.checklists.length, 0, 'no topic, no checklist');
    const pinned = await vscode.commands.executeCommand<{ checklists: { id: string; missing: string[] }[] }>(Commands.pinChecklist, { uri: doc.uri.toString(), id: 'yandex-plus', state: 'pinned' });
    assert.deepEqual(pinned.checklists.map((c) => [c.id, c.missing]), [['yandex-plus', ['sts_photo']]]);
    const unpinned = await vscode.commands.executeCommand<{ checklists: unknown[] }>(Commands.pinChecklist, { uri: doc.uri.toString(), id: 'yandex-plus', state: 'auto' });
    assert.equal(unpinned.checklists.length, 0);
    await vscode.commands.executeCommand(Commands.pinChecklist, { uri: doc.uri.toString(), id: 'yandex-plus', state: 'pinned' });
    await waitFor('the pinned checklist warning', () => ours(doc.uri, 'checklist.missing-items').length === 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('diagnostics to clear on close', () => ours(doc.uri).length === 0, 20_000);
  });

  it('leaves a customer’s incoming e-mail silent, and says why above it', async () => {
    const text = 'From: Иван Петров <ivan.petrov@mail.ru>\nSent: Monday, November 9, 2026\nTo: support@kia.ru\nSubject: Kia Connect\n\nЗдравствуйте! У меня не работает Kia Connect. Укажите, что прислать: VIN, IMEI? Оставьте ссылку на форму обратной связи. [ИМЯ]\n';
    const editor = await openDraft('incoming.txt', text);
    const kb = await api();
    // A check may be skipped while the KB (re)loads; ask until one runs.
    const report = await waitFor('a report', () => kb.checkDocument(editor.document));
    assert.equal(report.incoming, true);
    assert.deepEqual(report.checklists, []);
    assert.deepEqual(ours(editor.document.uri), [], 'no checklist, placeholder or form-link findings');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.ok(lenses.some((l) => l.command?.command === Commands.pinChecklist && /письмо клиента|customer’s e-mail/.test(l.command.title)), 'a lens says it is a customer’s e-mail');
    // The same request written as a reply is checked.
    const reply = await openDraft('checked-reply.txt', 'Здравствуйте!\n\nПо Kia Connect укажите VIN и IMEI.\n\nС уважением,\nСлужба поддержки Kia\n');
    await waitFor('the reply’s checklist warning', () => ours(reply.document.uri, 'checklist.missing-items')[0]);
  });

  it('turns every check off for one file with the pin command, and on again', async () => {
    const editor = await openDraft('off.txt', 'Здравствуйте!\n\nПо Kia Connect пришлите VIN. Ссылка: форма обратной связи. [ИМЯ]\n');
    const doc = editor.document;
    await waitFor('the warnings', () => ours(doc.uri, 'checklist.missing-items').length === 1 && ours(doc.uri, 'draft.unfilled-placeholder').length === 1);
    const off = await vscode.commands.executeCommand<{ checklists: unknown[]; findings: unknown[] }>(Commands.pinChecklist, { uri: doc.uri.toString(), state: 'off' });
    assert.deepEqual([off.checklists, off.findings], [[], []]);
    await waitFor('every warning to go', () => ours(doc.uri).length === 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.equal(lenses.length, 1);
    assert.match(lenses[0]!.command!.title, /выключены|off/);
    // Typing does not bring them back.
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' '));
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(ours(doc.uri), []);
    await vscode.commands.executeCommand(Commands.pinChecklist, { uri: doc.uri.toString(), state: 'on' });
    await waitFor('the warnings to come back', () => ours(doc.uri, 'checklist.missing-items').length === 1);
  });
});
