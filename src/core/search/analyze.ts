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
/** Characters that join words into one compound (`VIN-номер`, `Kia.ru`, `mobikey@hyundai.ru`). */
const JOINERS = new Set(['-', '.', '@', '_']);
// Bounded repetitions only: each start position costs at most a constant amount of work.
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

/**
 * Compounds and phone numbers in `text`, each with the words inside it, in order of start.
 * Linear in the text: compounds are chains of adjacent words joined by one joiner character, found in
 * one pass over the words (a regex with nested quantifiers took seconds on one long token).
 */
export function findCompounds(text: string, words = tokenize(text)): Compound[] {
  const folded = fold(text);
  const phones: Compound[] = [];
  let w = 0; // words before this one end before the current phone
  for (const t of matchTokens(folded, PHONE)) {
    while (w < words.length && words[w]!.start < t.start) w++;
    const parts: Token[] = [];
    for (let k = w; k < words.length && words[k]!.end <= t.end; k++) parts.push(words[k]!);
    phones.push({ ...t, text: t.text.replace(/\D/g, ''), parts, phone: true });
  }
  const out: Compound[] = [];
  let p = 0; // the first phone that does not end before the current compound
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j + 1 < words.length && words[j + 1]!.start === words[j]!.end + 1 && JOINERS.has(folded[words[j]!.end]!)) j++;
    if (j > i) {
      const start = words[i]!.start;
      const end = words[j]!.end;
      while (p < phones.length && phones[p]!.end < end) p++;
      // A compound inside a phone number (`8-800-301-08-80`) is that phone number.
      const insidePhone = p < phones.length && phones[p]!.start <= start && phones[p]!.end >= end;
      if (!insidePhone) out.push({ text: folded.slice(start, end), start, end, parts: words.slice(i, j + 1), phone: false });
    }
    i = j + 1;
  }
  // Phones first, as before; both lists are in order of start.
  return [...phones, ...out];
}

const STEMMERS: Record<KbLanguage, (w: string) => string> = { ru: russianStem, da: danishStem, en: englishStem };
const stemCache: Record<KbLanguage, Map<string, string>> = { ru: new Map(), da: new Map(), en: new Map() };

/** Stems under three letters merge unrelated words (`имей` and `имя` both give `им`): keep the word then. */
const MIN_STEM = 3;

/**
 * Longer "words" (a pasted hash, a base64 blob, a 100,000-letter token) are not language: they are
 * indexed and matched as written. Stemmers are regex-based and need not be linear on such input.
 */
export const MAX_STEMMED_WORD = 64;

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
  if (word.length < 3 || word.length > MAX_STEMMED_WORD || DIGITS.test(word)) return word;
  if (CYRILLIC_WORD.test(word)) return cachedStem(word, 'ru');
  return cachedStem(word, lang === 'ru' ? 'en' : lang);
}

/** Every stem a query word might have in some article: a query's language is unknown. */
export function queryStems(word: string): string[] {
  if (word.length < 3 || word.length > MAX_STEMMED_WORD || DIGITS.test(word)) return [word];
  if (CYRILLIC_WORD.test(word)) return [cachedStem(word, 'ru')];
  return [...new Set([cachedStem(word, 'en'), cachedStem(word, 'da')])];
}

/** Stems of the filler words, computed on first use: stemming at module load would slow every start. */
let fillerStems: Set<string> | undefined;

/** Is this (folded) query word politeness or filler rather than what the question is about. */
export function isFiller(word: string): boolean {
  fillerStems ??= new Set(FILLER_WORDS.flatMap((w) => queryStems(fold(w))));
  const filler = fillerStems;
  return queryStems(word).some((s) => filler.has(s));
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
