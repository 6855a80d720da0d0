import { trimBlankLines } from '../text/lines';
import { detectLanguage } from '../text/normalize';
import { slugify } from '../text/translit';
import { parseFrontMatter } from './frontMatter';
import { problemText, type KbMessageKey, type KbText } from './problemMessages';
import { KB_LANGUAGES, KbError, type Article, type KbLanguage, type KbProblem } from './types';

/** Files larger than this are refused: a KB article file is text a person edits, not a dump. */
export const MAX_KB_FILE_BYTES = 8 * 1024 * 1024;

export interface KbFileInput {
  /** Where it came from (path or URI); shown in messages and kept on each article. */
  file: string;
  text: string;
  /** Size on disk in bytes, when the loader knows it (else counted from `text` as UTF-8). */
  bytes?: number;
  /** What reading the file found (e.g. bytes that are not UTF-8); reported with the file's problems. */
  problems?: KbProblem[];
}

export interface ParsedKbFile {
  file: string;
  source: string;
  title: string;
  lang: KbLanguage;
  articles: Article[];
  problems: KbProblem[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A file's problems beyond this many are summed up in one line: 150,000 warnings help nobody. */
export const MAX_PROBLEMS_PER_FILE = 100;
const CLAUSE_NUMBER = /^(\d+(?:\.\d+)*)\.?(?=\s|$)/;

/** `kb/kia-support-ru.md` → `kia-support-ru`. Works on paths and URIs. */
export function sourceName(file: string): string {
  const base = fileName(file);
  return base.replace(/\.[^.]+$/, '') || base;
}

/** `kb/kia-support-ru.md` → `kia-support-ru.md`. Works on paths and URIs. */
export function fileName(file: string): string {
  return file.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? file;
}

/**
 * Parses one KB markdown file into articles.
 *
 * Format (see kb/README.md): optional front matter (`lang`, `title`); `#` headings name a category;
 * every `##`…`######` heading starts an article whose body is the text up to the next heading.
 * A body line that must start with `#` is written `\#` and read back as `#`.
 *
 * @throws KbError when the file cannot be used at all (binary, too large, broken front matter).
 * @example
 * parseKbFile({ file: 'kb/faq.md', text: '# apps\n\n## Забыли пароль\n\nНажмите «Восстановить».' })
 *   .articles[0] // { title: 'Забыли пароль', category: 'apps', line: 3, body: 'Нажмите «Восстановить».', … }
 */
export function parseKbFile(input: KbFileInput): ParsedKbFile {
  const { file, text } = input;
  const fail = (line: number, code: string, text: KbText): never => {
    throw new KbError({ severity: 'error', code, ...problemText(text.key, text.args), file, line });
  };
  const bytes = input.bytes ?? utf8Length(text);
  if (bytes > MAX_KB_FILE_BYTES) fail(0, 'kb.file.too-large', tooLargeText(bytes));
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    fail(lineAt(text, nul), 'kb.file.binary', { key: 'file.binary' });
  }

  // Lone CR (old Mac) line endings are line endings too: without this the file is one long line.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const fm = parseFrontMatter(lines);
  if (!fm.ok) fail(fm.line, 'kb.front-matter.invalid', fm.text);
  const { fields, lineCount } = fm.ok ? fm.value : { fields: {}, lineCount: 0 };

  const problems = new ProblemList(file);
  for (const p of input.problems ?? []) problems.push(p);
  let lang: KbLanguage;
  if (fields['lang'] !== undefined) {
    const l = fields['lang'].toLowerCase();
    if (!(KB_LANGUAGES as readonly string[]).includes(l)) {
      fail(lineOfField(lines, 'lang'), 'kb.front-matter.lang', { key: 'front-matter.lang', args: { lang: fields['lang'], langs: KB_LANGUAGES.join(', ') } });
    }
    lang = l as KbLanguage;
  } else {
    lang = detectLanguage(text);
  }

  const source = sourceName(file);
  const articles: Article[] = [];
  const ids = new UniqueIds();
  const open: { level: number; title: string }[] = []; // enclosing headings of the current one
  let category = '';
  let current: { article: Omit<Article, 'body' | 'id'>; bodyLines: string[]; slug: string } | undefined;
  const fences = pairFences(lines, lineCount);
  if (fences.unclosed >= 0) {
    problems.add('warning', 'kb.fence.unclosed', 'fence.unclosed', fences.unclosed + 1);
  }
  let inFence = false;

  const finish = () => {
    if (!current) return;
    const body = trimBlankLines(current.bodyLines).join('\n');
    articles.push({ id: `${source}#${ids.take(current.slug)}`, ...current.article, body });
    current = undefined;
  };

  for (let i = lineCount; i < lines.length; i++) {
    const line = lines[i]!;
    if (fences.isFence[i]) inFence = !inFence;
    const h = inFence || fences.isFence[i] ? undefined : parseHeading(line);
    if (!h) {
      current?.bodyLines.push(unescapeBodyLine(line));
      continue;
    }
    finish();
    const { level, title } = h;
    if (!title) {
      problems.add('warning', 'kb.heading.empty', 'heading.empty', i + 1);
    }
    if (level === 1) {
      category = title;
      open.length = 0;
      continue;
    }
    while (open.length && open[open.length - 1]!.level >= level) open.pop();
    const clause = CLAUSE_NUMBER.exec(title);
    current = {
      article: { title, lang, category, source, file, line: i + 1, level, path: open.map((o) => o.title) },
      bodyLines: [],
      slug: clause ? clause[1]! : slugify(title),
    };
    open.push({ level, title });
  }
  finish();

  if (articles.length === 0) {
    problems.add('warning', 'kb.file.no-articles', 'file.no-articles', 0);
  }
  return { file, source, title: fields['title'] ?? source, lang, articles, problems: problems.done() };
}

/** The message for a file over the size limit, in the units people see in their file manager. */
export function tooLargeText(bytes: number): KbText {
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return { key: 'file.too-large', args: { size: mb(bytes), max: mb(MAX_KB_FILE_BYTES) } };
}

/** Bytes `text` takes as UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * An ATX heading (`## Title`, `### Title ##`): its level and title, or undefined. A scanner, not a
 * regex: `(.*?)[ \t#]*$` backtracked quadratically on `## ` followed by ` #` many times.
 */
export function parseHeading(line: string): { level: number; title: string } | undefined {
  let level = 0;
  while (level < line.length && line.charCodeAt(level) === 0x23 /* # */) level++;
  if (level < 1 || level > 6) return undefined;
  let start = level;
  while (start < line.length && isSpaceOrTab(line.charCodeAt(start))) start++;
  if (start === level) return undefined; // `##Title` is text
  let end = line.length;
  while (end > start && (isSpaceOrTab(line.charCodeAt(end - 1)) || line.charCodeAt(end - 1) === 0x23)) end--;
  // Line and paragraph separators inside a title would split it in the sidebar: a space instead.
  const title = line.slice(start, end).replace(/[\u2028\u2029]/g, ' ').trim();
  return { level, title };
}

function isSpaceOrTab(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Which lines open or close a fenced code block. A fence is closed by the same character, at least
 * as long; a fence never closed is not a fence (it would swallow the rest of the file, headings and all).
 */
function pairFences(lines: readonly string[], from: number): { isFence: boolean[]; unclosed: number } {
  const isFence = new Array<boolean>(lines.length).fill(false);
  let open = -1;
  let marker = '';
  for (let i = from; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]!);
    if (!m) continue;
    if (open < 0) {
      open = i;
      marker = m[1]!;
    } else if (m[1]![0] === marker[0] && m[1]!.length >= marker.length && lines[i]!.trim() === m[1]) {
      isFence[open] = true;
      isFence[i] = true;
      open = -1;
    }
  }
  return { isFence, unclosed: open };
}

