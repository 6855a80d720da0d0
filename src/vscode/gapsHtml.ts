import vscode = require('vscode');
import type { GapsReport, QueryCount } from '../core/gaps/report';
import { webviewDocument } from './webviewDocument';

export interface GapsHtmlOptions {
  cspSource: string;
  styleUri: string;
  lang: 'ru' | 'en';
  enabled: boolean;
  folders: string[];
  skippedLines: number;
}

/**
 * The Search Gaps page: static HTML made on the host, no script at all (the CSP allows only our
 * stylesheet), every text escaped. Charts are inline SVG coloured by theme variables in gaps.css.
 */
export function renderGapsHtml(report: GapsReport, o: GapsHtmlOptions): string {
  const csp = [`default-src 'none'`, `style-src ${o.cspSource}`, `img-src ${o.cspSource}`].join('; ');
  const weeks = report.weeks;
  const dayMonth = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
  const empty = report.totals.searches === 0;
  const body = empty
    ? `<p class="empty">${esc(o.enabled ? vscode.l10n.t('No searches logged yet. Searches from the sidebar, the palette and kb: completions show up here after they end.') : vscode.l10n.t('Search-gap logging is off (setting supportKb.gaps.enabled).'))}</p>`
    : `
<section class="summary" aria-label="${esc(vscode.l10n.t('Totals'))}">
  ${stat(report.totals.noResult, vscode.l10n.t('without a result'), 'none')}
  ${stat(report.totals.noPick, vscode.l10n.t('without a pick'), 'nopick')}
  ${stat(report.totals.used, vscode.l10n.t('used an article'), 'used')}
</section>
<h2>${esc(vscode.l10n.t('Searches by week'))}</h2>
${weekChart(report, dayMonth)}
<div class="legend">${legend('none', vscode.l10n.t('no result'))}${legend('nopick', vscode.l10n.t('no pick'))}${legend('used', vscode.l10n.t('used'))}</div>
<div class="columns">
  <section>
    <h2>${esc(vscode.l10n.t('Top searches without a result'))}</h2>
    ${queryTable(report.noResult, weeks.length, vscode.l10n.t('Nothing here: every search found something.'), 'none')}
  </section>
  <section>
    <h2>${esc(vscode.l10n.t('Top searches without a pick'))}</h2>
    ${queryTable(report.noPick, weeks.length, vscode.l10n.t('Nothing here: agents used what they found.'), 'nopick')}
  </section>
</div>
<section>
  <h2>${esc(vscode.l10n.t('This week: top searches without a result'))}</h2>
  ${weekTops(report)}
</section>
<section>
  <h2>${esc(vscode.l10n.t('Most inserted articles'))}</h2>
  ${insertedTable(report)}
</section>`;
  const range = weeks.length ? `${dayMonth(weeks[0]!.start)} – ${dayMonth(lastDay(weeks[weeks.length - 1]!.start))}` : '';
  return webviewDocument({
    lang: o.lang,
    csp,
    styleHref: esc(o.styleUri),
    title: esc(vscode.l10n.t('Support KB: Search Gaps')),
    body: `<h1>${esc(vscode.l10n.t('Search gaps'))} <span class="range">${esc(range)}</span></h1>
${body}
<footer>${esc(vscode.l10n.t('Logs read from: {0}', o.folders.join(', ')))}${o.skippedLines ? ` · ${esc(vscode.l10n.t('{0} damaged lines skipped (see the log)', o.skippedLines))}` : ''}<br>${esc(vscode.l10n.t('Queries are stored with e-mails, phone numbers, VINs and names removed.'))}</footer>`,
  });
}

function stat(n: number, label: string, kind: string): string {
  return `<div class="stat ${kind}"><span class="num">${n}</span><span class="label">${esc(label)}</span></div>`;
}

function legend(kind: string, label: string): string {
  return `<span class="key"><svg width="10" height="10" aria-hidden="true"><rect class="bar-${kind}" width="10" height="10"/></svg>${esc(label)}</span>`;
}

