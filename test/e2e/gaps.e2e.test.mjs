// End-to-end: the Search Gaps page as a KB maintainer sees it — searches that found nothing,
// searches after which nothing was used, by week, and the most inserted articles — in the real
// workbench, after real searches in the sidebar, on top of a team folder with other machines' logs.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENSHOTS, openSidebar, runCommand, useWorkbench } from './workbench.mjs';

/** Another machine's log in the team folder: eight weeks of searches, deterministic. */
function seedTeamFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'skb-team-gaps-'));
  const noResult = ['каско', 'шиномонтаж', 'гарантия на аккумулятор', 'trade-in оценка', 'эвакуатор ночью', 'кредит на авто', 'зимние шины цена'];
  const noPick = ['сброс пароля', 'обновление карт навигации', 'не приходит смс', 'смена владельца'];
  const used = [['kia-support-ru#obnovlenie-navigacii', 'Обновление навигации'], ['kia-support-ru#vosstanovlenie-parolya-uchetnoj-zapisi-kia-connect', 'Восстановление пароля учетной записи Kia Connect'], ['kia-support-ru#oplata-servisa-kia-connect', 'Оплата сервиса KIA Connect']];
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines = [];
  const now = Date.now();
  for (let day = 55; day >= 0; day--) {
    const growth = 1 + (55 - day) / 30; // gaps grow week by week: the chart must show it
    const at = (h) => new Date(now - day * 86_400_000 - h * 3_600_000).toISOString();
    for (let k = 0; k < Math.round(rnd() * 3 * growth); k++) lines.push({ v: 1, t: at(k + 1), surface: 'sidebar', kind: 'no-result', query: noResult[Math.floor(rnd() * rnd() * noResult.length)], results: 0 });
    for (let k = 0; k < Math.round(rnd() * 2); k++) lines.push({ v: 1, t: at(k + 2), surface: 'palette', kind: 'no-pick', query: noPick[Math.floor(rnd() * noPick.length)], results: 4 });
    for (let k = 0; k < Math.round(rnd() * 4); k++) {
      const [article, title] = used[Math.floor(rnd() * rnd() * used.length)];
      lines.push({ v: 1, t: at(k + 3), surface: 'completion', kind: 'used', query: 'kb', results: 5, article, title, action: 'insert' });
    }
  }
  writeFileSync(join(folder, 'gaps-0a1b2c3d4e5f.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return folder;
}

for (const [theme, screenshot] of [['Default Light Modern', 'search-gaps.png'], ['Default Dark Modern', 'search-gaps-dark.png']]) {
describe(`Search Gaps page in the real workbench (${theme})`, () => {
  const teamFolder = seedTeamFolder();
  const workbench = useWorkbench(`gaps-${theme.replace(/\W+/g, '-')}`, { machineSettings: { 'supportKb.gaps.folder': teamFolder }, settings: { 'workbench.colorTheme': theme } });

  it('shows the week chart, top searches without a result and without a pick, and the most inserted articles', { timeout: 180_000 }, async () => {
    const { page } = workbench();
    // A real search that finds nothing, then another question: the first one is over and logged.
    const sidebar = await openSidebar(page);
    await sidebar.locator('#query').pressSequentially('Здравствуйте, Иван! ксенон фары 89161234567', { delay: 20 });
    await page.waitForTimeout(1500);
    await sidebar.locator('#query').fill('');
    await sidebar.locator('#query').pressSequentially('забыл пароль', { delay: 20 });
    await sidebar.locator('li[role="option"]').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);

    await runCommand(page, 'Support KB: Show Search Gaps');
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('svg.chart').waitFor({ timeout: 30_000 });
    const text = await frame.locator('body').innerText();
    assert.match(text, /каско/);
    assert.match(text, /сброс пароля|обновление карт навигации|не приходит смс|смена владельца/);
    assert.match(text, /Обновление навигации/);
    assert.match(text, /ксенон фары/, 'the search just made in the sidebar is there');
    assert.doesNotMatch(text, /Иван|89161234567/, 'redacted before it was written');
    assert.equal(await frame.locator('svg.chart rect').count() > 8, true, 'bars for the weeks');
    assert.equal(await frame.locator('script').count(), 0, 'the page runs no script');
    await page.screenshot({ path: join(SCREENSHOTS, screenshot) });

    // This machine wrote its own file into the team folder, beside the other machine's.
    const files = readdirSync(teamFolder).filter((f) => f.endsWith('.jsonl'));
    assert.equal(files.length, 2, files.join(', '));
    const mine = files.find((f) => f !== 'gaps-0a1b2c3d4e5f.jsonl');
    assert.doesNotMatch(readFileSync(join(teamFolder, mine), 'utf8'), /Иван|89161234567/);
  });
});
}
