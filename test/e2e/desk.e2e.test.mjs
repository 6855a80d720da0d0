// End-to-end: the agent's desk. The customer's e-mail on the left, the reply on the right; the
// agent selects the customer's words, searches, reads, inserts — and the answer lands in the reply.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENSHOTS, groupText, openDesk, openFile, runCommand, showSidebar, until, useWorkbench } from './workbench.mjs';



const selectedIndex = (frame) => frame.locator('li[role="option"]').evaluateAll((ls) => ls.findIndex((l) => l.getAttribute('aria-selected') === 'true'));


/** Waits until the sidebar shows the results of what was typed last (the first one selected). */
async function settled(frame, query) {
  await until(async () => (await frame.locator('#results').getAttribute('data-query')) === query, `the results of «${query}»`);
  await frame.locator('li[role="option"][aria-selected="true"]').first().waitFor({ timeout: 20_000 });
}

describe('the agent\'s desk: e-mail and reply side by side', () => {
  const workbench = useWorkbench('desk');

  it('selects the first result of every new query, keeps the preview in view, and inserts into the reply, never into the e-mail', { timeout: 180_000 }, async () => {
    const { page, workspace } = workbench();
    const mailOnDisk = readFileSync(join(workspace, 'customer-email.txt'), 'utf8');
    // The e-mail on the left, the reply on the right; the agent last typed in the reply.
    const right = await openDesk(page);
    await right.locator('.view-line', { hasText: 'Спасибо за обращение' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowDown'); // the empty line the answer goes on
    // The agent selects the customer's question in the e-mail.
    await page.locator('.editor-group-container').nth(0).locator('.view-line', { hasText: 'Забыла' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    const mailBefore = await groupText(page, 1);

    // Search for Selection on the customer's sentence.
    await page.keyboard.press('Control+Alt+Shift+K');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('li[role="option"][aria-selected="true"]').first().waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('#query').inputValue(), /Забыла пароль/);

    // A new query puts the selection on its first result, even after the agent moved it down.
    const input = frame.locator('#query');
    await input.fill('');
    await input.pressSequentially('ЛК', { delay: 30 });
    await settled(frame, 'ЛК');
    for (let i = 0; i < 6; i++) await input.press('ArrowDown');
    const options = frame.locator('li[role="option"]');
    await until(async () => (await selectedIndex(frame)) === 6, 'the seventh result selected');
    // The preview follows the selection: it is on screen without the mouse.
    await frame.locator('#preview:not([hidden]) #preview-body').waitFor();
    await page.waitForTimeout(300);
    const previewTop = await frame.locator('#preview').evaluate((el) => el.getBoundingClientRect().top);
    const viewHeight = await frame.locator('body').evaluate(() => globalThis.innerHeight);
    assert.ok(previewTop >= 0 && previewTop < viewHeight - 60, `preview at ${previewTop}px, the view is ${viewHeight}px high`);
    // The same query shown again (the view hidden and shown, the KB reloaded) keeps the selection.
    await page.locator('.activitybar a[aria-label^="Explorer"]').click();
    await showSidebar(page);
    await settled(frame, 'ЛК');
    assert.equal(await selectedIndex(frame), 6, 'the view shown again keeps the selected result');
    await runCommand(page, 'Support KB: Reload Knowledge Base');
    await page.waitForTimeout(2000);
    assert.equal(await selectedIndex(frame), 6, 'a KB reload keeps the selected result');
    // Shift+Enter reads the article beside, read-only; the focus stays in the search box.
    const selectedTitle = await frame.locator('li[aria-selected="true"] .title').innerText();
    await input.press('Shift+Enter');
    await page.locator('.tab', { hasText: selectedTitle.slice(0, 20) }).first().waitFor({ timeout: 20_000 });
    assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'the search box keeps the focus');

    await input.press('End');
    await input.pressSequentially(' кабинет пароль', { delay: 30 });
    await settled(frame, 'ЛК кабинет пароль');
    assert.equal(await selectedIndex(frame), 0, 'a new query selects its first result');
    const firstTitle = await options.first().locator('.title').innerText();

    // A query with no good match says so instead of listing noise.
    await input.fill('');
    await input.pressSequentially('заголовок статьи', { delay: 30 });
    await frame.locator('#status.nothing:not([hidden])').waitFor({ timeout: 20_000 });
    assert.equal(await options.count(), 0, 'no noise');
    assert.match(await frame.locator('#status').innerText(), /заголовок статьи/);
    await page.screenshot({ path: join(SCREENSHOTS, 'nothing-found.png') });

    // Back to the answer; Enter inserts it into the reply on the right, not over the e-mail's selection.
    await input.fill('');
    await input.pressSequentially('ЛК кабинет пароль', { delay: 30 });
    await settled(frame, 'ЛК кабинет пароль');
    assert.equal(await options.first().locator('.title').innerText(), firstTitle);
    await input.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('.monaco-editor') !== null);
    await page.waitForTimeout(500);
    const reply = await groupText(page, 2);
    assert.match(reply, /Здравствуйте, Ирина!/);
    assert.match(reply, /Спасибо за обращение в поддержку Kia\. ?\S/, 'the answer is in the reply, at the agent\'s cursor');
    const letters = (text) => text.replace(/\s+/g, '');
    assert.equal(letters(await groupText(page, 1)), letters(mailBefore), 'the e-mail on screen is unchanged');
    assert.equal(readFileSync(join(workspace, 'customer-email.txt'), 'utf8'), mailOnDisk, 'the e-mail on disk is unchanged');
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-inserted.png') });
  });

  it('with no reply open, the answer goes into a new reply beside the e-mail', { timeout: 120_000 }, async () => {
    const { page, workspace } = workbench();
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'customer-email.txt', 6);
    const mailOnDisk = readFileSync(join(workspace, 'customer-email.txt'), 'utf8');
    const frame = await showSidebar(page);
    const input = frame.locator('#query');
    await input.fill('');
    await input.pressSequentially('не приходит смс с кодом', { delay: 20 });
    await settled(frame, 'не приходит смс с кодом');
    await input.press('Enter');
    await page.locator('.tab.active[aria-label*="Untitled"]').waitFor({ timeout: 20_000 });
    const groups = page.locator('.editor-group-container');
    assert.ok((await groups.count()) >= 2, 'the new reply is beside the e-mail');
    const untitled = page.locator('.editor-group-container:has(.tab.active[aria-label*="Untitled"]) .view-lines').first();
    await until(async () => /Здравствуйте/.test(await untitled.innerText()), 'the answer in the new reply');
    assert.equal(readFileSync(join(workspace, 'customer-email.txt'), 'utf8'), mailOnDisk);
    assert.match((await page.locator('.editor-group-container:has(.tab.active[aria-label*="customer-email"]) .view-lines').first().innerText()).replace(/\s+/g, ' '), /^От: Ирина/);
  });

  it('lists KB answers on the first word after kb:, as the agent types', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    await openFile(page, 'reply-draft.txt', 4);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('kb:пароль', { delay: 60 });
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: /парол/i }).first();
    await row.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'kb-completions.png') });
    await page.keyboard.press('Escape');
  });

  it('opens a bundled KB article read-only: typing does not change the shipped KB', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    const frame = await showSidebar(page);
    const input = frame.locator('#query');
    await input.fill('');
    await input.pressSequentially('ЛК', { delay: 30 });
    await settled(frame, 'ЛК');
    await frame.locator('#preview:not([hidden]) #open').click();
    const tab = page.locator('.tab.active[aria-label*="kia-support-ru.md"]');
    await tab.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    const group = page.locator('.editor-group-container:has(.tab.active[aria-label*="kia-support-ru.md"])');
    const before = await group.locator('.view-lines').first().innerText();
    await page.keyboard.type('XYZ');
    await page.waitForTimeout(800);
    assert.equal(await group.locator('.view-lines').first().innerText(), before, 'the bundled KB is read-only');
    assert.ok(!(await tab.getAttribute('class')).includes('dirty'), 'nothing to save');
  });
});
