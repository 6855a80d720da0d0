import { readFileSync, statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_REPLY_PARTS, replyPlaceholderLines } from './core/answers/answerSnippet';
import { validateDraft } from './core/checklist/validate';
import { decodeImei } from './core/entities/imei';
import { decodeVin } from './core/entities/vin';
import { importNumberedText } from './core/kb/importNumbered';
import { formatKbProblemLine, type KbLocale } from './core/kb/problemMessages';
import { KB_LANGUAGES, type KbLanguage, type KbProblem } from './core/kb/types';
import { snippet } from './core/search/snippet';
import { lineAndColumn, lineStarts } from './core/text/lines';
import { defaultCacheDir, openIndex } from './node/indexCache';
import { parseLocale } from './node/cliLocale';
import { BUNDLED_KB_DIR, loadKbFromPaths } from './node/loadKb';
import { lintCommand } from './node/lintCommand';
import { gapsCommand } from './node/gapsCommand';

const USAGE = `Usage:
  support-kb search "<query>" [--kb <dir|file>]... [--limit N] [--json]
                    [--source <kb file name>]... [--lang ru|da|en]... [--category <name>]...
                    [--no-cache] [--cache-dir <dir>] [--locale ru|en]
  support-kb search --batch <file|-> [same options]   one query a line in, one JSON line out
  support-kb check <draft file> [--kb <dir|file>]... [--json] [--locale ru|en]
  support-kb vin <VIN> [--json]
  support-kb imei <IMEI> [--json]
  support-kb import-numbered <file.txt> [--title T] [--category C] [--lang ru|da|en]
  support-kb lint [<dir|file>...] [--json | --sarif] [--fix-titles-dry-run] [--config F] [--locale ru|en]
  support-kb gaps <folder> [--json | --csv] [--weeks N] [--top N] [--locale ru|en]

Commands:
  search            Search the knowledge base (default: the bundled kb/ folder). Filters narrow the
                    results to KB files (--source kia-support-ru), languages and # categories.
                    The index is saved in a cache folder (~/.cache/support-kb, or --cache-dir)
                    and reused while the KB files are unchanged; --no-cache builds it afresh.
                    --batch answers every line of a file (- for stdin) after one index load.
  check             Check a reply draft: what its requests must ask for (KB checklists),
                    unfilled placeholders, the feedback form link, attachment rules, VINs, IMEIs.
  vin               Decode and validate a VIN, and say what the KB says about its market.
  imei              Validate an IMEI (15 digits, Luhn check digit).
  import-numbered   Convert a text with numbered clauses (4.2.1.7.) to KB markdown on stdout.
  lint              Check KB files (default: the bundled kb/ folder) for duplicates, titles that do
                    not fit, broken links, inconsistent contacts, checklists and aliases that point
                    at nothing, empty or long articles. Rules are switched in .support-kb-lint.json
                    beside the KB. Exit code 1 when a finding has error severity.
  gaps              Report the searches that found nothing or after which no article was used,
                    from the search-gap logs (*.jsonl) in a folder.

Exit codes: 0 ok, 1 error (the message names the file and line at fault), 2 usage error.
A broken KB file is left out: search and check answer from the rest, name it on stderr, exit 1.
KB problems on stderr are written in the --locale language (ru by default, or en).`;