/**
 * A body line that must start with `#` or a code fence is written with a `\` first and read back
 * without it (`\# not a heading`, ``\``` not a fence``); see kb/README.md.
 */
export function unescapeBodyLine(line: string): string {
  if (line.charCodeAt(0) !== 0x5c /* \ */) return line;
  let k = 0;
  while (line.charCodeAt(k) === 0x5c) k++;
  const rest = line.slice(k);
  return rest.startsWith('#') || FENCE.test(rest) ? line.slice(1) : line;
}

/** Escapes a body line that would otherwise read as a heading or a code fence (the inverse of `unescapeBodyLine`). */
export function escapeBodyLine(line: string): string {
  let k = 0;
  while (line.charCodeAt(k) === 0x5c) k++;
  const rest = line.slice(k);
  return rest.startsWith('#') || FENCE.test(rest) ? `\\${line}` : line;
}

/**
 * Article ids unique by construction: the slug, else the slug with the first free `-N`. Checked
 * against every id given out, so `Foo`, `Foo`, `Foo 2` give `foo`, `foo-3`… never a duplicate, and a
 * truncated long slug that collides with another's suffix still gets an id of its own.
 */
export class UniqueIds {
  private readonly used = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  take(base: string): string {
    if (!this.used.has(base)) {
      this.used.add(base);
      return base;
    }
    let n = this.nextSuffix.get(base) ?? 2;
    while (this.used.has(`${base}-${n}`)) n++;
    this.nextSuffix.set(base, n + 1);
    const id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** A file's problems, at most `MAX_PROBLEMS_PER_FILE` of them, then one line saying how many more. */
class ProblemList {
  private readonly list: KbProblem[] = [];
  private dropped = 0;

  constructor(private readonly file: string) {}

  add(severity: KbProblem['severity'], code: string, key: KbMessageKey, line: number): void {
    // Counted, not built, past the limit: a hostile file may have 150,000 of them.
    if (this.list.length < MAX_PROBLEMS_PER_FILE) this.list.push({ severity, code, ...problemText(key), file: this.file, line });
    else this.dropped++;
  }

  /** A problem found before parsing (reading the file), kept as it is. */
  push(problem: KbProblem): void {
    if (this.list.length < MAX_PROBLEMS_PER_FILE) this.list.push({ ...problem, file: this.file });
    else this.dropped++;
  }

  done(): KbProblem[] {
    if (this.dropped) {
      this.list.push({ severity: 'warning', code: 'kb.file.more-problems', ...problemText('file.more-problems', { count: this.dropped }), file: this.file, line: 0 });
    }
    return this.list;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

function lineOfField(lines: readonly string[], key: string): number {
  const i = lines.findIndex((l) => l.startsWith(`${key}:`));
  return i + 1;
}
