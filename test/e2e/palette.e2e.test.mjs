// End-to-end: an agent finds an answer from the command palette and inserts it into the reply draft.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENSHOTS, editorText, editorTextMatching, openFile, runCommand, useWorkbench } from './workbench.mjs';

describe('command palette search in the real workbench (code-server + Chromium)', () => {
  const workbench = useWorkbench('palette');

  it('finds "забыл пароль" and inserts the answer into the draft at the cursor', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    await openFile(page, 'reply-draft.txt', 4);
    await runCommand(page, 'Support KB: Search Knowledge Base');
    const input = page.locator('.quick-input-widget input[placeholder*="забыл пароль"]');
    await input.waitFor();
    await input.pressSequentially('забыл пароль', { delay: 20 });
    const first = page.locator('.quick-input-list .monaco-list-row:visible').first();
    await first.waitFor();
    await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: /парол/i }).first().waitFor();
    const title = (await first.getAttribute('aria-label')) ?? '';
    assert.match(title, /парол/i);
    const rowText = await first.innerText();
    assert.doesNotMatch(rowText, /kia-support-ru:\d+/, 'no internal ids in the detail line');
    await page.screenshot({ path: join(SCREENSHOTS, 'palette-search.png') });

    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const text = await editorTextMatching(page, /парол/i, 'the answer in the draft');
    assert.match(text, /Здравствуйте, Ирина!/, 'the greeting is still there');
    assert.match(text, /парол/i, 'the answer is in the draft');
    assert.match(text, /С уважением/, 'the signature is still there');
    await page.screenshot({ path: join(SCREENSHOTS, 'answer-inserted.png') });
  });

  it('says "nothing found" for a query with no answer, and Enter inserts nothing', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    await openFile(page, 'reply-draft.txt', 4);
    const before = await editorText(page);
    await runCommand(page, 'Support KB: Search Knowledge Base');
    const input = page.locator('.quick-input-widget input[placeholder*="забыл пароль"]');
    await input.waitFor();
    await input.pressSequentially('заголовок статьи', { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: /Ничего не найдено|Nothing found/ }).first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'palette-nothing-found.png') });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    assert.ok(await page.locator('.quick-input-widget').isVisible(), 'the picker stays open');
    await page.keyboard.press('Escape');
    assert.equal(await editorText(page), before, 'the draft is unchanged');
  });
});
