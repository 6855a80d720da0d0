import vscode = require('vscode');
import type { Article } from '../core/kb/types';
import { articlePlace } from '../core/kb/place';
import { ARTICLE_SCHEME } from './commands';

/**
 * Read-only documents showing one article (`support-kb-article:/<title>.md?<id>`): the sidebar's
 * "Open beside", so an agent reads a whole article next to the reply without the mouse.
 */
export class ArticlePreviewProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly lookup: (id: string) => Article | undefined) {}

  static uriFor(article: Article): vscode.Uri {
    return vscode.Uri.from({ scheme: ARTICLE_SCHEME, path: `/${article.title.replace(/[\\/]/g, '-').slice(0, 80)}.md`, query: article.id });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const article = this.lookup(uri.query);
    if (!article) return vscode.l10n.t('This article is no longer in the knowledge base.');
    // The category, not internal ids (`kia-support-ru:50`): agents read this view.
    const where = articlePlace(article);
    return `# ${article.title}\n\n${article.body}\n${where ? `\n---\n${where}\n` : ''}`;
  }
}

/** Shows an article read-only; beside the editors with the focus kept where it is, when asked. */
export async function showArticlePreview(article: Article, options: { beside?: boolean } = {}): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(ArticlePreviewProvider.uriFor(article));
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, options.beside ? { preview: true, viewColumn: besideEverything(), preserveFocus: true } : { preview: true });
}

/**
 * Where an article read "beside" goes: where the last one is, or a new group right of all editors.
 * Never the group next to the active one, whose preview tab may be the agent's reply.
 */
function besideEverything(): vscode.ViewColumn {
  const editors = vscode.window.visibleTextEditors;
  const shown = editors.find((e) => e.document.uri.scheme === ARTICLE_SCHEME)?.viewColumn;
  return shown ?? Math.max(0, ...editors.map((e) => e.viewColumn ?? 0)) + 1;
}
