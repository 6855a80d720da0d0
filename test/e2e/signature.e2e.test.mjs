// End-to-end (workbench try-out 4): the agent's desk. An answer inserted with the cursor
// at the very end of the reply, under the signature, goes above the signature; the pin menu says
// what each choice does, and the CodeLens says a checklist is pinned.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENSHOTS, groupText, openDesk, runCommand, showSidebar, until, useWorkbench } from './workbench.mjs';

/** The text of group `n` once `ok(text)`; fails naming `what` and showing the text. */
async function textWhen(page, n, ok, what) {
  let text = '';
  try {
    await until(async () => ok((text = (await groupText(page, n)).trim())), what, 30_000);
  } catch (e) {
    throw new Error(`${e.message}; the editor shows:\n${text}`);
  }
  return text;
}

/** The CodeLens texts shown in the editor of group `n`. */
async function lensTexts(page, n) {
  return page.locator('.editor-group-container').nth(n - 1).locator('.codelens-decoration').allInnerTexts();
}

const SIGNATURE = 'С уважением, служба поддержки Kia';

describe('the reply’s signature stays last; pins say what they do', () => {
  const workbench = useWorkbench('signature');

  it('inserts from the sidebar with the cursor under the signature: the answer goes above it', { timeout: 180_000 }, async () => {
    const { page, workspace } = workbench();
    const mailOnDisk = readFileSync(join(workspace, 'customer-email.txt'), 'utf8');
    // The e-mail on the left, the reply on the right, the cursor at the very end of the reply.
    const right = await openDesk(page);
    await right.locator('.view-line', { hasText: 'служба поддержки Kia' }).click();
    await page.keyboard.press('Control+End');
    await page.screenshot({ path: join(SCREENSHOTS, 'signature-cursor-at-end.png') });

    const frame = await showSidebar(page);
    const input = frame.locator('#query');
    await input.fill('');
    await input.pressSequentially('не приходит смс с кодом', { delay: 20 });
    await frame.locator('li[role="option"][aria-selected="true"]').first().waitFor({ timeout: 30_000 });
    await until(async () => (await frame.locator('#results').getAttribute('data-query')) === 'не приходит смс с кодом', 'the results');
    let body = '';
    await until(async () => (body = (await frame.locator('#preview:not([hidden]) #preview-body').innerText()).replace(/\s+/g, ' ').trim()).length > 40, 'the preview of the answer');
    await input.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('.monaco-editor') !== null);
    // Monaco re-renders its lines as the CodeLens comes: read until the whole reply is there.
    const reply = await textWhen(page, 2, (t) => t.includes(body.slice(0, 40)) && t.endsWith(SIGNATURE), 'the answer in the reply, the signature last');
    assert.ok(reply.includes(`Спасибо за обращение в поддержку Kia. ${body.slice(0, 40)}`), `the answer after the body text: ${reply}`);
    assert.equal(readFileSync(join(workspace, 'customer-email.txt'), 'utf8'), mailOnDisk, 'the e-mail is untouched');
    await page.waitForTimeout(800); // the CodeLens of the checklist the answer asks for
    await page.screenshot({ path: join(SCREENSHOTS, 'signature-answer-above.png') });
  });

  it('a kb: completion typed under the signature goes above it too', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    const right = page.locator('.editor-group-container').nth(1);
    await right.locator('.view-line', { hasText: 'служба поддержки Kia' }).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('kb:мобикей', { delay: 60 });
    await page.locator('.suggest-widget .monaco-list-row', { hasText: /mobikey|мобикей/i }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'signature-kb-completion.png') });
    await page.keyboard.press('Enter');
    const reply = await textWhen(page, 2, (t) => !t.includes('kb:') && t.endsWith(SIGNATURE) && /Mobikey|Мобикей/i.test(t), 'the kb: words gone, the answer above the signature');
    assert.ok(reply.indexOf('Mobikey') < reply.indexOf('С уважением'), reply);
    await page.screenshot({ path: join(SCREENSHOTS, 'signature-kb-inserted.png') });
    // One Ctrl+Z: the answer out, the typed words back under the signature.
    await page.keyboard.press('Control+Z');
    await textWhen(page, 2, (t) => t.endsWith(`${SIGNATURE} kb:мобикей`), 'the typed words back');
    await page.keyboard.press('Control+Shift+Z');
    await textWhen(page, 2, (t) => t.endsWith(SIGNATURE), 'redo');
  });

  it('the pin menu says what each checklist and each choice does; the lens says pinned', { timeout: 120_000 }, async () => {
    const { page } = workbench();
    const right = page.locator('.editor-group-container').nth(1);
    await right.locator('.view-line').first().click();
    await runCommand(page, 'Support KB: Pin or Unpin Checklist');
    const rows = page.locator('.quick-input-list .monaco-list-row:visible');
    await rows.first().waitFor();
    await page.waitForTimeout(500);
    const menu = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    await page.screenshot({ path: join(SCREENSHOTS, 'pin-menu.png') });
    assert.match(menu.join('\n'), /Этот черновик|This draft/);
    assert.match(menu.join('\n'), /(по теме письма: проверяется сейчас|by the e-mail’s topic: checked now) · \d+\/\d+/);
    assert.match(menu.join('\n'), /по теме письма: сейчас не проверяется|by the e-mail’s topic: not checked now/);
    assert.match(await page.locator('.quick-input-widget input').getAttribute('placeholder'), /^(«По теме письма» — проверяется, когда|By the e-mail’s topic: checked when)/);
    // The first checklist of this draft (below the file's own item), then its choices.
    await page.keyboard.press('ArrowDown');
    const chosen = (await page.locator('.quick-input-list .monaco-list-row.focused .label-name').first().innerText()).trim();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row:visible', { hasText: /Закрепить за этим черновиком|Pin to this draft/ }).waitFor();
    await page.waitForTimeout(300);
    const choices = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).join('\n');
    await page.screenshot({ path: join(SCREENSHOTS, 'pin-choices.png') });
    assert.match(choices, /Проверять по нему каждую просьбу в черновике|Check every request in this draft against it/);
    assert.match(choices, /Даже если черновик просит данные по его теме|Not even when the draft asks for data on its topic/);
    assert.match(choices, /(По теме письма \(как обычно\)|By the e-mail’s topic \(default\)).*(сейчас|current)/);
    await page.keyboard.press('Enter');
    await until(async () => (await lensTexts(page, 2)).some((t) => t.includes(`«${chosen}» (закреплён)`) || t.includes(`«${chosen}» (pinned)`)), `the lens of «${chosen}» says pinned`);
    await page.screenshot({ path: join(SCREENSHOTS, 'pin-lens.png') });
  });
});
