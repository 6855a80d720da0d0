import * as vscode from 'vscode';
import type { Article } from './core/kb/types';
import type { SearchHit } from './core/search/index';
import { ArticlePreviewProvider } from './vscode/articlePreview';
import { ARTICLE_SCHEME, Commands } from './vscode/commands';
import { AnswerCompletionProvider } from './vscode/completions';
import { readConfig } from './vscode/config';
import { insertArticle, trackDraftEditor } from './vscode/insertArticle';
import { KbService, type KbState } from './vscode/kbService';
import { pickArticle } from './vscode/quickPick';
import { SEARCH_VIEW_ID, SearchViewProvider } from './vscode/searchView';
import { KbStatusBar } from './vscode/statusBar';

/** What the extension exports to other extensions and to its integration tests. */
export interface SupportKbApi {
  search(query: string, limit?: number): Promise<SearchHit[]>;
  articleCount(): Promise<number>;
  reload(): Promise<number>;
  onDidChangeState: vscode.Event<KbState>;
}

/** Arguments the palette commands accept when run from code (keybindings, tests, other commands). */
interface PickArgs {
  query?: string;
}

export function activate(context: vscode.ExtensionContext): SupportKbApi {
  const log = vscode.window.createOutputChannel('Support KB', { log: true });
  const kb = new KbService(vscode.Uri.joinPath(context.extensionUri, 'kb'), log);
  context.subscriptions.push(log, kb, trackDraftEditor(), new KbStatusBar(kb));

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
  const pick = (title: string, args?: PickArgs) =>
    pickArticle(withIndex(), { title, maxResults: readConfig().maxResults, ...(typeof args?.query === 'string' ? { initialQuery: args.query } : {}) });

  const copy = async (article: Article) => {
    await vscode.env.clipboard.writeText(article.body);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Support KB: answer copied — {0}', article.title), 3000);
  };
  const open = async (article: Article) => {
    const position = new vscode.Position(Math.max(0, article.line - 1), 0);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(article.file), { selection: new vscode.Range(position, position), preview: true });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  };
  const searchView = new SearchViewProvider(context.extensionUri, kb, { insert: insertArticle, copy, open });

  context.subscriptions.push(
    searchView,
    vscode.window.registerWebviewViewProvider(SEARCH_VIEW_ID, searchView),
    vscode.workspace.registerTextDocumentContentProvider(
      ARTICLE_SCHEME,
      new ArticlePreviewProvider((id) => (kb.state.kind === 'ready' ? kb.state.index.get(id) : undefined)),
    ),
    vscode.languages.registerCompletionItemProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new AnswerCompletionProvider(kb), ':'),
    vscode.commands.registerCommand(Commands.search, async (args?: PickArgs) => {
      const article = await pick(vscode.l10n.t('Support KB: Search Knowledge Base'), args);
      if (article) await insertArticle(article);
      return article;
    }),
    vscode.commands.registerCommand(Commands.insertAnswer, async (args?: PickArgs) => {
      const article = await pick(vscode.l10n.t('Support KB: Insert Answer'), args);
      if (article) await insertArticle(article);
      return article;
    }),
    vscode.commands.registerCommand(Commands.copyAnswer, async (args?: PickArgs) => {
      const article = await pick(vscode.l10n.t('Support KB: Copy Answer'), args);
      if (article) await copy(article);
      return article;
    }),
    vscode.commands.registerCommand(Commands.openArticle, async (args?: PickArgs) => {
      const article = await pick(vscode.l10n.t('Support KB: Open Article'), args);
      if (article) await open(article);
      return article;
    }),
    vscode.commands.registerCommand(Commands.searchSelection, async () => {
      const editor = vscode.window.activeTextEditor;
      const text = editor ? editor.selections.map((s) => editor.document.getText(s)).join(' ').trim() : '';
      if (!text) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Support KB: select the customer\'s words first, then search for them.'));
        return;
      }
      await searchView.showQuery(text.slice(0, 1000));
    }),
    vscode.commands.registerCommand(Commands.focusSidebar, () => vscode.commands.executeCommand(`${SEARCH_VIEW_ID}.focus`)),
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
