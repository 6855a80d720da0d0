// End-to-end: the sidebar and the workbench follow the KB as a team adds its own folder, and a
// broken KB file is shown where a KB maintainer looks; the walkthrough ticks what the agent did.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENSHOTS, runCommand, showSidebar, until, useWorkbench } from './workbench.mjs';



const optionValues = (frame, id) => frame.locator(`#${id} option`).evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
const isShown = (frame, id) => frame.locator(`#${id}`).evaluate((el) => !el.hidden && el.ownerDocument.defaultView.getComputedStyle(el).display !== 'none');

function settings(workspace, values) {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'editor.wordWrap': 'on', ...values }, null, 2));
}

describe('the KB as a team grows it, in the real workbench', () => {
  const workbench = useWorkbench('kb');

  it('walkthrough: a step ticks when it is done (find after the first search, insert after Enter in the sidebar)', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    const step = (id) => page.locator(`.getting-started-step[data-step-id$="#${id}"]`);
    const openWalkthrough = async () => {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      const input = page.locator('.quick-input-widget input');
      await input.fill('Support KB');
      await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: 'Support KB' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await step('find').waitFor({ timeout: 30_000 });
    };
    await openWalkthrough();
    assert.deepEqual(
      await page.locator('.getting-started-step').evaluateAll((es) => es.map((e) => e.getAttribute('data-step-id').split('#').pop())),
      ['find', 'insert', 'searchSelection', 'check'],
    );
    // A done step's checkbox icon carries the class "complete". On a fresh profile the workbench
    // sometimes re-renders the Welcome page back to its start while the extension comes up (the
    // step's progress is kept, the open walkthrough is not, and its old step elements go stale):
    // so the walkthrough is opened again while waiting for the first step to tick.
    const done = async (id, reopen = false) => {
      if (reopen) await openWalkthrough();
      return (await step(id).locator('.codicon.complete').count()) > 0;
    };
    assert.equal(await done('find'), false);
    const frame = await showSidebar(page);
    await frame.locator('#query').fill('');
    await frame.locator('#query').pressSequentially('забыл пароль', { delay: 25 });
    await frame.locator('li[role="option"]').first().waitFor({ timeout: 30_000 });
    await until(() => done('find', true), 'the find step to complete');
    assert.equal(await done('insert'), false, 'only what was done');
    await page.screenshot({ path: join(SCREENSHOTS, 'walkthrough.png') });
    // Enter in the sidebar inserts (into a new reply: none is open) without running a command; the step ticks.
    await frame.locator('#query').press('Enter');
    await until(() => done('insert'), 'the insert step to complete');
    assert.equal(await done('check'), false);
    const dontSave = page.getByRole('button', { name: "Don't Save" });
    await runCommand(page, 'View: Close All Editors');
    await dontSave.click({ timeout: 10_000 }); // the new reply was never saved
  });

  it('lists a team KB folder in the filters without a reload, hides one-value filters, and shows a broken KB file in Problems with one notification', { timeout: 180_000 }, async () => {
    const { page, workspace } = workbench();
    const frame = await showSidebar(page);
    await until(async () => (await optionValues(frame, 'source')).length === 2, 'the two bundled documents');
    assert.equal(await isShown(frame, 'source'), true);
    assert.ok((await optionValues(frame, 'category')).length >= 6, 'topic categories, not the one "apps"');
    assert.ok(!(await optionValues(frame, 'category')).includes('apps'));

    // The team adds its folder: the document filter lists it at once.
    mkdirSync(join(workspace, 'team-kb'));
    writeFileSync(join(workspace, 'team-kb', 'team-answers.md'), '# Шины\n\n## Хранение зимних шин\n\nШины хранят у дилера.\n');
    settings(workspace, { 'supportKb.kbPaths': ['team-kb'] });
    await until(async () => (await optionValues(frame, 'source')).includes('team-answers'), 'the team document in the filter');

    // A KB file with unclosed front matter: the Problems panel has it on the line where "---" is missing,
    // and one notification names the file.
    writeFileSync(join(workspace, 'team-kb', 'broken.md'), '---\nlang: ru\n\n# Гарантия\n\n## Гарантия на АКБ\n\nТри года.\n');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'broken.md' });
    await toast.first().waitFor({ timeout: 30_000 });
    assert.match(await toast.first().innerText(), /broken\.md:4: the front matter/);
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'never closed' });
    await problem.first().waitFor({ timeout: 20_000 });
    assert.match(await page.locator('.markers-panel').innerText(), /broken\.md[\s\S]*\[Ln 4/);
    await page.screenshot({ path: join(SCREENSHOTS, 'kb-problems.png') });
    // Another reload with the same problem does not notify again.
    await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear, .notifications-toasts .notification-toast .codicon-close').first().click().catch(() => {});
    writeFileSync(join(workspace, 'team-kb', 'team-answers.md'), '# Шины\n\n## Хранение зимних шин\n\nШины хранят у дилера до весны.\n');
    await page.waitForTimeout(4000);
    assert.equal(await toast.count(), 0, 'no second notification for the same problem');

    // Only the team KB: one document, so the document filter is not shown.
    settings(workspace, { 'supportKb.kbPaths': ['team-kb'], 'supportKb.includeBundledKb': false });
    await until(async () => (await optionValues(frame, 'source')).length === 1, 'one document');
    assert.equal(await isShown(frame, 'source'), false, 'a one-value filter is hidden');
  });
});
