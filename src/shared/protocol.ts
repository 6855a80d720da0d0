// Messages between the extension host and the sidebar webview, in one place for both sides.
// No `vscode`, no DOM: the host and the webview each import it. Every message received is checked
// with `isToWebview` / `isFromWebview` before use.

export type Range = [number, number];

export interface ResultItem {
  id: string;
  title: string;
  titleRanges: Range[];
  /** Short label of the KB file (`RU KB`, `DA terms`) and its full name. */
  badge: string;
  sourceTitle: string;
  category: string;
  snippet: string;
  snippetRanges: Range[];
  similar: number;
}

export interface Filters {
  sources: string[];
  categories: string[];
}

export interface FilterOption {
  value: string;
  label: string;
}

export interface PreviewItem {
  id: string;
  title: string;
  body: string;
  titleRanges: Range[];
  bodyRanges: Range[];
  badge: string;
  location: string;
}

export type ToWebview =
  | { type: 'init'; strings: Record<string, string>; sources: FilterOption[]; categories: FilterOption[] }
  | { type: 'status'; state: 'loading' | 'ready' | 'error'; articleCount: number; message?: string }
  | { type: 'results'; requestId: number; query: string; results: ResultItem[] }
  | { type: 'preview'; article: PreviewItem | undefined }
  | { type: 'setQuery'; query: string }
  /** The document and category filters, sent again whenever the KB reloads. */
  | { type: 'filters'; sources: FilterOption[]; categories: FilterOption[] };

export type FromWebview =
  | { type: 'ready' }
  /** `refresh`: the same query again because the KB changed, not a search the agent made. */
  | { type: 'search'; requestId: number; query: string; filters: Filters; refresh?: boolean }
  | { type: 'preview'; id: string; query: string }
  | { type: 'insert'; id: string }
  | { type: 'copy'; id: string }
  | { type: 'open'; id: string }
  /** Shows the whole article read-only beside the editors, the focus staying in the sidebar. */
  | { type: 'openBeside'; id: string };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isString = (x: unknown): x is string => typeof x === 'string';
const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);

/** Checks a message from the webview; anything else is ignored by the host. */
export function isFromWebview(x: unknown): x is FromWebview {
  if (!isObject(x) || !isString(x.type)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'search':
      return typeof x.requestId === 'number' && isString(x.query) && x.query.length <= 5000 &&
        isObject(x.filters) && isStringArray(x.filters.sources) && isStringArray(x.filters.categories) &&
        (x.refresh === undefined || typeof x.refresh === 'boolean');
    case 'preview':
      return isString(x.id) && isString(x.query);
    case 'insert':
    case 'copy':
    case 'open':
    case 'openBeside':
      return isString(x.id);
    default:
      return false;
  }
}

/** Checks a message from the host (the webview trusts nothing it cannot check). */
export function isToWebview(x: unknown): x is ToWebview {
  if (!isObject(x) || !isString(x.type)) return false;
  switch (x.type) {
    case 'init':
      return isObject(x.strings) && Array.isArray(x.sources) && Array.isArray(x.categories);
    case 'status':
      return isString(x.state) && typeof x.articleCount === 'number';
    case 'results':
      return typeof x.requestId === 'number' && isString(x.query) && Array.isArray(x.results);
    case 'preview':
      return x.article === undefined || isObject(x.article);
    case 'setQuery':
      return isString(x.query);
    case 'filters':
      return Array.isArray(x.sources) && Array.isArray(x.categories);
    default:
      return false;
  }
}
