import Fuse from 'fuse.js';
import * as vscode from 'vscode';
import type { Article } from '../core/kb/types';
import type { KbIndex, SearchHit } from '../core/search/index';
import { clampQuery, MAX_TITLE_QUERY_CHARS } from '../core/search/limits';
import { snippet } from '../core/search/snippet';
import { searchActivity } from './searchEvents';

interface ArticleItem extends vscode.QuickPickItem {
  article: Article;
}

/** Titles the agent half-remembers ("обнов навиг спортейдж") are found by fuse.js on titles alone. */
const titleFinders = new WeakMap<KbIndex, Fuse<Article>>();

function titleFinder(index: KbIndex): Fuse<Article> {
  let fuse = titleFinders.get(index);
  if (!fuse) {
    fuse = new Fuse([...index.articles], { keys: ['title'], threshold: 0.3, ignoreLocation: true, includeMatches: true, minMatchCharLength: 2 });
    titleFinders.set(index, fuse);
  }
  return fuse;
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
      detail: `${article.source}:${article.line} — ${snippet(article.body, hit.highlights.body, 140)}`,
      alwaysShow: true,
      article,
    };
  });
  if (query.trim().length >= 2) {
    for (const r of titleFinder(index).search(clampQuery(query, MAX_TITLE_QUERY_CHARS), { limit: 10 })) {
      if (items.length >= limit) break;
      if (shown.has(r.item.id)) continue;
      shown.add(r.item.id);
      items.push({ label: r.item.title, description: vscode.l10n.t('title match'), detail: `${r.item.source}:${r.item.line}`, alwaysShow: true, article: r.item });
    }
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
  const update = (query: string) => {
    if (!index) return;
    pick.items = paletteItems(index, query, options.maxResults);
    searchActivity.searched('palette', query, pick.items.length);
  };

  return new Promise((resolve) => {
    let chosen: Article | undefined;
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      // Enter before any result is there (index still loading, no match yet) keeps the picker open.
      chosen = pick.selectedItems[0]?.article ?? pick.activeItems[0]?.article;
      if (chosen) pick.hide();
    });
    pick.onDidHide(() => {
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
