import { stemmer as danishStem } from '@orama/stemmers/danish';
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import type { KbLanguage } from '../kb/types';
import { fold } from '../text/normalize';

/** A word of the text, folded (lower case, `ё`→`е`), with where it stands in the original. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}\d]+$/u;

/** Splits text into folded word tokens with offsets into `text`. */
export function tokenize(text: string): Token[] {
  const folded = fold(text);
  const tokens: Token[] = [];
  for (const m of folded.matchAll(WORD)) tokens.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return tokens;
}

const STEMMERS: Record<KbLanguage, (w: string) => string> = { ru: russianStem, da: danishStem, en: englishStem };

/**
 * Stems one folded word as the article's language would: Cyrillic words always with the Russian
 * stemmer (a Danish article never has them, a Russian one is full of them); Latin words with the
 * article's language, English inside Russian articles (`Connect`, `navigation`).
 */
export function stemWord(word: string, lang: KbLanguage): string {
  if (/^\d+$/.test(word) || word.length < 3) return word;
  if (CYRILLIC_WORD.test(word)) return russianStem(word);
  return STEMMERS[lang === 'ru' ? 'en' : lang](word);
}

/** Every stem a query word might have in some article: we do not know the query's language. */
export function queryStems(word: string): string[] {
  if (/^\d+$/.test(word) || word.length < 3) return [word];
  if (CYRILLIC_WORD.test(word)) return [russianStem(word)];
  return [...new Set([englishStem(word), danishStem(word)])];
}

/** The index form of a field: its stems separated by spaces (MiniSearch then just splits on spaces). */
export function analyzeField(text: string, lang: KbLanguage): string {
  return tokenize(text).map((t) => stemWord(t.text, lang)).join(' ');
}
