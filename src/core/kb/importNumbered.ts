import { trimBlankLines } from '../text/lines';
import { detectLanguage } from '../text/normalize';
import { renderFrontMatter } from './frontMatter';
import { escapeBodyLine } from './parse';
import type { KbLanguage } from './types';

export interface ImportNumberedOptions {
  /** Front-matter title; default: the first line of the document. */
  title?: string;
  /** The `#` category heading; default: the second line before the first clause, else the title. */
  category?: string;
  lang?: KbLanguage;
}

/** One numbered clause as found in the text. */
interface Clause {
  number: number[];
  title: string;
  body: string[];
}

const NUMBER_ONLY = /^\s*(\d+(?:\.\d+)*)\.\s*$/;
const NUMBER_AND_TEXT = /^\s*(\d+(?:\.\d+)+)\.?[ \t\u00a0]+(\S.*)$/;
const TOC_LINE = /^\s*\d+\.\s+\S/;

/**
 * Converts a legal text with numbered clauses (`4.2.1.7.` on a line, then a title line, then text)
 * into KB markdown: one heading per clause, its number first in the title (`4.2.1.7 Digitalnøgle`),
 * nested by number (`1` → `##`, `1.1` → `###`, … capped at `######`), the clause text word for word.
 *
 * Handles: a table of contents before the first clause (dropped); a number and a title on one line
 * (`17.11 Republikken Irland`); a number and text on one line (`17.2.1  I det fulde omfang…`);
 * clauses with no title line (the title is taken from the text's first words, the text is kept whole).
 * A line is only taken as a clause number when it continues the numbering (next sibling of an open
 * clause, or first child of the current one), so numbers inside the text are left alone.
 */
export function importNumberedText(text: string, options: ImportNumberedOptions = {}): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const preamble: string[] = [];
  const clauses: Clause[] = [];
  let current: Clause | undefined;
  let expectTitle = false;

  for (const line of lines) {
    const start = clauseStart(line, current?.number);
    if (start) {
      current = { number: start.number, title: '', body: [] };
      clauses.push(current);
      expectTitle = start.rest === undefined;
      if (start.rest !== undefined) takeFirstLine(current, start.rest);
      continue;
    }
    if (!current) {
      if (line.trim() && !TOC_LINE.test(line)) preamble.push(line.trim());
      continue;
    }
    if (expectTitle) {
      if (!line.trim()) continue;
      expectTitle = false;
      takeFirstLine(current, line);
      continue;
    }
    current.body.push(line);
  }

  const title = oneLine(options.title ?? preamble[0] ?? 'Numbered document');
  const category = oneLine(options.category ?? preamble[1] ?? title);
  const intro = preamble.slice(options.category ? 1 : 2);
  const lang = options.lang ?? detectLanguage(text);

  const out: string[] = [renderFrontMatter({ lang, title }), `# ${category}`, ''];
  // Loops, not push(...spread): a spread of a large array overflows the stack.
  const addBody = (body: readonly string[]) => {
    if (!body.length) return;
    for (const l of body) out.push(escapeBodyLine(l));
    out.push('');
  };
  addBody(intro);
  for (const c of clauses) {
    const level = Math.min(6, c.number.length + 1);
    out.push(`${'#'.repeat(level)} ${c.number.join('.')} ${oneLine(c.title)}`.trimEnd(), '');
    addBody(trimBlankLines(c.body));
  }
  while (out.length > 1 && out[out.length - 1] === '') out.pop(); // not `/\n+$/`: quadratic on long runs of blank lines
  return `${out.join('\n')}\n`;
}

function clauseStart(line: string, current: number[] | undefined): { number: number[]; rest?: string } | undefined {
  const only = NUMBER_ONLY.exec(line);
  const withText = only ? undefined : NUMBER_AND_TEXT.exec(line);
  const m = only ?? withText;
  if (!m) return undefined;
  const number = m[1]!.split('.').map(Number);
  if (!continuesNumbering(number, current)) return undefined;
  return withText ? { number, rest: withText[2]! } : { number };
}

/** `number` is the first child of `current`, or the next sibling of `current` or of one of its ancestors. */
function continuesNumbering(number: number[], current: number[] | undefined): boolean {
  if (!current) return number.length === 1 && number[0] === 1;
  const firstChild = [...current, 1];
  if (sameNumber(number, firstChild)) return true;
  for (let depth = current.length; depth >= 1; depth--) {
    const sibling = current.slice(0, depth);
    sibling[depth - 1]!++;
    if (sameNumber(number, sibling)) return true;
  }
  return false;
}

function sameNumber(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The first line after a clause number: a title when it reads like one, else the start of the text. */
function takeFirstLine(clause: Clause, line: string): void {
  const trimmed = line.trim();
  if (looksLikeTitle(trimmed)) {
    clause.title = trimmed;
    return;
  }
  clause.title = titleFromText(trimmed);
  clause.body.push(line.replace(/^[ \t]+/, ''));
}

/** Short, not a sentence (no final `.`, `:`, `;` or `,`) and not starting mid-sentence in lower case. */
function looksLikeTitle(line: string): boolean {
  return line.length > 0 && line.length <= 100 && !/[.:;,]$/.test(line) && !/^\p{Ll}/u.test(line);
}

/** `Fjernbetjent klimastyring: Tjenesten gør …` → `Fjernbetjent klimastyring`; else the first words. */
function titleFromText(text: string): string {
  const lead = /^(.{3,90}?):[\s\u00a0]/u.exec(text);
  if (lead) return lead[1]!.trim();
  const words = text.split(/\s+/);
  let title = '';
  for (const w of words) {
    if ((title + ' ' + w).length > 60) return `${title} …`.trim();
    title = title ? `${title} ${w}` : w;
  }
  return title.replace(/[.:;,]$/, '');
}


/** Line and paragraph separators (U+2028, U+2029) in a heading or front-matter value would break it: spaces instead. */
function oneLine(text: string): string {
  return text.replace(/[\u2028\u2029]+/g, ' ').trim();
}
