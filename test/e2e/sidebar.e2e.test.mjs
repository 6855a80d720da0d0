// End-to-end: the sidebar as an agent uses it, in light, dark and high-contrast themes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENSHOTS, editorTextMatching, openFile, openSidebar, searchInSidebar, showSidebar, useWorkbench } from './workbench.mjs';

function suite(theme, screenshot, scenario) {
  describe(`sidebar in the real workbench (${theme})`, () => {
    const workbench = useWorkbench(theme.replace(/\W+/g, '-'), { settings: { 'workbench.colorTheme': theme } });
    it(scenario.name, { timeout: 120_000 }, () => scenario.run(workbench(), screenshot));
  });
}

suite('Default Light Modern', 'sidebar-results.png', {
  name: 'searches as you type with highlights, previews, and inserts the answer into the draft with Enter',
  async run({ page }, screenshot) {
    await openFile(page, 'reply-draft.txt', 4);
    const frame = await openSidebar(page);
    assert.equal(await frame.locator('#query').evaluate((el) => el === document.activeElement), true, 'the search box has the focus');
    const results = await searchInSidebar(frame, 'забыл пароль');
    assert.ok((await results.count()) >= 3);
    const marks = await results.first().locator('mark').allInnerTexts();
    assert.ok(marks.some((m) => /парол|забы/i.test(m)), `highlighted: ${marks.join(', ')}`);
    await frame.locator('#preview:not([hidden]) #preview-body mark').first().waitFor();
    const title = await results.first().locator('.title').innerText();
    await page.screenshot({ path: join(SCREENSHOTS, screenshot) });

    await frame.locator('#query').press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('.monaco-editor') !== null);
    const text = await editorTextMatching(page, /парол/i, 'the answer in the draft');
    assert.match(text, /Здравствуйте, Ирина!/);
    assert.match(text, /С уважением/);
    assert.equal((text.match(/С уважением/g) ?? []).length, 1, 'no second signature');
    assert.ok(title.length > 0);
    assert.match(text, /парол/i, 'the answer is in the draft');

    // Hidden and shown again, the view keeps its query and results.
    await page.locator('.activitybar a[aria-label^="Explorer"]').click();
    const again = await openSidebar(page);
    assert.equal(await again.locator('#query').inputValue(), 'забыл пароль');
    await again.locator('li[role="option"] mark').first().waitFor();
    assert.equal(await again.locator('li[role="option"] .title').first().innerText(), title);
  },
});

suite('Default Dark Modern', 'sidebar-dark.png', {
  name: 'is readable in the dark theme; keyboard moves the selection, Esc clears; Enter right after typing inserts the answer to what is typed',
  async run({ page }, screenshot) {
    const frame = await openSidebar(page);
    const results = await searchInSidebar(frame, 'ЛК');
    await frame.locator('#query').press('ArrowDown');
    assert.equal(await results.nth(1).getAttribute('aria-selected'), 'true');
    await frame.locator('#preview:not([hidden])').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
    await frame.locator('#query').press('Escape');
    await frame.locator('li[role="option"]').first().waitFor({ state: 'detached' });
    assert.equal(await frame.locator('#query').inputValue(), '');

    // Enter pressed the moment the last word is typed inserts the best answer to the whole query,
    // not the top of the list still showing the query before it ("не приходит смс": an SMS-code article).
    await openFile(page, 'reply-draft.txt', 4);
    const sidebar = await showSidebar(page);
    await searchInSidebar(sidebar, 'не приходит смс');
    await sidebar.locator('#query').press('End');
    await sidebar.locator('#query').pressSequentially(' яндекс', { delay: 0 });
    await sidebar.locator('#query').press('Enter');
    const text = await editorTextMatching(page, /Яндекс Плюс/, 'the Яндекс Плюс answer in the draft');
    assert.doesNotMatch(text, /забыли пароль/i, 'not the answer to the query still on screen');
  },
});

suite('Default High Contrast', 'sidebar-high-contrast.png', {
  name: 'is readable in high contrast; filters by document; says when nothing matches',
  async run({ page }, screenshot) {
    const frame = await openSidebar(page);
    await frame.locator('#source option').nth(2).waitFor({ state: 'attached' });
    const daValue = await frame.locator('#source option').evaluateAll((os) => os.find((o) => o.value === 'kia-connect-terms-da')?.value);
    await frame.locator('#source').selectOption(daValue);
    const results = await searchInSidebar(frame, 'opsigelse');
    const badges = await results.locator('.badge').allInnerTexts();
    assert.ok(badges.length > 0 && badges.every((b) => b === badges[0]), `one document: ${badges.join(', ')}`);
    await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
    await frame.locator('#query').fill('фывапролдж');
    await frame.locator('#status:not([hidden])', { hasText: /Nothing|ничего/ }).waitFor();

    // A whole e-mail pasted into the box: cut at what the search reads, and still answered.
    await frame.locator('#source').selectOption('');
    await frame.locator('#query').fill('не могу войти в личный кабинет, забыл пароль. '.repeat(200));
    assert.ok((await frame.locator('#query').inputValue()).length <= 1000, 'the box holds what the search reads');
    await frame.locator('li[role="option"] mark').first().waitFor({ timeout: 20_000 });
  },
});
