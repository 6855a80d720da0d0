import { stemmer as danishStem } from '@orama/stemmers/danish';
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import type { KbLanguage } from '../kb/types';
import { fold } from '../text/normalize';
import { FILLER_WORDS, isStopWord } from './stopwords';

/** A word of the text, folded (lower case, `ё`→`е`), with where it stands in the original. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Something agents search for whole although it contains punctuation or spaces:
 * `VIN-номер`, `Kia.ru`, `e-mail`, `2.0`, `mobikey@hyundai.ru`, `8 800 301 08 80`.
 */
export interface Compound extends Token {
  /** The words it is made of. */
  parts: Token[];
  /** A phone number: its term is the digits alone, however they were grouped. */
  phone: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const COMPOUND = /[\p{L}\p{N}]+(?:[-.@_][\p{L}\p{N}]+)+/gu;
const PHONE = /(?<![\p{L}\p{N}])\+?\d(?:[\s\-()]{0,2}\d){9,13}(?![\p{L}\p{N}])/gu;
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}\d]+$/u;
const DIGITS = /^\d+$/;

/** Splits text into folded word tokens with offsets into `text`. */
export function tokenize(text: string): Token[] {
  return matchTokens(fold(text), WORD);
}

function matchTokens(folded: string, re: RegExp): Token[] {
  const tokens: Token[] = [];
  for (const m of folded.matchAll(re)) tokens.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return tokens;
}

/** Compounds and phone numbers in `text`, each with the words inside it. */
export function findCompounds(text: string, words = tokenize(text)): Compound[] {
  const folded = fold(text);
  const out: Compound[] = [];
  const within = (t: Token) => words.filter((w) => w.start >= t.start && w.end <= t.end);
  for (const t of matchTokens(folded, PHONE)) out.push({ ...t, text: t.text.replace(/\D/g, ''), parts: within(t), phone: true });
  for (const t of matchTokens(folded, COMPOUND)) {
    if (out.some((p) => p.phone && p.start <= t.start && p.end >= t.end)) continue;
    out.push({ ...t, parts: within(t), phone: false });
  }
  return out;
}

const STEMMERS: Record<KbLanguage, (w: string) => string> = { ru: russianStem, da: danishStem, en: englishStem };
const stemCache: Record<KbLanguage, Map<string, string>> = { ru: new Map(), da: new Map(), en: new Map() };

/** Stems under three letters merge unrelated words (`имей` and `имя` both give `им`): keep the word then. */
const MIN_STEM = 3;

function cachedStem(word: string, lang: KbLanguage): string {
  const cache = stemCache[lang];
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = STEMMERS[lang](word);
    if (stem.length < MIN_STEM) stem = word;
    if (cache.size < 200_000) cache.set(word, stem);
  }
  return stem;
}

/**
 * Stems one folded word as the article's language would: Cyrillic words always with the Russian
 * stemmer; Latin words with the article's language, English inside Russian articles (`Connect`).
 * Numbers and words under three letters stay as they are.
 */
export function stemWord(word: string, lang: KbLanguage): string {
  if (DIGITS.test(word) || word.length < 3) return word;
  if (CYRILLIC_WORD.test(word)) return cachedStem(word, 'ru');
  return cachedStem(word, lang === 'ru' ? 'en' : lang);
}

/** Every stem a query word might have in some article: a query's language is unknown. */
export function queryStems(word: string): string[] {
  if (DIGITS.test(word) || word.length < 3) return [word];
  if (CYRILLIC_WORD.test(word)) return [cachedStem(word, 'ru')];
  return [...new Set([cachedStem(word, 'en'), cachedStem(word, 'da')])];
}

const FILLER = new Set(FILLER_WORDS.flatMap((w) => queryStems(fold(w))));

/** Is this (folded) query word politeness or filler rather than what the question is about. */
export function isFiller(word: string): boolean {
  return queryStems(word).some((s) => FILLER.has(s));
}

export { isStopWord };

/** One indexed occurrence: a range of the original text and the index term it produced. */
export interface Occurrence {
  start: number;
  end: number;
  term: string;
}

export interface AnalyzedField {
  /** Terms of the words, in order, stop words left out (for phrase matching). */
  sequence: string[];
  /** Every term with its range: words, compounds and phone numbers (for highlighting). */
  occurrences: Occurrence[];
}

/** Analyses a title or body for the index: per-language stems of its words, plus compounds kept whole. */
export function analyzeField(text: string, lang: KbLanguage): AnalyzedField {
  const words = tokenize(text);
  const sequence: string[] = [];
  const occurrences: Occurrence[] = [];
  for (const w of words) {
    if (isStopWord(w.text)) continue;
    const term = stemWord(w.text, lang);
    sequence.push(term);
    occurrences.push({ start: w.start, end: w.end, term });
  }
  for (const c of findCompounds(text, words)) occurrences.push({ start: c.start, end: c.end, term: compoundTerm(c, (w) => stemWord(w, lang)) });
  return { sequence, occurrences };
}

/**
 * The index term of a compound: its words stemmed, its joiners kept (`заказ-нарядов` → `заказ-наряд`),
 * so that every form of `VIN-номер` is one term; a phone number is its digits.
 */
export function compoundTerm(c: Compound, stem: (word: string) => string): string {
  if (c.phone) return c.text;
  let out = '';
  let at = c.start;
  for (const p of c.parts) {
    out += c.text.slice(at - c.start, p.start - c.start) + stem(p.text);
    at = p.end;
  }
  return out + c.text.slice(at - c.start);
}
