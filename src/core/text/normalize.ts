import type { KbLanguage } from '../kb/types';

/**
 * Case-folds and treats `ё` as `е`, as agents expect (they type `е` for both).
 * Length-preserving, so offsets into the folded text are offsets into the original.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return (lower.length === text.length ? lower : lowerKeepingLength(text)).replace(/ё/g, 'е');
}

/**
 * Lower case, character by character, never changing the length: `İ` lower-cases to `i̇` (two
 * code units), which would shift every offset after it and put highlights on the wrong letters.
 * Such a character becomes the first character of its lower case (`i`), or stays as it is.
 */
function lowerKeepingLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    if (lower.length === ch.length) out += lower;
    else {
      const first = String.fromCodePoint(lower.codePointAt(0)!);
      out += first.length === ch.length ? first : ch;
    }
  }
  return out;
}

const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;
const DANISH_LETTERS = /[æøåÆØÅ]/g;

/** Guesses a KB text's language from its letters: mostly Cyrillic → ru; Latin with æ/ø/å → da; else en. */
export function detectLanguage(text: string): KbLanguage {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const cyr = sample.match(CYRILLIC)?.length ?? 0;
  const lat = sample.match(LATIN)?.length ?? 0;
  if (cyr >= lat && cyr > 0) return 'ru';
  const danish = sample.match(DANISH_LETTERS)?.length ?? 0;
  return danish > 0 && danish * 200 >= lat ? 'da' : 'en';
}
