import { findPhrase, phraseStems, wordsOf, type Word } from '../checklist/draft';
import { parseChecklists } from '../checklist/parse';
import type { Checklist } from '../checklist/types';
import { lineAndColumn, lineStarts } from '../text/lines';
import { fold } from '../text/normalize';
import { tokenize } from '../search/analyze';
import { assembleKb } from './assemble';
import { kbFileKind } from './kbFolder';
import { fileName, parseHeading, type KbFileInput } from './parse';
import { DEFAULT_LINT_CONFIG, resolveRule, type LintConfig } from './lintConfig';
import { clusters, similarPairs, stems, tfidfVectors } from './lintSimilarity';
import { renderKbProblem } from './problemMessages';
import { lintMessage, whyMalformed, type LintCode, type LintLocale, type LintSeverity } from './lintRules';
import { isUnreadable, type KbReadResult } from './read';
import type { Article } from './types';

export interface LintLocation {
  file: string;
  /** 1-based. */
  line: number;
}

/** A safe edit the maintainer may apply after confirming: the title without the junk glued to it. */
export interface TitleFix {
  kind: 'trim-title';
  line: number;
  /** Heading level (number of `#`). */
  level: number;
  title: string;
  newTitle: string;
  junk: string;
}

export interface LintFinding extends LintLocation {
  code: LintCode;
  severity: LintSeverity;
  message: string;
  /** 1-based columns on `line` of what the finding is about, when it is a part of the line. */
  column?: number;
  endColumn?: number;
  /** The other places that make this a finding (the other articles of a duplicate cluster, …). */
  related: LintLocation[];
  fix?: TitleFix;
}

export interface LintOptions {
  config?: LintConfig;
  locale?: LintLocale;
  /** Mistakes found in the settings file (parseLintConfig), reported as kb.config.invalid. */
  configProblems?: { file: string; messages: string[] };
}

/**
 * Lints KB files (article markdown, aliases.json, checklists.json) as one KB, over the same parser
 * the extension loads them with. Every pass is linear in the text (or, for near-duplicates,
 * bounded by the candidate pairs), so a 10 000-article KB lints in seconds.
 */
export function lintKb(files: readonly KbReadResult[], options: LintOptions = {}): LintFinding[] {
  const inputs = files.filter((f): f is KbFileInput => !isUnreadable(f));
  const config = options.config ?? DEFAULT_LINT_CONFIG;
  const locale = options.locale ?? 'en';
  const findings: LintFinding[] = [];
  const emit = (code: LintCode, at: LintLocation, key: string, args: Record<string, string | number>, extra: Partial<LintFinding> = {}) => {
    const rule = resolveRule(config, code, at.file);
    if (rule.level === 'off') return;
    findings.push({ code, severity: rule.level, message: lintMessage(locale, key, args), file: at.file, line: at.line, related: [], ...extra });
  };
  const ctx: Ctx = { inputs, config, locale, emit };

  for (const why of options.configProblems?.messages ?? []) emit('kb.config.invalid', { file: options.configProblems!.file, line: 1 }, 'config.invalid', { why });
  const kb = assembleKb(files);
  for (const p of kb.problems) {
    if (p.code === 'kb.heading.empty') emit('kb.heading.empty', p, 'heading.no-title', {});
    else {
      const rule = resolveRule(config, 'kb.file.invalid', p.file);
      if (rule.level !== 'off') findings.push({ code: 'kb.file.invalid', severity: p.severity === 'error' ? 'error' : rule.level, message: renderKbProblem(p, locale), file: p.file, line: Math.max(1, p.line), related: [] });
    }
  }
  const articles = kb.articles;
  lintDuplicates(ctx, articles);
  lintTitles(ctx, articles);
  lintArticleSizes(ctx, articles);
  const markdown = inputs.filter((i) => kbFileKind(fileName(i.file)) === 'articles');
  for (const input of markdown) lintEmptySections(ctx, input);
  lintLinks(ctx, markdown);
  lintEmails(ctx, markdown);
  lintPhones(ctx, markdown);
  const words = articles.map((a) => wordsOf(`${a.title}\n${a.body}`));
  lintChecklists(ctx, articles, words);
  lintAliases(ctx, words);

  return findings.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || (x.column ?? 0) - (y.column ?? 0) || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0)));
}

