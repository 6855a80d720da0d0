import vscode = require('vscode');
import type { SearchSurface } from '../core/gaps/gaps';
import { InternalCommands } from './commands';

/**
 * What agents do with searches, reported by the sidebar, the palette and `kb:` completions in one
 * line each, and listened to by the search-gap logger. Only facts go out here (the query as typed,
 * how many results, which article); the logger redacts before it writes anything.
 */
export type SearchActivity =
  | { kind: 'searched'; surface: SearchSurface; query: string; results: number }
  | { kind: 'used'; surface: SearchSurface; article: { id: string; title: string }; action: 'insert' | 'copy' | 'open' }
  | { kind: 'ended'; surface: SearchSurface };

const emitter = new vscode.EventEmitter<SearchActivity>();

export const onSearchActivity = emitter.event;

export const searchActivity = {
  searched(surface: SearchSurface, query: string, results: number): void {
    emitter.fire({ kind: 'searched', surface, query, results });
  },
  used(surface: SearchSurface, article: { id: string; title: string }, action: 'insert' | 'copy' | 'open'): void {
    emitter.fire({ kind: 'used', surface, article: { id: article.id, title: article.title }, action });
  },
  ended(surface: SearchSurface): void {
    emitter.fire({ kind: 'ended', surface });
  },
};

/** The command a `kb:` completion item runs when accepted, so the logger learns it was used. */
export const COMPLETION_USED_COMMAND = InternalCommands.completionUsed;
