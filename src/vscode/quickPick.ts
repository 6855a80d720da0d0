import type Fuse from 'fuse.js';
import { articlePlace } from '../core/kb/place';
import vscode = require('vscode');
import type { Article } from '../core/kb/types';
import type { KbIndex, SearchHit } from '../core/search/index';
import { clampQuery, MAX_TITLE_QUERY_CHARS } from '../core/search/limits';
import { snippet } from '../core/search/snippet';
import { TitleMatcher } from '../core/search/titles';
import { fuseModule } from './lazyParts';
import { searchActivity } from './searchEvents';

interface ArticleItem extends vscode.QuickPickItem {
  /** Undefined for the "nothing found" line, which Enter does not accept. */
  article: Article | undefined;
}

/** Typing pauses shorter than this do not search: a fast typist's keystrokes cost one search, not ten. */
const TYPING_DEBOUNCE_MS = 60;
/** Up to this many articles, fuse.js's typo-tolerant title matching is fast enough to run as the agent types. */
const FUSE_MAX_TITLES = 2000;

interface TitleFinder {
  search(query: string, limit: number): Article[];
}

/**
 * Titles the agent half-remembers ("обнов навиг спортейдж"): word starts on a sorted title-word list
 * (fast at any size), plus fuse.js's typo tolerance for KBs small enough for it to keep up
 * (it scans every title per keystroke: 10k titles take it half a second). fuse.js is loaded on first use.
 */
const titleFinders = new WeakMap<KbIndex, TitleFinder>();

function titleFinder(index: KbIndex): TitleFinder {
  let finder = titleFinders.get(index);
  if (!finder) {
    const words = new TitleMatcher(index.articles);
    let fuse: Fuse<Article> | undefined;
    if (index.size <= FUSE_MAX_TITLES) {
      const loaded = fuseModule();
      const FuseClass = 'default' in loaded ? loaded.default : loaded; // its CommonJS build exports the class itself
      fuse = new FuseClass([...index.articles], { keys: ['title'], threshold: 0.3, ignoreLocation: true, minMatchCharLength: 2 });
    }
    finder = {
      search: (query, limit) => {
        const found = words.search(query, limit);
        if (fuse && found.length < limit) {
          const seen = new Set(found.map((a) => a.id));
          for (const r of fuse.search(query, { limit })) if (found.length < limit && !seen.has(r.item.id)) found.push(r.item);
        }
        return found;
      },
    };
    titleFinders.set(index, finder);
  }
  return finder;
}

/** The words that matched, as the agent should see them next to a result. */
function matchedWords(hit: SearchHit): string {
  const words = new Set<string>();
  for (const [s, e] of hit.highlights.title) words.add(hit.article.title.slice(s, e).toLowerCase());
  for (const [s, e] of hit.highlights.body) words.add(hit.article.body.slice(s, e).toLowerCase());
  return [...words].slice(0, 4).join(', ');
}

/**
 * Full-text results first (they understand morphology, layout, aliases), then titles fuse.js finds
 * that the index did not, so a half-remembered title is never missing.
 */
export function paletteItems(index: KbIndex, query: string, limit: number): ArticleItem[] {
  const hits = index.search(query, { limit });
  const shown = new Set(hits.flatMap((h) => [h.article.id, ...h.similar]));
  const items: ArticleItem[] = hits.map((hit) => {
    const { article, similar } = hit;
    const words = matchedWords(hit);
    return {
      label: article.title,
      description: [words && `«${words}»`, similar.length ? vscode.l10n.t('+{0} similar', similar.length) : ''].filter(Boolean).join(' · '),
      detail: [articlePlace(article), snippet(article.body, hit.highlights.body, 140)].filter(Boolean).join(' — '),
      alwaysShow: true,
      article,
    };
  });
  if (query.trim().length >= 2) {
    for (const article of titleFinder(index).search(clampQuery(query, MAX_TITLE_QUERY_CHARS), 10)) {
      if (items.length >= limit) break;
      if (shown.has(article.id)) continue;
      shown.add(article.id);
      items.push({ label: article.title, description: vscode.l10n.t('title match'), detail: articlePlace(article), alwaysShow: true, article });
    }
  }
  // Said as the sidebar says it, rather than the picker's bare "0 Results".
  if (!items.length && query.trim()) {
    items.push({ label: vscode.l10n.t('Nothing found for «{0}»', query.trim().slice(0, 80)), detail: vscode.l10n.t('No article in the knowledge base answers it. Try other words or fewer of them.'), alwaysShow: true, article: undefined });
  }
  return items;
}

/**
 * The palette look-up: results recomputed as the agent types. The picker opens at once, busy until
 * the index is ready, so what the agent types right after the shortcut lands in the search box and
 * never in the draft. Resolves with the chosen article, or undefined when dismissed.
 */
export function pickArticle(indexReady: Promise<KbIndex | undefined>, options: { title: string; maxResults: number; initialQuery?: string }): Promise<Article | undefined> {
  const pick = vscode.window.createQuickPick<ArticleItem>();
  pick.title = options.title;
  pick.placeholder = vscode.l10n.t('Type a question or the customer\'s words, e.g. «забыл пароль»');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  let index: KbIndex | undefined;
  let typing: ReturnType<typeof setTimeout> | undefined;
  const update = (query: string) => {
    clearTimeout(typing);
    typing = undefined;
    if (!index) return;
    pick.items = paletteItems(index, query, options.maxResults);
    searchActivity.searched('palette', query, pick.items.filter((i) => i.article).length);
  };

  return new Promise((resolve) => {
    let chosen: Article | undefined;
    pick.onDidChangeValue((query) => {
      clearTimeout(typing);
      typing = setTimeout(() => update(query), TYPING_DEBOUNCE_MS);
    });
    pick.onDidAccept(() => {
      if (typing !== undefined && index) {
        // Enter typed faster than the debounce: the results on screen are for an older query, so the
        // first result of what the box holds now is the one meant.
        update(pick.value);
        chosen = pick.items[0]?.article;
        if (chosen) pick.hide();
        return;
      }
      // Enter before any result is there (index still loading, no match yet) keeps the picker open.
      chosen = pick.selectedItems[0]?.article ?? pick.activeItems[0]?.article;
      if (chosen) pick.hide();
    });
    pick.onDidHide(() => {
      clearTimeout(typing);
      if (!chosen) searchActivity.ended('palette');
      pick.dispose();
      resolve(chosen);
    });
    pick.value = options.initialQuery ?? '';
    pick.busy = true;
    pick.show();
    void indexReady.then((ready) => {
      pick.busy = false;
      if (!ready) return pick.hide();
      index = ready;
      update(pick.value);
    });
  });
}