/** Does any finding have error severity (the CLI then exits 1). */
export function hasErrors(findings: readonly LintFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

interface Ctx {
  inputs: readonly KbFileInput[];
  config: LintConfig;
  locale: LintLocale;
  emit(code: LintCode, at: LintLocation, key: string, args: Record<string, string | number>, extra?: Partial<LintFinding>): void;
}

const at = (a: Article): LintLocation => ({ file: a.file, line: a.line });
const quote = (a: Article) => `«${a.title}» (${fileName(a.file)}:${a.line})`;
const normalBody = (body: string) => body.replace(/\s+/g, ' ').trim();

function lintDuplicates(ctx: Ctx, articles: readonly Article[]): void {
  // Exact: the same body, whitespace aside.
  const byBody = new Map<string, number[]>();
  articles.forEach((a, i) => {
    const key = normalBody(a.body);
    if (!key) return;
    const list = byBody.get(key);
    if (list) list.push(i);
    else byBody.set(key, [i]);
  });
  for (const group of byBody.values()) {
    if (group.length < 2) continue;
    for (const i of group) {
      const others = group.filter((j) => j !== i).map((j) => articles[j]!);
      ctx.emit('kb.duplicate.exact', at(articles[i]!), 'duplicate.exact', { count: others.length, others: others.map(quote).join(', ') }, { related: others.map(at) });
    }
  }

  // Near: TF-IDF cosine over stems; the threshold may differ per file, candidates use the lowest.
  const withText = articles.map((_, i) => i).filter((i) => normalBody(articles[i]!.body));
  const thresholdOf = (a: Article) => resolveRule(ctx.config, 'kb.duplicate.near', a.file).threshold;
  const lowest = withText.reduce((m, i) => Math.min(m, thresholdOf(articles[i]!)), Infinity); // no spread: 100k articles overflow the stack
  if (!withText.length) return;
  const vectors = tfidfVectors(withText.map((i) => stems(articles[i]!.body, articles[i]!.lang)));
  const pairs = similarPairs(vectors, lowest)
    .map((p) => ({ a: withText[p.a]!, b: withText[p.b]!, score: p.score }))
    .filter((p) => {
      const a = articles[p.a]!;
      const b = articles[p.b]!;
      return normalBody(a.body) !== normalBody(b.body) && p.score >= Math.max(thresholdOf(a), thresholdOf(b));
    });
  const scores = new Map<number, { other: number; score: number }[]>();
  for (const p of pairs) {
    for (const [x, y] of [[p.a, p.b], [p.b, p.a]] as const) {
      const list = scores.get(x) ?? [];
      list.push({ other: y, score: p.score });
      scores.set(x, list);
    }
  }
  for (const cluster of clusters(articles.length, pairs)) {
    for (const i of cluster) {
      const direct = (scores.get(i) ?? []).sort((x, y) => y.score - x.score);
      const others = cluster.filter((j) => j !== i).map((j) => articles[j]!);
      ctx.emit('kb.duplicate.near', at(articles[i]!), 'duplicate.near', {
        others: direct.map((d) => quote(articles[d.other]!)).join(', '),
        score: direct.map((d) => d.score.toFixed(2)).join(', '),
      }, { related: others.map(at) });
    }
  }

  // One title, different bodies.
  const byTitle = new Map<string, number[]>();
  articles.forEach((a, i) => {
    const key = fold(a.title).replace(/\s+/g, ' ').trim();
    if (!key) return;
    const list = byTitle.get(key);
    if (list) list.push(i);
    else byTitle.set(key, [i]);
  });
  for (const group of byTitle.values()) {
    if (group.length < 2 || new Set(group.map((i) => normalBody(articles[i]!.body))).size < 2) continue;
    for (const i of group) {
      const others = group.filter((j) => j !== i).map((j) => articles[j]!);
      ctx.emit('kb.title.duplicate', at(articles[i]!), 'title.duplicate', { title: articles[i]!.title, others: others.map((o) => `${fileName(o.file)}:${o.line}`).join(', ') }, { related: others.map(at) });
    }
  }
}

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const DIGITS_ONLY = /^\d+$/;

/** Where junk starts in a title word: a switch between Cyrillic and Latin letters inside it, or a snake_case tag. */
export function titleJunk(title: string): { start: number; junk: string; fixed: string } | undefined {
  let wordStart = 0;
  for (let i = 0; i <= title.length; i++) {
    if (i < title.length && !/\s/.test(title[i]!)) continue;
    const word = title.slice(wordStart, i);
    const start = junkStart(word);
    if (start !== undefined) {
      const junk = word.slice(start);
      const fixed = (title.slice(0, wordStart + start) + title.slice(i)).trimEnd().replace(/\s{2,}/g, ' ');
      return { start: wordStart + start, junk, fixed };
    }
    wordStart = i + 1;
  }
  return undefined;
}

function junkStart(word: string): number | undefined {
  let prev: 'c' | 'l' | undefined;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    const script = CYRILLIC_LETTER.test(ch) ? 'c' : LATIN_LETTER.test(ch) ? 'l' : undefined;
    if (script && prev && script !== prev) return i;
    prev = script;
    if (!script) prev = undefined;
  }
  // A tag of its own: letters_letters (system_apps96), not a word of the title.
  const underscore = word.indexOf('_');
  if (underscore > 0 && underscore < word.length - 1 && /[A-Za-z]/.test(word[underscore - 1]!) && /[A-Za-z0-9]/.test(word[underscore + 1]!)) return 0;
  return undefined;
}

