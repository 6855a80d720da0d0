import type { Range } from './index';

/**
 * A one-line excerpt of `text` around its first highlighted range (see `SearchHit.highlights`),
 * whitespace collapsed, at most `width` characters, with `…` where it was cut.
 * @example
 * snippet(hit.article.body, hit.highlights.body) // '…чтобы восстановить пароль, нажмите «Забыли пароль?»…'
 */
export function snippet(text: string, highlights: readonly Range[], width = 120): string {
  const center = highlights[0]?.[0] ?? 0;
  // Collapse whitespace while keeping track of where the highlight lands.
  const before = text.slice(0, center).replace(/\s+/g, ' ').trimStart();
  const flat = (before + text.slice(center).replace(/\s+/g, ' ')).trim();
  if (flat.length <= width) return flat;
  let start = Math.max(0, before.length - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  start = Math.max(0, end - width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
