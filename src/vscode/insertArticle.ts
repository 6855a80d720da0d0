import * as vscode from 'vscode';
import { answerSnippet, partsForDraft } from '../core/answers/answerSnippet';
import type { Article } from '../core/kb/types';
import { ARTICLE_SCHEME } from './commands';
import { readConfig } from './config';
import { showArticlePreview } from './articlePreview';

let lastDraftEditor: vscode.TextEditor | undefined;

/**
 * Remembers the last text editor the agent wrote in, so that an answer chosen in the sidebar
 * (which takes the focus) goes into that draft.
 */
export function trackDraftEditor(): vscode.Disposable {
  const remember = (e: vscode.TextEditor | undefined) => {
    if (e && e.document.uri.scheme !== ARTICLE_SCHEME && e.document.uri.scheme !== 'output') lastDraftEditor = e;
  };
  remember(vscode.window.activeTextEditor);
  return vscode.window.onDidChangeActiveTextEditor(remember);
}

export function draftEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && active.document.uri.scheme !== ARTICLE_SCHEME) return active;
  if (lastDraftEditor && !lastDraftEditor.document.isClosed && vscode.window.visibleTextEditors.includes(lastDraftEditor)) return lastDraftEditor;
  return undefined;
}

/**
 * Puts an article's answer where the agent is writing, as a snippet (greeting with a tabstop for
 * the customer's name, the answer, the signature — the parts the draft does not have yet), at every
 * cursor or over the selection, as one undo step. With no draft open it shows the article
 * read-only instead, so nothing is written where the agent did not point.
 */
export async function insertArticle(article: Article): Promise<'inserted' | 'previewed'> {
  const draft = draftEditor();
  if (!draft) {
    await showArticlePreview(article);
    return 'previewed';
  }
  // Focus the draft (the sidebar may have the focus) so the agent can Tab through the placeholders.
  const editor = await vscode.window.showTextDocument(draft.document, { viewColumn: draft.viewColumn, selection: draft.selection });
  if (draft.selections.length > 1) editor.selections = draft.selections;
  const snippet = answerSnippet(article.body, partsForDraft(editor.document.getText(), readConfig().reply));
  const ok = await editor.insertSnippet(new vscode.SnippetString(snippet), editor.selections);
  if (!ok) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Support KB: could not insert the answer into {0}; the document was not changed.', editor.document.fileName));
    return 'previewed';
  }
  return 'inserted';
}
