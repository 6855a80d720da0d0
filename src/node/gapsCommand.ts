import { parseLocale } from './cliLocale';
import { buildGapsReport, gapsReportCsv, type GapsReport } from '../core/gaps/report';
import { readGapFolder } from './gapLog';

interface GapsArgs {
  values: { json?: boolean | undefined; csv?: boolean | undefined; weeks?: string | undefined; top?: string | undefined; locale?: string | undefined };
  positionals: string[];
}

/** `support-kb gaps <folder>`: the search-gap report over every machine's log in a folder. */
export async function gapsCommand(args: GapsArgs, usage: (message: string) => Error): Promise<number> {
  const { values, positionals } = args;
  if (positionals.length !== 1) throw usage('gaps takes exactly one folder (the search-gap logs)');
  if (values.json && values.csv) throw usage('choose one of --json and --csv');
  const number = (v: string | undefined, name: string, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 520) throw usage(`--${name} must be a whole number from 1 to 520, got "${v}"`);
    return n;
  };
  const locale = parseLocale(values.locale, usage);
  const weeks = number(values.weeks, 'weeks', 8);
  const top = number(values.top, 'top', 20);
  const read = await readGapFolder(positionals[0]!);
  for (const p of read.problems) process.stderr.write(`support-kb: warning: ${p}\n`);
  const report = buildGapsReport(read.entries, { weeks, top });
  if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
  else if (values.csv) process.stdout.write(gapsReportCsv(report));
  else process.stdout.write(gapsReportText(report, read.files.length, TEXT[locale]));
  return 0;
}

const TEXT = {
  en: {
    summary: (files: number, r: GapsReport) => `Search gaps from ${files} log file(s): ${r.totals.searches} searches, ${r.totals.noResult} without a result, ${r.totals.noPick} without a pick, ${r.totals.used} used.`,
    header: 'Week        no result  no pick  used',
    noResult: 'Top searches without a result:',
    noPick: 'Top searches without a pick:',
    inserted: 'Most inserted articles:',
    none: '(none)',
  },
  ru: {
    summary: (files: number, r: GapsReport) => `Поиски по журналам (файлов: ${files}): всего ${r.totals.searches}, без результата ${r.totals.noResult}, без выбора статьи ${r.totals.noPick}, статья использована ${r.totals.used}.`,
    header: 'Неделя   без рез-та  без выбора  исп.',
    noResult: 'Частые поиски без результата:',
    noPick: 'Частые поиски без выбора статьи:',
    inserted: 'Чаще всего вставляемые статьи:',
    none: '(нет)',
  },
};

function gapsReportText(r: GapsReport, files: number, t: (typeof TEXT)['en']): string {
  const lines = [t.summary(files, r), ''];
  const max = Math.max(1, ...r.weeks.map((w) => w.noResult + w.noPick + w.used));
  lines.push(t.header);
  for (const w of r.weeks) {
    const bar = '█'.repeat(Math.round((20 * w.noResult) / max)) + '▒'.repeat(Math.round((20 * w.noPick) / max)) + '░'.repeat(Math.round((20 * w.used) / max));
    lines.push(`${w.week}  ${String(w.noResult).padStart(9)}  ${String(w.noPick).padStart(7)}  ${String(w.used).padStart(4)}  ${bar}`);
  }
  const list = (title: string, items: { query: string; count: number }[]) => {
    lines.push('', title);
    if (!items.length) lines.push(`  ${t.none}`);
    for (const q of items) lines.push(`  ${String(q.count).padStart(4)}  ${q.query}`);
  };
  list(t.noResult, r.noResult);
  list(t.noPick, r.noPick);
  lines.push('', t.inserted);
  if (!r.inserted.length) lines.push(`  ${t.none}`);
  for (const a of r.inserted) lines.push(`  ${String(a.count).padStart(4)}  ${a.title}  [${a.article}]`);
  return lines.join('\n') + '\n';
}