function lintTitles(ctx: Ctx, articles: readonly Article[]): void {
  const shares = titleShares(articles);
  articles.forEach((a, i) => {
    const junk = titleJunk(a.title);
    if (junk) {
      ctx.emit('kb.title.junk', at(a), 'title.junk', { junk: junk.junk, fixed: junk.fixed }, {
        fix: { kind: 'trim-title', line: a.line, level: a.level, title: a.title, newTitle: junk.fixed, junk: junk.junk },
        column: a.level + 2 + junk.start,
        endColumn: a.level + 2 + junk.start + junk.junk.length,
      });
    }
    if (shares[i]! < resolveRule(ctx.config, 'kb.title.mismatch', a.file).minShare) {
      ctx.emit('kb.title.mismatch', at(a), 'title.mismatch', { title: a.title, share: Math.round(shares[i]! * 100) });
    }
  });
}

/**
 * How well each title fits its body: the share of the title's content words, weighted by rarity in
 * the KB (idf), that occur in the body. Brand words every article has ("Kia") weigh little, so a
 * body that only shares them with a wrong title still scores low. 1 for titles with fewer than two
 * content words and for articles without text (other rules speak about those).
 */
export function titleShares(articles: readonly Article[]): number[] {
  const bodyStems = articles.map((a) => new Set(stems(a.body, a.lang)));
  const df = new Map<string, number>();
  for (const s of bodyStems) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log((articles.length + 1) / ((df.get(t) ?? 0) + 0.5));
  return articles.map((a, i) => {
    const body = bodyStems[i]!;
    if (!body.size) return 1;
    // Stemmers leave some forms apart (возврат / возвращаются): a long word also counts by its first letters.
    const prefixes = new Set([...body].filter((w) => w.length >= ROOT).map((w) => w.slice(0, ROOT)));
    const inBody = (w: string) => body.has(w) || (w.length >= ROOT && prefixes.has(w.slice(0, ROOT)));
    const words = [...new Set(stems(titleJunk(a.title)?.fixed ?? a.title, a.lang).filter((w) => !DIGITS_ONLY.test(w)))];
    const total = words.reduce((s, w) => s + idf(w), 0);
    return words.length < 2 || !total ? 1 : words.filter(inBody).reduce((s, w) => s + idf(w), 0) / total;
  });
}

/** Letters two stems must share at the start to count as one word for the title-fit rule. */
const ROOT = 5;

function lintArticleSizes(ctx: Ctx, articles: readonly Article[]): void {
  articles.forEach((a, i) => {
    const next = articles[i + 1];
    const hasChildren = next !== undefined && next.file === a.file && next.level > a.level;
    const body = normalBody(a.body);
    if (!body) {
      if (!hasChildren) ctx.emit('kb.article.empty', at(a), 'article.empty', { title: a.title });
      return;
    }
    const words = (s: string) => tokenize(s).map((t) => t.text).join(' ');
    if (words(body) === words(a.title)) ctx.emit('kb.article.empty', at(a), 'article.title-only', { title: a.title });
    const max = resolveRule(ctx.config, 'kb.article.long', a.file).maxChars;
    if (a.body.length > max) ctx.emit('kb.article.long', at(a), 'article.long', { title: a.title, chars: a.body.length, max });
  });
}

