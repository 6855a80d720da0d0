// End-to-end: an agent sees what a reply forgets to ask for, fixes it, and hovers a VIN.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENSHOTS, editorText, openFile, useWorkbench } from './workbench.mjs';

describe('draft checks in the real workbench', () => {
  const workbench = useWorkbench('drafts');

  it('underlines the incomplete request and the Cyrillic VIN, shows the checklist, explains the VIN on hover, and fixes the request', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    await openFile(page, 'reply-kia-connect.txt');
    await page.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
    await page.locator('.codelens-decoration', { hasText: /«Kia Connect[^»]*»: 4\/10/ }).waitFor({ timeout: 30_000 });
    // Hover the VIN (line 5).
    await page.locator('.view-line span', { hasText: 'PH81ABN' }).first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)');
    await hover.waitFor({ timeout: 15_000 });
    // The problem's own hover part comes first; ours (manufacturer, year, the KB's verdict) follows.
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Avtotor' }).waitFor({ timeout: 15_000 });
    assert.match(await hover.innerText(), /XWEPH81ABN0001234[\s\S]*2022[\s\S]*Kia Connect/);
    await page.screenshot({ path: join(SCREENSHOTS, 'draft-checks.png') });
    await page.keyboard.press('Escape');

    // Quick fix on the request: put the cursor in it and press Ctrl+. then Enter on the preferred fix.
    await page.locator('.view-line span', { hasText: 'ФИО' }).first().click();
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: /Добавить в запрос|Add to the request/ }).first().click();
    await page.locator('.codelens-decoration', { hasText: /«Kia Connect[^»]*»: 10\/10/ }).waitFor({ timeout: 20_000 });
    const text = await editorText(page);
    assert.match(text, /IMEI/);
    assert.match(text, /месторасположение автомобиля/);
    await page.screenshot({ path: join(SCREENSHOTS, 'draft-fixed.png') });
  });

  it('leaves the customer’s e-mail beside the reply silent and says why', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    await openFile(page, 'customer-email.txt');
    const lens = page.locator('.codelens-decoration', { hasText: /customer’s e-mail|письмо клиента/ });
    await lens.waitFor({ timeout: 30_000 });
    // Its "Подскажите, что делать?" and the password words bring no checklist warning.
    assert.equal(await page.locator('.squiggly-warning').count(), 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'incoming-email.png') });
  });
});