class UsageError extends Error {}
const usage = (message: string) => new UsageError(message);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'search':
      return search(rest);
    case 'import-numbered':
      return importNumbered(rest);
    case 'check':
      return check(rest);
    case 'vin':
      return vin(rest);
    case 'imei':
      return imei(rest);
    case 'lint':
      return lintCommand(parse(rest, {
        json: { type: 'boolean' },
        sarif: { type: 'boolean' },
        'fix-titles-dry-run': { type: 'boolean' },
        config: { type: 'string' },
        locale: { type: 'string' },
      }), usage);
    case 'gaps':
      return gapsCommand(parse(rest, { json: { type: 'boolean' }, csv: { type: 'boolean' }, weeks: { type: 'string' }, top: { type: 'string' }, locale: { type: 'string' } }), usage);
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function search(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    kb: { type: 'string', multiple: true },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    source: { type: 'string', multiple: true },
    lang: { type: 'string', multiple: true },
    category: { type: 'string', multiple: true },
    batch: { type: 'string' },
    'no-cache': { type: 'boolean' },
    'cache-dir': { type: 'string' },
    locale: { type: 'string' },
  });
  const locale = parseLocale(values.locale, (m) => new UsageError(m));
  const langs = (values.lang as string[] | undefined) ?? undefined;
  for (const l of langs ?? []) {
    if (!(KB_LANGUAGES as readonly string[]).includes(l)) throw new UsageError(`--lang must be one of ${KB_LANGUAGES.join(', ')}, got "${l}"`);
  }
  const batch = values.batch as string | undefined;
  if (batch !== undefined ? positionals.length !== 0 : positionals.length !== 1 || !positionals[0]!.trim()) {
    throw new UsageError(batch !== undefined ? 'search --batch takes its queries from the file, not the command line' : 'search takes exactly one query (quote it)');
  }
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number ≥ 1, got "${values.limit}"`);
  // Read the queries before the KB: a missing batch file fails fast.
  const queries = batch === undefined ? [positionals[0]!] : (batch === '-' ? readFileSync(0, 'utf8') : readInput(batch)).split(/\r?\n/).filter((q) => q.trim());

  const cacheDir = values['no-cache'] ? undefined : ((values['cache-dir'] as string | undefined) ?? defaultCacheDir());
  const { kb, index } = await openIndex((values.kb as string[] | undefined) ?? [BUNDLED_KB_DIR], cacheDir ? { cacheDir } : {});
  const kbBroken = reportKbProblems(kb.problems, locale);

  const options = {
    limit,
    ...(values.source ? { sources: values.source as string[] } : {}),
    ...(langs ? { langs: langs as KbLanguage[] } : {}),
    ...(values.category ? { categories: values.category as string[] } : {}),
  };
  for (const query of queries) {
    const started = performance.now();
    const hits = index.search(query, options);
    const tookMs = Math.round((performance.now() - started) * 1000) / 1000;
    if (values.json || batch !== undefined) {
      const results = hits.map(({ article: a, score, highlights, similar }) => ({
        id: a.id, title: a.title, body: a.body, source: a.source, line: a.line, lang: a.lang, score, highlights, similar,
      }));
      process.stdout.write(JSON.stringify({ query, tookMs, results }) + '\n');
      continue;
    }
    if (hits.length === 0) {
      process.stdout.write(locale === 'ru' ? `Ни одна статья не подходит к «${query}».\n` : `No articles match "${query}".\n`);
      continue;
    }
    hits.forEach(({ article: a, similar, highlights }, i) => {
      const more = similar.length ? (locale === 'ru' ? `  (+${similar.length} похожих)` : `  (+${similar.length} similar)`) : '';
      process.stdout.write(`${i + 1}. ${a.title}  [${a.source}:${a.line}]${more}\n   ${snippet(a.body, highlights.body)}\n`);
    });
  }
  return kbBroken ? 1 : 0;
}

/**
 * Prints the KB's problems on stderr, each naming its file and line. A broken file is left out and
 * the command goes on with the rest (one bad file never takes the KB down); the exit code is then 1,
 * so that scripts still notice. Returns whether there was an error.
 */
function reportKbProblems(problems: readonly KbProblem[], locale: KbLocale): boolean {
  const warning = locale === 'ru' ? 'предупреждение: ' : 'warning: ';
  for (const p of problems) process.stderr.write(`support-kb: ${p.severity === 'error' ? '' : warning}${formatKbProblemLine(p, locale)}\n`);
  return problems.some((p) => p.severity === 'error');
}

/** A draft (or a text to import) is a document a person wrote, not a dump: larger files are refused before they are read. */
const MAX_DRAFT_BYTES = 8 * 1024 * 1024;

function readInput(file: string): string {
  try {
    const size = statSync(file).size;
    if (size > MAX_DRAFT_BYTES) throw Object.assign(new Error(`file is ${Math.round(size / 1024 / 1024)} MB; at most 8 MB is read`), { code: undefined });
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`support-kb: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { kb: { type: 'string', multiple: true }, json: { type: 'boolean' }, locale: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('check takes exactly one draft file');
  const locale = parseLocale(values.locale, (m) => new UsageError(m));
  const text = readInput(positionals[0]!);
  if (text.includes('\u0000')) throw new Error(`support-kb: ${positionals[0]} looks binary, not a text draft`);
  const kb = await loadKbFromPaths((values.kb as string[] | undefined) ?? [BUNDLED_KB_DIR]);
  // Only errors here: a draft check is not the place for the KB's warnings (that is `lint`).
  const kbBroken = reportKbProblems(kb.problems.filter((p) => p.severity === 'error'), locale);
  const placeholders = replyPlaceholderLines(DEFAULT_REPLY_PARTS);
  const report = validateDraft(text, { checklists: kb.checklists, articleBodies: new Map(kb.articles.map((a) => [a.id, a.body])), locale, placeholderLines: placeholders });
  if (values.json) {
    process.stdout.write(JSON.stringify({
      checklists: report.checklists.map(({ id, missing, present }) => ({ id, missing, present })),
      findings: report.findings.map(({ code, severity, message, start, end }) => ({ code, severity, message, start, end })),
      incoming: report.incoming,
    }) + '\n');
    return kbBroken ? 1 : 0;
  }
  // Line starts once, then a binary search per finding: slicing the text for each finding was quadratic.
  const starts = lineStarts(text);
  const where = (offset: number) => {
    const { line, column } = lineAndColumn(starts, offset);
    return `${line}:${column}`;
  };
  if (report.incoming) process.stdout.write(locale === 'ru' ? 'Это входящее письмо клиента, а не ответ: черновик не проверяется.\n' : 'A customer\'s incoming e-mail, not a reply: no draft checks.\n');
  for (const c of report.checklists) {
    const missing = locale === 'ru' ? 'не хватает' : 'missing';
    process.stdout.write(`${c.title}: ${c.present.length}/${c.present.length + c.missing.length}${c.missing.length ? ` — ${missing}: ${c.missingLabels.join(', ')}` : ''}\n`);
  }
  for (const f of report.findings) process.stdout.write(`${positionals[0]}:${where(f.start)}: ${f.severity} ${f.code}: ${f.message}\n`);
  if (!report.checklists.length && !report.findings.length) process.stdout.write(locale === 'ru' ? 'Замечаний нет.\n' : 'No findings.\n');
  return kbBroken ? 1 : 0;
}

