import * as vscode from 'vscode';
import type { Article } from '../core/kb/types';
import type { KbIndex } from '../core/search/index';
import { snippet } from '../core/search/snippet';

interface ArticleItem extends vscode.QuickPickItem {
  article: Article;
}

/**
 * The palette look-up: results recomputed from the index as the agent types.
 * Resolves with the chosen article, or undefined when dismissed.
 */
export function pickArticle(index: KbIndex, maxResults: number, initialQuery = ''): Promise<Article | undefined> {
  const pick = vscode.window.createQuickPick<ArticleItem>();
  pick.title = vscode.l10n.t('Support KB: Search Knowledge Base');
  pick.placeholder = vscode.l10n.t('Type a question or the customer\'s words, e.g. «забыл пароль»');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;

  const update = (query: string) => {
    // Our index ranks; the QuickPick must not re-filter by label, hence alwaysShow.
    pick.items = index.search(query, { limit: maxResults }).map(({ article }) => ({
      label: article.title,
      description: `${article.source}:${article.line}`,
      detail: snippet(article.body, query, article.lang, 160),
      alwaysShow: true,
      article,
    }));
  };

  return new Promise((resolve) => {
    let chosen: Article | undefined;
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.article ?? pick.activeItems[0]?.article;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.value = initialQuery;
    update(initialQuery);
    pick.show();
  });
}
