import * as vscode from 'vscode';
import type { Article } from './core/kb/types';
import type { SearchHit } from './core/search/index';
import { ArticlePreviewProvider } from './vscode/articlePreview';
import { ARTICLE_SCHEME, Commands } from './vscode/commands';
import { readConfig } from './vscode/config';
import { insertArticle } from './vscode/insertArticle';
import { KbService, type KbState } from './vscode/kbService';
import { pickArticle } from './vscode/searchQuickPick';

/** What the extension exports to other extensions and to its integration tests. */
export interface SupportKbApi {
  search(query: string, limit?: number): Promise<SearchHit[]>;
  articleCount(): Promise<number>;
  reload(): Promise<number>;
  onDidChangeState: vscode.Event<KbState>;
}

/** Arguments the search command accepts when run from code (keybindings, tests, other commands). */
interface SearchCommandArgs {
  query?: string;
}

export function activate(context: vscode.ExtensionContext): SupportKbApi {
  const log = vscode.window.createOutputChannel('Support KB', { log: true });
  const kb = new KbService(vscode.Uri.joinPath(context.extensionUri, 'kb'), log);
  context.subscriptions.push(log, kb);

  const withIndex = async () => {
    try {
      return await kb.getIndex();
    } catch (e) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Support KB: the knowledge base could not be loaded: {0}', e instanceof Error ? e.message : String(e)),
        vscode.l10n.t('Show Log'),
      ).then((choice) => choice && log.show());
      return undefined;
    }
  };

  context.subscriptions.push(
    // The sidebar view for now only shows its welcome content (search and log buttons); an empty
    // provider is what makes VS Code show it instead of "no data provider".
    vscode.window.registerTreeDataProvider<never>('supportKb.articles', { getChildren: () => [], getTreeItem: (x) => x }),
    vscode.workspace.registerTextDocumentContentProvider(
      ARTICLE_SCHEME,
      new ArticlePreviewProvider((id) => (kb.state.kind === 'ready' ? kb.state.index.get(id) : undefined)),
    ),
    vscode.commands.registerCommand(Commands.search, async (args?: SearchCommandArgs): Promise<Article | undefined> => {
      const article = await pickArticle(withIndex(), readConfig().maxResults, typeof args?.query === 'string' ? args.query : '');
      if (article) await insertArticle(article);
      return article;
    }),
    vscode.commands.registerCommand(Commands.reload, async () => {
      await kb.reload(vscode.l10n.t('reload command'));
    }),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
  );

  return {
    search: async (query, limit) => (await kb.getIndex()).search(query, { limit: limit ?? readConfig().maxResults }),
    articleCount: async () => (await kb.getIndex()).size,
    reload: async () => (await kb.reload('api')).size,
    onDidChangeState: kb.onDidChangeState,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
