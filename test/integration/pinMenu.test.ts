// Workbench try-out 4: the pin menu said «по теме письма» for every checklist with no word on what
// that means, and the CodeLens over a request did not say a checklist was pinned.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/commands';
import { api, revertDirtyFiles, useActiveExtension, waitFor, workspaceUri, writeText } from './helpers';

async function openDraft(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(name);
  await writeText(uri, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

const lenses = async (doc: vscode.TextDocument) => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
const titles = async (doc: vscode.TextDocument) => (await lenses(doc)).map((l) => l.command?.title ?? '');
const pin = (doc: vscode.TextDocument, id: string, state: string) => vscode.commands.executeCommand(Commands.pinChecklist, { uri: doc.uri.toString(), id, state });

describe('pinned checklists: the CodeLens says so, the pin menu explains each choice', () => {
  // Before the shared hook closes the editors: no draft left with unsaved changes to ask about.
  afterEach(revertDirtyFiles);
  useActiveExtension();

  it('the lens over a request says the checklist is pinned, and the top of the file says what waits or is kept off', async () => {
    const kb = await api();
    const editor = await openDraft('pin-lens.txt', 'Здравствуйте!\n\nУточните, пожалуйста, VIN автомобиля.\n');
    const doc = editor.document;
    await waitFor('a report', () => kb.checkDocument(doc));
    assert.ok(!(await titles(doc)).some((t) => /закреплён|pinned/.test(t)), 'nothing pinned yet');
    await pin(doc, 'yandex-plus', 'pinned');
    const pinned = await waitFor('the pinned lens', async () => (await lenses(doc)).find((l) => /«[^»]*Яндекс[^»]*»|«[^»]*Yandex[^»]*»/i.test(l.command?.title ?? '')));
    assert.match(pinned.command!.title, /\((закреплён|pinned)\): \d+\/\d+$/, pinned.command!.title);
    assert.equal(pinned.range.start.line, 2, 'over the request');
    assert.match(String(pinned.command!.tooltip), /Закреплён за этим черновиком|Pinned to this draft/);
    assert.equal(pinned.command!.command, Commands.pinChecklist, 'a click opens the pin menu');

    // Pinned while the draft asks for nothing yet: the top of the file says it waits.
    await editor.edit((e) => e.replace(new vscode.Range(2, 0, 3, 0), ''));
    await waitFor('the waiting pin', async () => (await titles(doc)).some((t) => /закреплён — проверится|pinned — checked once/.test(t)));
    await pin(doc, 'yandex-plus', 'auto');
    await waitFor('no pin shown', async () => !(await titles(doc)).some((t) => /закреплён|pinned/.test(t)));
  });

  it('a checklist kept off the file is named at the top, where its request lens would have been', async () => {
    const kb = await api();
    const editor = await openDraft('pin-off.txt', 'Здравствуйте!\n\nПо Kia Connect пришлите, пожалуйста, VIN.\n');
    const doc = editor.document;
    const report = await waitFor('the Kia Connect checklist', async () => ((await kb.checkDocument(doc))?.checklists.some((c) => c.id === 'kia-connect') ? true : undefined));
    assert.ok(report);
    await pin(doc, 'kia-connect', 'unpinned');
    const top = await waitFor('the kept-off lens', async () => (await lenses(doc)).find((l) => /не проверяется|is not checked/.test(l.command?.title ?? '')));
    assert.match(top.command!.title, /Kia Connect/);
    assert.equal(top.range.start.line, 0);
    assert.ok(!(await titles(doc)).some((t) => /^(Чек-лист|Checklist) «[^»]*Kia Connect/.test(t)), 'no request lens for it');
    await pin(doc, 'kia-connect', 'auto');
  });

  it('the pin menu says what each checklist does to this draft now, and what each choice means', async () => {
    const kb = await api();
    const editor = await openDraft('pin-menu.txt', 'Здравствуйте!\n\nПо Kia Connect пришлите, пожалуйста, VIN.\n');
    const doc = editor.document;
    await waitFor('the Kia Connect checklist', async () => ((await kb.checkDocument(doc))?.checklists.some((c) => c.id === 'kia-connect') ? true : undefined));
    await pin(doc, 'yandex-plus', 'pinned');
    await pin(doc, 'mobikey', 'unpinned');
    const menu = kb.pinMenu(doc);
    const items = menu.filter((i) => !i.separator);
    assert.match(items[0]!.label, /Выключить все проверки|Turn all checks off/);
    assert.ok(items[0]!.detail, 'the file item says what turning checks off does');
    // The checklists that matter to this draft come first, under their own heading.
    const headings = menu.filter((i) => i.separator).map((i) => i.label);
    assert.match(headings[0] ?? '', /Этот черновик|This draft/);
    const byTitle = (re: RegExp) => items.find((i) => re.test(i.label))!;
    const connect = byTitle(/Kia Connect/);
    assert.match(connect.description!, /(по теме письма: проверяется сейчас|by the e-mail’s topic: checked now) · \d+\/\d+/, connect.description);
    assert.match(byTitle(/Яндекс|Yandex/i).description!, /закреплён|pinned/);
    assert.match(byTitle(/Mobikey|Мобикей/i).description!, /не проверяется|never checked/);
    assert.ok(items.some((i) => /сейчас не проверяется|not checked now/.test(i.description ?? '')), 'the others say they are not checked now');
    assert.ok(menu.indexOf(connect) < menu.findIndex((i) => /сейчас не проверяется|not checked now/.test(i.description ?? '')), 'those for this draft first');
    assert.ok(!items.some((i) => /^(по теме письма|by topic)$/.test(i.description?.split(' · ')[0] ?? '')), 'no bare «по теме письма»');

    // The choices for one checklist, each explained, the current one marked.
    const choices = kb.pinMenu(doc, 'yandex-plus');
    assert.equal(choices.length, 3);
    for (const c of choices) assert.ok(c.detail && c.detail.length > 20, `explained: ${c.label}`);
    assert.deepEqual(choices.map((c) => Boolean(c.description)), [true, false, false], 'the pinned choice is the current one');
    assert.match(choices[0]!.label, /Закрепить|Pin/);
    assert.match(choices[2]!.label, /По теме письма|By the e-mail’s topic/);
    await pin(doc, 'yandex-plus', 'auto');
    await pin(doc, 'mobikey', 'auto');
  });

  it('the pin command without arguments shows that menu and pins the picked checklist', async () => {
    const editor = await openDraft('pin-pick.txt', 'Здравствуйте!\n\nУточните, пожалуйста, VIN автомобиля.\n');
    const doc = editor.document;
    const kb = await api();
    await waitFor('a report', () => kb.checkDocument(doc));
    const result = Promise.resolve(vscode.commands.executeCommand<{ checklists: { id: string }[] } | undefined>(Commands.pinChecklist));
    // First list: the first checklist (below the file item); second list: its first choice, «Закрепить».
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const report = await result;
    const first = kb.pinMenu(doc).filter((i) => !i.separator && /закреплён|pinned/.test(i.description ?? ''));
    assert.equal(first.length, 1, 'one checklist pinned');
    assert.equal(report?.checklists.length, 1);
  });
});
