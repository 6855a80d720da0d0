import type { KbLanguage } from '../kb/types';

/**
 * Case-folds and treats `ё` as `е`, as agents expect (they type `е` for both).
 * Length-preserving, so offsets into the folded text are offsets into the original.
 */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
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
