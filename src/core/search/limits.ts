/**
 * How much of a query the search reads, in one place for every entry point (sidebar, palette,
 * completions, CLI): a query is a question or a pasted paragraph, not a document, and everything
 * after this is ignored. It keeps a pasted e-mail or a 100,000-character token from costing the
 * shared extension host more than a few milliseconds.
 */
export const MAX_QUERY_CHARS = 1000;

/** fuse.js compares the query with every title letter by letter: titles are short, so is this. */
export const MAX_TITLE_QUERY_CHARS = 100;

/** The first `max` characters of `query`, never cutting a surrogate pair in two. */
export function clampQuery(query: string, max = MAX_QUERY_CHARS): string {
  if (query.length <= max) return query;
  const cut = query.charCodeAt(max - 1) >= 0xd800 && query.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return query.slice(0, cut);
}

/**
 * The query "Search for Selection" makes of the selected text: line breaks and runs of white space
 * become one space (a search box holds one line, and glued lines — "парольЗдравствуйте" — match
 * nothing), several selections are joined, and the result is clamped.
 */
export function selectionQuery(selected: readonly string[]): string {
  return clampQuery(selected.join(' ').replace(/\s+/g, ' ').trim());
}
