import { fold } from '../text/normalize';
import type { GapEntry, GapKind } from './gaps';

export interface QueryCount {
  /** The query as most often written. */
  query: string;
  count: number;
  /** Count per reported week, oldest first (same order as `GapsReport.weeks`). */
  perWeek: number[];
}

export interface WeekSummary {
  /** ISO week, e.g. `2026-W47`. */
  week: string;
  /** Monday of the week, `YYYY-MM-DD` (UTC). */
  start: string;
  noResult: number;
  noPick: number;
  used: number;
  /** The week's top queries without a result and without a pick. */
  topNoResult: { query: string; count: number }[];
  topNoPick: { query: string; count: number }[];
}

export interface GapsReport {
  weeks: WeekSummary[];
  noResult: QueryCount[];
  noPick: QueryCount[];
  inserted: { article: string; title: string; count: number }[];
  totals: { searches: number; noResult: number; noPick: number; used: number };
}

export interface ReportOptions {
  /** How many weeks back from the latest entry (or `now`). */
  weeks?: number;
  top?: number;
  now?: Date;
}

/**
 * Sums the log into what the KB maintainers act on: which questions found nothing, which found
 * articles nobody used, week by week, and which articles agents insert most. Queries are grouped
 * case- and spacing-insensitively and shown as most often written.
 */
export function buildGapsReport(entries: readonly GapEntry[], options: ReportOptions = {}): GapsReport {
  const weekCount = Math.max(1, options.weeks ?? 8);
  const top = Math.max(1, options.top ?? 20);
  const newest = entries.reduce((m, e) => Math.max(m, Date.parse(e.t) || 0), 0);
  const latest = options.now ?? new Date(newest || Date.now());
  const lastMonday = mondayOf(latest);
  const weeks: WeekSummary[] = [];
  for (let i = weekCount - 1; i >= 0; i--) {
    const start = new Date(lastMonday.getTime() - i * 7 * DAY);
    weeks.push({ week: isoWeek(start), start: start.toISOString().slice(0, 10), noResult: 0, noPick: 0, used: 0, topNoResult: [], topNoPick: [] });
  }
  const firstStart = lastMonday.getTime() - (weekCount - 1) * 7 * DAY;
  const groups: Record<Exclude<GapKind, 'used'>, Map<string, { spellings: Map<string, number>; perWeek: number[] }>> = { 'no-result': new Map(), 'no-pick': new Map() };
  const inserted = new Map<string, { title: string; count: number }>();
  for (const e of entries) {
    const t = Date.parse(e.t);
    const w = Math.floor((t - firstStart) / (7 * DAY));
    if (w < 0 || w >= weekCount) continue;
    const week = weeks[w]!;
    if (e.kind === 'used') {
      week.used++;
      if (e.article && (e.action ?? 'insert') === 'insert') {
        const it = inserted.get(e.article) ?? { title: e.title ?? e.article, count: 0 };
        it.count++;
        inserted.set(e.article, it);
      }
      continue;
    }
    if (e.kind === 'no-result') week.noResult++;
    else week.noPick++;
    const key = fold(e.query).replace(/\s+/g, ' ').trim();
    if (!key) continue;
    const g = groups[e.kind].get(key) ?? { spellings: new Map(), perWeek: new Array<number>(weekCount).fill(0) };
    g.spellings.set(e.query, (g.spellings.get(e.query) ?? 0) + 1);
    g.perWeek[w]!++;
    groups[e.kind].set(key, g);
  }
  const ranked = (kind: Exclude<GapKind, 'used'>): QueryCount[] =>
    [...groups[kind].values()]
      .map((g) => ({ query: [...g.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0], count: g.perWeek.reduce((s, n) => s + n, 0), perWeek: g.perWeek }))
      .sort((a, b) => b.count - a.count || (a.query < b.query ? -1 : 1));
  const noResult = ranked('no-result');
  const noPick = ranked('no-pick');
  weeks.forEach((week, w) => {
    const pick = (list: QueryCount[]) => list.filter((q) => q.perWeek[w]! > 0).map((q) => ({ query: q.query, count: q.perWeek[w]! })).sort((a, b) => b.count - a.count || (a.query < b.query ? -1 : 1)).slice(0, 5);
    week.topNoResult = pick(noResult);
    week.topNoPick = pick(noPick);
  });
  const sum = (k: 'noResult' | 'noPick' | 'used') => weeks.reduce((s, w) => s + w[k], 0);
  return {
    weeks,
    noResult: noResult.slice(0, top),
    noPick: noPick.slice(0, top),
    inserted: [...inserted].map(([article, v]) => ({ article, ...v })).sort((a, b) => b.count - a.count || (a.article < b.article ? -1 : 1)).slice(0, top),
    totals: { searches: sum('noResult') + sum('noPick') + sum('used'), noResult: sum('noResult'), noPick: sum('noPick'), used: sum('used') },
  };
}

const DAY = 24 * 60 * 60 * 1000;

function mondayOf(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
}

/** ISO 8601 week of a date (UTC), e.g. `2026-W01`. */
export function isoWeek(d: Date): string {
  const thursday = new Date(mondayOf(d).getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round((mondayOf(thursday).getTime() - mondayOf(jan4).getTime()) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The report as CSV rows: kind, week, query or article, title, count. */
export function gapsReportCsv(report: GapsReport): string {
  const cell = (v: string | number) => {
    const s = String(v);
    // Quote always-safe; neutralise spreadsheet formulas a query could smuggle in.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const rows: (string | number)[][] = [['kind', 'week', 'query_or_article', 'title', 'count']];
  for (const [kind, list] of [['no-result', report.noResult], ['no-pick', report.noPick]] as const) {
    for (const q of list) q.perWeek.forEach((n, w) => n && rows.push([kind, report.weeks[w]!.week, q.query, '', n]));
  }
  for (const a of report.inserted) rows.push(['inserted', '', a.article, a.title, a.count]);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
