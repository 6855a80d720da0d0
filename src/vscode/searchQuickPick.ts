import * as vscode from 'vscode';
import type { Article } from '../core/kb/types';
import type { KbIndex } from '../core/search/index';
import { snippet } from '../core/search/snippet';

interface ArticleItem extends vscode.QuickPickItem {
  article: Article;
}

/**
 * The palette look-up: results recomputed from the index as the agent types.
 * The picker opens at once, busy until the index is ready, so what the agent types right after
 * the shortcut lands in the search box and never in the draft.
 * Resolves with the chosen article, or undefined when dismissed (or when the index failed to load).
 */
export function pickArticle(indexReady: Promise<KbIndex | undefined>, maxResults: number, initialQuery = ''): Promise<Article | undefined> {
  const pick = vscode.window.createQuickPick<ArticleItem>();
  pick.title = vscode.l10n.t('Support KB: Search Knowledge Base');
  pick.placeholder = vscode.l10n.t('Type a question or the customer\'s words, e.g. «забыл пароль»');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;

  let index: KbIndex | undefined;
  const update = (query: string) => {
    if (!index) return;
    // Our index ranks; the QuickPick must not re-filter by label, hence alwaysShow.
    pick.items = index.search(query, { limit: maxResults }).map(({ article, similar, highlights }) => ({
      label: article.title,
      description: similar.length
        ? `${article.source}:${article.line} · ${vscode.l10n.t('+{0} similar', similar.length)}`
        : `${article.source}:${article.line}`,
      detail: snippet(article.body, highlights.body, 160),
      alwaysShow: true,
      article,
    }));
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
      pick.dispose();
      resolve(chosen);
    });
    pick.value = initialQuery;
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
