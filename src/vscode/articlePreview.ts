import * as vscode from 'vscode';
import type { Article } from '../core/kb/types';
import { ARTICLE_SCHEME } from './commands';

/**
 * Read-only documents showing one article (`support-kb-article:/<id>.md`). Used when there is no
 * editor to insert into, so choosing an answer never writes anywhere the agent did not point at.
 */
export class ArticlePreviewProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly lookup: (id: string) => Article | undefined) {}

  static uriFor(article: Article): vscode.Uri {
    return vscode.Uri.from({ scheme: ARTICLE_SCHEME, path: `/${article.title.replace(/[\\/]/g, '-').slice(0, 80)}.md`, query: article.id });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const article = this.lookup(uri.query);
    if (!article) return vscode.l10n.t('This article is no longer in the knowledge base.');
    const where = `${article.source}:${article.line}`;
    return `# ${article.title}\n\n${article.body}\n\n---\n${where}\n`;
  }
}

export async function showArticlePreview(article: Article): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(ArticlePreviewProvider.uriFor(article));
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: true });
}