function vin(args: string[]): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('vin takes exactly one VIN');
  const v = decodeVin(positionals[0]!);
  if (values.json) {
    const { input, normalized, valid, problems, wmi, manufacturer, country, market, modelYear, checkDigit } = v;
    process.stdout.write(JSON.stringify({ input, normalized, valid, problems, wmi, manufacturer: manufacturer ?? null, country: country ?? null, market, modelYear: modelYear ?? null, checkDigit }) + '\n');
    return 0;
  }
  const lines = [
    `${v.normalized}: ${v.valid ? 'valid' : 'not valid'}${v.problems.length ? ` (${v.problems.join(', ')})` : ''}`,
    `manufacturer: ${v.manufacturer ?? 'unknown'}; country: ${v.country ?? 'unknown'}; WMI ${v.wmi}`,
    `model year: ${v.modelYear ?? 'unknown'}; plant: ${v.plant ?? 'unknown'}; check digit: ${v.checkDigit.applies ? (v.checkDigit.ok ? 'ok' : 'wrong') : 'not used outside North America'}`,
    `market: ${v.market}${v.market === 'ru' ? ' — can be added to the account and to Kia Connect' : v.market === 'foreign' ? ' — cannot be added to the account or to Kia Connect (only XWE…/Z94… VINs)' : ''}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

function imei(args: string[]): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('imei takes exactly one IMEI');
  const i = decodeImei(positionals[0]!);
  process.stdout.write(values.json ? JSON.stringify(i) + '\n' : `${i.normalized}: ${i.valid ? 'valid' : `not valid (${i.problems.join(', ')})`}\n`);
  return 0;
}

function importNumbered(args: string[]): number {
  const { values, positionals } = parse(args, {
    title: { type: 'string' },
    category: { type: 'string' },
    lang: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('import-numbered takes exactly one input file');
  const lang = values.lang as string | undefined;
  if (lang !== undefined && !(KB_LANGUAGES as readonly string[]).includes(lang)) {
    throw new UsageError(`--lang must be one of ${KB_LANGUAGES.join(', ')}`);
  }
  const text = readInput(positionals[0]!);
  process.stdout.write(importNumberedText(text, {
    ...(values.title ? { title: values.title as string } : {}),
    ...(values.category ? { category: values.category as string } : {}),
    ...(lang ? { lang: lang as KbLanguage } : {}),
  }));
  return 0;
}

// `support-kb … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`support-kb: ${e.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`${message.startsWith('support-kb:') ? message : `support-kb: ${message}`}\n`);
      process.exitCode = 1;
    }
  },
);
