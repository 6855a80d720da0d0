import { queryStems, stemWord, tokenize } from './analyze';
import type { KbLanguage } from '../kb/types';

/**
 * A one-line excerpt of `text` around the first word that matches the query (by stem or prefix),
 * whitespace collapsed, at most `width` characters, with `…` where it was cut.
 */
export function snippet(text: string, query: string, lang: KbLanguage, width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const wanted = new Set(tokenize(query).flatMap((t) => queryStems(t.text)));
  const hit = tokenize(flat).find((t) => {
    const stem = stemWord(t.text, lang);
    return wanted.has(stem) || [...wanted].some((w) => w.length >= 3 && stem.startsWith(w));
  });
  const center = hit ? hit.start : 0;
  let start = Math.max(0, center - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  start = Math.max(0, end - width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
