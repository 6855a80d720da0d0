import type { KbMessageArgs, KbMessageKey, KbText } from './problemMessages';

/** Languages the KB is written in; each gets its own stemmer. */
export type KbLanguage = 'ru' | 'da' | 'en';

export const KB_LANGUAGES: readonly KbLanguage[] = ['ru', 'da', 'en'];

/** One answer an agent can find, cite and insert: a `##`-or-deeper heading and the text under it. */
export interface Article {
  /** Unique across the loaded KB and stable across reloads of an unchanged file, e.g. `kia-support-ru#obnovlenie-navigacii`. */
  id: string;
  /** Heading text, trimmed; numbered clauses keep their number first (`4.2.1.7 Digitalnøgle`). */
  title: string;
  /** The text under the heading, word for word (only blank lines around it are dropped). */
  body: string;
  lang: KbLanguage;
  /** The `#` heading the article sits under (empty when there is none). */
  category: string;
  /** The KB file's name without extension, e.g. `kia-support-ru`. */
  source: string;
  /** Where the file was read from (a path or URI, as the loader gave it); opaque to core. */
  file: string;
  /** 1-based line of the heading in its file. */
  line: number;
  /** Markdown heading level (2–6). */
  level: number;
  /** Titles of the enclosing headings, outermost first (`['4 Tjenesterne', '4.2 …']`). */
  path: string[];
}

/** Something wrong with a KB file, located to the line, phrased for the person who edits the KB. */
export interface KbProblem {
  severity: 'error' | 'warning';
  /** Stable code, e.g. `kb.front-matter.unclosed`. */
  code: string;
  /** In English; shown in the UI language through `key` and `args` (`renderKbProblem`). */
  message: string;
  /** The message's key in the problem message tables, with its arguments (absent only in problems from an older saved index). */
  key?: KbMessageKey;
  args?: KbMessageArgs;
  /** What became of the file because of it (`still using the last version that loaded`). */
  consequence?: KbText;
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  line: number;
}

/** Thrown for a KB file that cannot be used at all. Its message names the file and line. */
export class KbError extends Error {
  constructor(readonly problem: KbProblem) {
    super(`support-kb: ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
    this.name = 'KbError';
  }
}