const FENCE = /^ {0,3}(```|~~~)/;

/** `#` sections with nothing under them: no text and no articles before the next `#`. */
function lintEmptySections(ctx: Ctx, input: KbFileInput): void {
  const lines = input.text.split(/\r?\n/);
  let open: { line: number; title: string; filled: boolean } | undefined;
  let inFence = false;
  let inFrontMatter = lines[0]?.trimEnd() === '---';
  const close = () => {
    if (open && !open.filled && open.title) ctx.emit('kb.heading.empty', { file: input.file, line: open.line }, 'heading.no-text', { title: open.title });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inFrontMatter) {
      if (i > 0 && line.trimEnd() === '---') inFrontMatter = false;
      continue;
    }
    if (FENCE.test(line)) inFence = !inFence;
    const h = inFence ? undefined : parseHeading(line);
    if (h?.level === 1) {
      close();
      open = { line: i + 1, title: h.title, filled: false };
    } else if (open && line.trim()) open.filled = true;
  }
  close();
}

interface Occurrence extends LintLocation {
  text: string;
  column: number;
}

/** Line and column (1-based) of an offset, from a table of line starts (binary search). */
function locator(file: string, text: string): (offset: number) => { file: string; line: number; column: number } {
  const starts = lineStarts(text);
  return (offset) => ({ file, ...lineAndColumn(starts, offset) });
}

