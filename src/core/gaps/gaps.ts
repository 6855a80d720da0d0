import { fold } from '../text/normalize';
import { redact } from './redact';

/** Where an agent searched. */
export type SearchSurface = 'sidebar' | 'palette' | 'completion';
export const SEARCH_SURFACES: readonly SearchSurface[] = ['sidebar', 'palette', 'completion'];

/** What became of a search: nothing found, found but nothing used, or an article used. */
export type GapKind = 'no-result' | 'no-pick' | 'used';

/** One line of a search-gap log (JSON lines). The query is redacted before the entry exists. */
export interface GapEntry {
  v: 1;
  /** ISO time the search ended. */
  t: string;
  surface: SearchSurface;
  kind: GapKind;
  query: string;
  /** How many results the last search showed. */
  results: number;
  /** The article used (kind "used"). */
  article?: string;
  title?: string;
  action?: 'insert' | 'copy' | 'open';
}

/** Queries shorter than this are typing in progress, not questions. */
const MIN_QUERY = 2;
/** A query is kept at most this long in the log (a pasted letter is not a question). */
const MAX_QUERY = 200;

/**
 * Turns the stream of searches an agent types into one outcome per question. Searches run as the
 * agent types ("з", "заб", "забыл пароль"): a search that refines the previous one (one is the
 * start of the other, or they share most of their beginning) replaces it; a different question,
 * a cleared box, a closed picker or a pause ends it. Pure: time comes from `now`, entries go to
 * `write`, already redacted.
 */
export class GapTracker {
  private readonly pending = new Map<SearchSurface, { query: string; results: number; at: number }>();

  constructor(private readonly write: (entry: GapEntry) => void, private readonly now: () => number = Date.now) {}

  searched(surface: SearchSurface, query: string, results: number): void {
    const q = query.trim();
    const before = this.pending.get(surface);
    if (before && q && isRefinement(before.query, q)) {
      this.pending.set(surface, { query: q, results, at: this.now() });
      return;
    }
    this.end(surface);
    if (q.length >= MIN_QUERY) this.pending.set(surface, { query: q, results, at: this.now() });
  }

  used(surface: SearchSurface, article: { id: string; title: string }, action: GapEntry['action']): void {
    const p = this.pending.get(surface);
    this.pending.delete(surface);
    this.write(this.entry(surface, 'used', p?.query ?? '', p?.results ?? 0, { article: article.id, title: article.title, ...(action ? { action } : {}) }));
  }

  /** The search on this surface is over without a pick (picker closed, box cleared). */
  end(surface: SearchSurface): void {
    const p = this.pending.get(surface);
    if (!p) return;
    this.pending.delete(surface);
    this.write(this.entry(surface, p.results === 0 ? 'no-result' : 'no-pick', p.query, p.results));
  }

  /** Ends searches nobody touched for `idleMs` (the agent went back to the draft). */
  expire(idleMs: number): void {
    const now = this.now();
    for (const [surface, p] of [...this.pending]) if (now - p.at >= idleMs) this.end(surface);
  }

  /** Ends every open search (shutdown). */
  flush(): void {
    for (const surface of [...this.pending.keys()]) this.end(surface);
  }

  private entry(surface: SearchSurface, kind: GapKind, query: string, results: number, extra: Partial<GapEntry> = {}): GapEntry {
    return { v: 1, t: new Date(this.now()).toISOString(), surface, kind, query: redact(query).slice(0, MAX_QUERY), results, ...extra };
  }
}

/** Does `next` continue typing `previous` rather than ask something else. */
export function isRefinement(previous: string, next: string): boolean {
  const a = fold(previous);
  const b = fold(next);
  if (a.startsWith(b) || b.startsWith(a)) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= 3 && common * 2 >= Math.min(a.length, b.length);
}

/** A log line back into an entry, or a reason it is not one. */
export function parseGapLine(line: string): GapEntry | string {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  const e = data as Partial<GapEntry>;
  if (typeof e !== 'object' || e === null || e.v !== 1) return 'not a search-gap entry (v: 1)';
  if (typeof e.t !== 'string' || Number.isNaN(Date.parse(e.t))) return 'no valid time "t"';
  if (!SEARCH_SURFACES.includes(e.surface as SearchSurface)) return `unknown surface ${JSON.stringify(e.surface)}`;
  if (e.kind !== 'no-result' && e.kind !== 'no-pick' && e.kind !== 'used') return `unknown kind ${JSON.stringify(e.kind)}`;
  if (typeof e.query !== 'string' || typeof e.results !== 'number') return 'no "query" or "results"';
  return e as GapEntry;
}
