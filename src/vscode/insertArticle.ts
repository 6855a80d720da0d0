import * as vscode from 'vscode';
import type { Article } from '../core/kb/types';
import { ARTICLE_SCHEME } from './commands';
import { showArticlePreview } from './articlePreview';

/**
 * Puts an article's answer where the agent is writing: at every cursor (replacing selected text),
 * as one undo step. With no writable editor open it shows the article read-only instead.
 */
export async function insertArticle(article: Article): Promise<'inserted' | 'previewed'> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme === ARTICLE_SCHEME) {
    await showArticlePreview(article);
    return 'previewed';
  }
  const ok = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, article.body);
  });
  if (!ok) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Support KB: could not insert the answer into {0}; the document was not changed.', editor.document.fileName));
    return 'previewed';
  }
  return 'inserted';
}