/** Stacked bars per week: no result at the bottom (what matters most), then no pick, then used. */
function weekChart(report: GapsReport, label: (iso: string) => string): string {
  const W = 640;
  const H = 160;
  const top = 16;
  const bottom = 20;
  const n = report.weeks.length;
  const slot = W / n;
  const barW = Math.min(48, slot * 0.6);
  const max = Math.max(1, ...report.weeks.map((w) => w.noResult + w.noPick + w.used));
  const scale = (v: number) => ((H - top - bottom) * v) / max;
  const bars = report.weeks.map((w, i) => {
    const x = i * slot + (slot - barW) / 2;
    let y = H - bottom;
    const parts = (
      [['none', w.noResult], ['nopick', w.noPick], ['used', w.used]] as const
    ).map(([kind, v]) => {
      const h = scale(v);
      y -= h;
      return v ? `<rect class="bar-${kind}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}"><title>${esc(`${w.week}: ${v}`)}</title></rect>` : '';
    }).join('');
    const total = w.noResult + w.noPick + w.used;
    return `${parts}<text class="count" x="${(x + barW / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}">${total || ''}</text><text class="axis" x="${(x + barW / 2).toFixed(1)}" y="${H - 5}">${esc(label(w.start))}</text>`;
  });
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(vscode.l10n.t('Searches by week'))}"><line class="baseline" x1="0" x2="${W}" y1="${H - bottom}" y2="${H - bottom}"/>${bars.join('')}</svg>`;
}

function sparkline(perWeek: readonly number[], kind: string): string {
  const max = Math.max(1, ...perWeek);
  const w = 6;
  const h = 16;
  const bars = perWeek.map((v, i) => {
    const bh = v ? Math.max(2, (h * v) / max) : 1;
    return `<rect class="${v ? `bar-${kind}` : 'bar-zero'}" x="${i * (w + 2)}" y="${(h - bh).toFixed(1)}" width="${w}" height="${bh.toFixed(1)}"/>`;
  });
  return `<svg class="spark" width="${perWeek.length * (w + 2)}" height="${h}" aria-hidden="true">${bars.join('')}</svg>`;
}

function queryTable(list: readonly QueryCount[], weeks: number, none: string, kind: string): string {
  if (!list.length) return `<p class="muted">${esc(none)}</p>`;
  const rows = list.map((q) => `<tr><td class="q">${esc(q.query)}</td><td class="n">${q.count}</td><td>${sparkline(q.perWeek, kind)}</td></tr>`).join('');
  return `<table><thead><tr><th>${esc(vscode.l10n.t('Query'))}</th><th class="n">${esc(vscode.l10n.t('Times'))}</th><th>${esc(vscode.l10n.t('{0} weeks', weeks))}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function weekTops(report: GapsReport): string {
  const week = report.weeks[report.weeks.length - 1];
  if (!week || !week.topNoResult.length) return `<p class="muted">${esc(vscode.l10n.t('None this week.'))}</p>`;
  return `<ol class="tops">${week.topNoResult.map((q) => `<li><span class="q">${esc(q.query)}</span> <span class="n">×${q.count}</span></li>`).join('')}</ol>`;
}

function insertedTable(report: GapsReport): string {
  if (!report.inserted.length) return `<p class="muted">${esc(vscode.l10n.t('No articles inserted yet.'))}</p>`;
  const max = Math.max(1, ...report.inserted.map((a) => a.count));
  const rows = report.inserted.map((a) => `<tr><td class="q" title="${esc(a.article)}">${esc(a.title)}</td><td class="n">${a.count}</td><td><svg class="hbar" width="120" height="10" aria-hidden="true"><rect class="bar-used" width="${((120 * a.count) / max).toFixed(1)}" height="10"/></svg></td></tr>`).join('');
  return `<table><thead><tr><th>${esc(vscode.l10n.t('Article'))}</th><th class="n">${esc(vscode.l10n.t('Inserted'))}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

function lastDay(mondayIso: string): string {
  return new Date(Date.parse(`${mondayIso}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
