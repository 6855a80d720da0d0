import { trimBlankLines } from '../text/lines';
import { detectLanguage } from '../text/normalize';
import { slugify } from '../text/translit';
import { parseFrontMatter } from './frontMatter';
import { KB_LANGUAGES, KbError, type Article, type KbLanguage, type KbProblem } from './types';

/** Files larger than this are refused: a KB article file is text a person edits, not a dump. */
export const MAX_KB_FILE_BYTES = 8 * 1024 * 1024;

export interface KbFileInput {
  /** Where it came from (path or URI); shown in messages and kept on each article. */
  file: string;
  text: string;
}

export interface ParsedKbFile {
  file: string;
  source: string;
  title: string;
  lang: KbLanguage;
  articles: Article[];
  problems: KbProblem[];
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const FENCE = /^\s{0,3}(```|~~~)/;
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
  const fail = (line: number, code: string, message: string): never => {
    throw new KbError({ severity: 'error', code, message, file, line });
  };
  if (text.length > MAX_KB_FILE_BYTES) {
    fail(0, 'kb.file.too-large', `file is ${Math.round(text.length / 1024 / 1024)} MB; KB files may be at most ${MAX_KB_FILE_BYTES / 1024 / 1024} MB — split it into several files`);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    fail(lineAt(text, nul), 'kb.file.binary', 'file contains NUL bytes and looks binary, not markdown text; remove it from the KB folder');
  }

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fm = parseFrontMatter(lines);
  if (!fm.ok) fail(fm.line, 'kb.front-matter.invalid', fm.message);
  const { fields, lineCount } = fm.ok ? fm.value : { fields: {}, lineCount: 0 };

  const problems: KbProblem[] = [];
  let lang: KbLanguage;
  if (fields['lang'] !== undefined) {
    const l = fields['lang'].toLowerCase();
    if (!(KB_LANGUAGES as readonly string[]).includes(l)) {
      fail(lineOfField(lines, 'lang'), 'kb.front-matter.lang', `unknown lang "${fields['lang']}"; use one of ${KB_LANGUAGES.join(', ')}`);
    }
    lang = l as KbLanguage;
  } else {
    lang = detectLanguage(text);
  }

  const source = sourceName(file);
  const articles: Article[] = [];
  const usedIds = new Map<string, number>();
  const open: { level: number; title: string }[] = []; // enclosing headings of the current one
  let category = '';
  let current: { article: Omit<Article, 'body' | 'id'>; bodyLines: string[]; slug: string } | undefined;
  let inFence = false;

  const finish = () => {
    if (!current) return;
    const body = trimBlankLines(current.bodyLines).join('\n');
    const n = (usedIds.get(current.slug) ?? 0) + 1;
    usedIds.set(current.slug, n);
    const id = `${source}#${n === 1 ? current.slug : `${current.slug}-${n}`}`;
    articles.push({ id, ...current.article, body });
    current = undefined;
  };

  for (let i = lineCount; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) inFence = !inFence;
    const h = inFence ? null : HEADING.exec(line);
    if (!h) {
      current?.bodyLines.push(line.startsWith('\\#') ? line.slice(1) : line);
      continue;
    }
    finish();
    const level = h[1]!.length;
    const title = h[2]!.trim();
    if (!title) {
      problems.push({ severity: 'warning', code: 'kb.heading.empty', message: 'heading has no title; its text is not searchable by title', file, line: i + 1 });
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
    problems.push({ severity: 'warning', code: 'kb.file.no-articles', message: 'file has no "##" headings, so it adds no articles', file, line: 0 });
  }
  return { file, source, title: fields['title'] ?? source, lang, articles, problems };
}


function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function lineOfField(lines: readonly string[], key: string): number {
  const i = lines.findIndex((l) => l.startsWith(`${key}:`));
  return i + 1;
}