// Scheme-like starts of links, misspellings included; each match is then extended by a plain scan.
const LINK_START = /\b(?:h[a-z]{2,4}s?[:;]?\/\/?|h[a-z]{2,4}s?:|www\.)/giu;
const LINK_END = /[\s<>"«»]/u;
const TRAILING = new Set([...'.,;:!?)]\'’”']);

export interface FoundLink extends Occurrence {
  scheme: string;
  separator: string;
  rest: string;
}

/** Links in a text: `scheme://…` (misspelt schemes too) and `www.…`, trailing punctuation left out. */
export function findLinks(file: string, text: string): FoundLink[] {
  const where = locator(file, text);
  const out: FoundLink[] = [];
  let coveredTo = 0;
  for (const m of text.matchAll(LINK_START)) {
    const start = m.index!;
    if (start < coveredTo) continue;
    const head = m[0];
    const isWww = /^www\./i.test(head);
    // A word such as "here:" is no link: a scheme needs slashes, or to be http(s) itself.
    if (!isWww && !head.includes('/') && !/^https?:$/i.test(head)) continue;
    let end = start + head.length;
    while (end < text.length && !LINK_END.test(text[end]!)) end++;
    // Trailing punctuation belongs to the sentence (a loop: a regex here would backtrack on long runs).
    while (end > start + head.length && TRAILING.has(text[end - 1]!)) end--;
    const raw = text.slice(start, end);
    coveredTo = start + raw.length;
    // "по http: устарело" is prose, not a link: a scheme with nothing after it is left alone.
    if (!isWww && raw.length <= head.length) continue;
    const s = /^([a-z]+)([:;]?\/*)/i.exec(raw);
    out.push({
      ...where(start),
      text: raw,
      scheme: isWww ? '' : s![1]!.toLowerCase(),
      separator: isWww ? '' : s![2]!,
      rest: isWww ? raw : raw.slice(s![0].length),
    });
  }
  return out;
}

/** Why a link is malformed, or undefined when it is fine. */
export function malformedReason(link: FoundLink): string | undefined {
  if (link.scheme && link.scheme !== 'http' && link.scheme !== 'https') return 'scheme';
  if (link.scheme && link.separator !== '://') return 'slashes';
  const host = link.rest.split(/[/?#]/, 1)[0]!.toLowerCase();
  if (!/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?::\d{1,5})?$/u.test(host) || host.includes('..')) return 'host';
  try {
    new URL(`https://${link.rest}`);
  } catch {
    return 'parse';
  }
  return undefined;
}

/** One spelling of a link for comparing: no scheme, no `www.`, host in lower case, no trailing slash. */
function linkKey(link: FoundLink): string {
  const rest = link.rest.replace(/^www\./i, '');
  const slash = rest.search(/[/?#]/);
  const host = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '' : rest.slice(slash);
  return host + path.replace(/\/+$/, '');
}

function lintLinks(ctx: Ctx, inputs: readonly KbFileInput[]): void {
  const links = inputs.flatMap((i) => findLinks(i.file, i.text));
  const good: FoundLink[] = [];
  for (const l of links) {
    const why = malformedReason(l);
    if (why) ctx.emit('kb.link.malformed', l, 'link.malformed', { url: l.text, why: whyMalformed(ctx.locale, why) }, { column: l.column, endColumn: l.column + l.text.length });
    else good.push(l);
  }
  const hostOf = (l: FoundLink) => linkKey(l).split(/[/?#]/, 1)[0]!;
  const httpsHosts = new Set(good.filter((l) => l.scheme === 'https').map(hostOf));
  for (const l of good) {
    if (l.scheme === 'http' && httpsHosts.has(hostOf(l))) {
      ctx.emit('kb.link.insecure', l, 'link.insecure', { url: l.text, host: hostOf(l) }, { column: l.column, endColumn: l.column + l.text.length });
    }
  }
  variants(ctx, good, linkKey, (l) => l.text, 'kb.link.variant', 'link.variant', 'url');
}

/**
 * Things written several ways: grouped by `key`, spelt by `spelling`; every spelling but the most
 * common one is reported, with the places of the most common one as related locations.
 */
function variants<T extends Occurrence>(ctx: Ctx, items: readonly T[], key: (t: T) => string, spelling: (t: T) => string, code: LintCode, message: string, arg: string): void {
  const groups = new Map<string, Map<string, T[]>>();
  for (const it of items) {
    const k = key(it);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = new Map()));
    const s = spelling(it);
    const list = g.get(s);
    if (list) list.push(it);
    else g.set(s, [it]);
  }
  for (const g of groups.values()) {
    if (g.size < 2) continue;
    const ranked = [...g].sort((x, y) => y[1].length - x[1].length || (x[0] < y[0] ? -1 : 1));
    const [canonical, main] = ranked[0]!;
    for (const [s, list] of ranked.slice(1)) {
      for (const it of list) {
        ctx.emit(code, it, message, { [arg]: s, canonical, count: main.length }, {
          column: it.column,
          endColumn: it.column + it.text.length,
          related: uniqueLocations(main).slice(0, 5),
        });
      }
    }
  }
}

function uniqueLocations(items: readonly LintLocation[]): LintLocation[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(`${i.file}:${i.line}`) && seen.add(`${i.file}:${i.line}`)).map((i) => ({ file: i.file, line: i.line }));
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

/** E-mail addresses in a text, found around each `@` by a plain scan. */
export function findEmails(file: string, text: string): Occurrence[] {
  const where = locator(file, text);
  const out: Occurrence[] = [];
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
    let s = i;
    while (s > 0 && EMAIL_LOCAL.test(text[s - 1]!) && i - s < 64) s--;
    let e = i + 1;
    while (e < text.length && EMAIL_DOMAIN.test(text[e]!) && e - i < 255) e++;
    const email = text.slice(s, e).replace(/[.-]+$/, '');
    const domain = email.slice(i - s + 1);
    if (i === s || !/\.[A-Za-z]{2,}$/.test(domain)) continue;
    out.push({ ...where(s), text: email });
  }
  return out;
}

function lintEmails(ctx: Ctx, inputs: readonly KbFileInput[]): void {
  const emails = inputs.flatMap((i) => findEmails(i.file, i.text));
  // The same mailbox: case aside, and dots/dashes/underscores in the local part aside.
  const key = (e: Occurrence) => {
    const [local, domain] = e.text.toLowerCase().split('@') as [string, string];
    return `${local.replace(/[-._]/g, '')}@${domain}`;
  };
  variants(ctx, emails, key, (e) => e.text, 'kb.contact.email', 'email.variant', 'email');
}

// A phone number: 10–14 digits with spaces, dashes, brackets or one line break between groups.
const PHONE = /(?<![\p{L}\p{N}.:/])\+?\d(?:(?:[ \t\u00a0\-()]{1,3}|\r?\n)?\d){9,13}(?![\p{L}\p{N}])/gu;

/** Phone numbers in a text; `canonical` is the digits, Russian 8… numbers as 7…. */
export function findPhones(file: string, text: string): (Occurrence & { canonical: string; broken: boolean })[] {
  const where = locator(file, text);
  const out: (Occurrence & { canonical: string; broken: boolean })[] = [];
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    const canonical = digits.length === 11 && digits[0] === '8' ? `7${digits.slice(1)}` : digits;
    out.push({ ...where(m.index!), text: m[0], canonical, broken: /\n/.test(m[0]) });
  }
  return out;
}

function lintPhones(ctx: Ctx, inputs: readonly KbFileInput[]): void {
  const phones = inputs.flatMap((i) => findPhones(i.file, i.text));
  for (const p of phones) {
    if (p.broken) ctx.emit('kb.contact.phone', p, 'phone.broken', { phone: p.text.replace(/\r?\n/, '⏎') }, { column: p.column, endColumn: p.column + p.text.split('\n')[0]!.length });
  }
  // Spelling compared with line breaks read as spaces: a broken number is reported once, above.
  variants(ctx, phones, (p) => p.canonical, (p) => p.text.replace(/\s+/g, ' '), 'kb.contact.phone', 'phone.variant', 'phone');
}

/** Finds `needle` at or after `from` in a file's text: its offset and 1-based line (line 1 when absent). */
function finder(input: KbFileInput): (needle: string, from?: number) => { line: number; offset: number } {
  const where = locator(input.file, input.text);
  return (needle, from = 0) => {
    const offset = input.text.indexOf(needle, from);
    return offset < 0 ? { line: 1, offset: from } : { line: where(offset).line, offset };
  };
}

function lintChecklists(ctx: Ctx, articles: readonly Article[], words: readonly Word[][]): void {
  const byId = new Map(articles.map((a, i) => [a.id, i]));
  for (const input of ctx.inputs) {
    if (kbFileKind(fileName(input.file)) !== 'checklists') continue;
    let checklists: Checklist[];
    try {
      checklists = parseChecklists(input.text, input.file);
    } catch {
      continue; // reported as kb.file.invalid from the parse
    }
    const lineOf = finder(input);
    for (const c of checklists) {
      const start = lineOf(`"${c.id}"`).offset;
      for (const field of ['appliesWhen.articles', 'sources'] as const) {
        const ids = field === 'sources' ? c.sources ?? [] : c.appliesWhen.articles ?? [];
        const fieldStart = lineOf(field === 'sources' ? '"sources"' : '"articles"', start).offset;
        for (const id of ids) {
          if (byId.has(id)) continue;
          const where = lineOf(`"${id}"`, fieldStart);
          ctx.emit('kb.checklist.unknown-article', { file: input.file, line: where.line }, 'checklist.unknown', { checklist: c.id, field, id });
        }
      }
      const sources = (c.sources ?? []).map((id) => byId.get(id)).filter((i): i is number => i !== undefined);
      if (!sources.length) continue;
      for (const item of c.items) {
        const found = item.phrases.some((p) => {
          const stemsOf = phraseStems(p);
          return sources.some((i) => findPhrase(words[i]!, stemsOf) >= 0);
        });
        if (found) continue;
        const where = lineOf(`"${item.id}"`, start);
        ctx.emit('kb.checklist.phrase-missing', { file: input.file, line: where.line }, 'checklist.phrase', { checklist: c.id, item: item.id, phrases: item.phrases.join(', ') });
      }
    }
  }
}

function lintAliases(ctx: Ctx, words: readonly Word[][]): void {
  // Articles by the stems they contain, so a term is looked for only where its first word occurs.
  const byStem = new Map<string, number[]>();
  words.forEach((ws, i) => {
    for (const s of new Set(ws.map((w) => w.stem))) {
      const list = byStem.get(s);
      if (list) list.push(i);
      else byStem.set(s, [i]);
    }
  });
  const occurs = (term: string) => {
    const st = phraseStems(term);
    if (!st.length) return false;
    return (byStem.get(st[0]!) ?? []).some((i) => findPhrase(words[i]!, st) >= 0);
  };
  for (const input of ctx.inputs) {
    if (kbFileKind(fileName(input.file)) !== 'aliases') continue;
    let groups: { terms?: unknown }[];
    try {
      groups = (JSON.parse(input.text) as { groups: { terms?: unknown }[] }).groups;
      if (!Array.isArray(groups)) continue;
    } catch {
      continue; // reported as kb.file.invalid from the parse
    }
    const lineOf = finder(input);
    let from = 0;
    for (const g of groups) {
      const terms = Array.isArray(g?.terms) ? g.terms.filter((t): t is string => typeof t === 'string') : [];
      if (!terms.length) continue;
      const where = lineOf(JSON.stringify(terms[0]), from);
      from = where.offset + 1;
      if (terms.some(occurs)) continue;
      ctx.emit('kb.alias.unused', { file: input.file, line: where.line }, 'alias.unused', { terms: terms.join(', ') });
    }
  }
}
