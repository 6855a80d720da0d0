import vscode = require('vscode');
import type { Article } from './core/kb/types';
import type { DraftReport } from './core/checklist/types';
import type { SearchHit } from './core/search/index';
import { selectionQuery } from './core/search/limits';
import { ArticlePreviewProvider, showArticlePreview } from './vscode/articlePreview';
import { ARTICLE_SCHEME, Commands, InternalCommands } from './vscode/commands';
import { AnswerCompletionProvider, completionTriggerCharacters, insertCompletionAboveSignature } from './vscode/completions';
import { ChecklistLens, DraftChecker, DraftFixProvider, applyFix, pinChecklistCommand, pinMenuItems, pinStateItems } from './vscode/draftChecks';
import { copyVin, EntityHoverProvider } from './vscode/entityHover';
import { readConfig } from './vscode/config';
import { ReplyDrafts } from './vscode/insertArticle';
import { KbProblems } from './vscode/kbProblems';
import { markWalkthroughStep } from './vscode/walkthrough';
import { KbService, type KbState } from './vscode/kbService';
import { pickArticle } from './vscode/quickPick';
import { SEARCH_VIEW_ID, SearchViewProvider } from './vscode/searchView';
import { KbStatusBar } from './vscode/statusBar';
import type { LintFinding } from './core/kb/lint';
import { KbLinter } from './vscode/kbLint';
import { searchActivity } from './vscode/searchEvents';
import { SearchGapLogger } from './vscode/searchGaps';

/** What the extension exports to other extensions and to its integration tests. */
export interface SupportKbApi {
  search(query: string, limit?: number): Promise<SearchHit[]>;
  articleCount(): Promise<number>;
  reload(): Promise<number>;
  onDidChangeState: vscode.Event<KbState>;
  /** What the last load did with the saved index: `hit` (loaded), `partial` (changed files re-indexed), `miss`, `corrupt`, `stale`. */
  lastIndexOutcome(): string | undefined;
  /** The KB's state now: with the problems of its files (`{ file, line, message, severity, code }`) once loaded. */
  state(): KbState;
  /** Checks a document now and returns what the diagnostics show (for tests and other extensions). */
  checkDocument(doc: vscode.TextDocument): Promise<DraftReport | undefined>;
  /**
   * What the pin menu shows for a document (for tests): its first list, or with a checklist id the
   * choices for that checklist. Headings have `separator` set.
   */
  pinMenu(doc: vscode.TextDocument, checklistId?: string): { label: string; description?: string; detail?: string; separator: boolean }[];
  /** Lints a KB document now and returns the findings its diagnostics show. */
  lintDocument(doc: vscode.TextDocument): Promise<LintFinding[]>;
  /** Ends open searches, writes the search-gap log, and returns this machine's log file. */
  flushSearchGaps(): Promise<string | undefined>;
}

/** Arguments the palette commands accept when run from code (keybindings, tests, other commands). */
interface PickArgs {
  query?: string;
}

export function activate(context: vscode.ExtensionContext): SupportKbApi {
  const log = vscode.window.createOutputChannel('Support KB', { log: true });
  const bundledKb = vscode.Uri.joinPath(context.extensionUri, 'kb');
  // The index is built in a worker thread and saved in the extension's global storage.
  const kb = new KbService(bundledKb, log, {
    workerFile: vscode.Uri.joinPath(context.extensionUri, 'dist', 'indexWorker.js').fsPath,
    storage: context.globalStorageUri,
  });
  const replies = new ReplyDrafts(bundledKb);
  const insertArticle = async (article: Article) => {
    const result = await replies.insert(article);
    if (result === 'inserted') markWalkthroughStep('inserted');
    return result;
  };
  context.subscriptions.push(log, kb, replies, new KbStatusBar(kb), new KbProblems(kb));

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
    const uri = vscode.Uri.parse(article.file);
    const editor = await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    // The KB shipped with the extension is read, not edited (and autosave would write it): read-only
    // for this session. The team's own kbPaths files stay editable.
    if (uri.toString().startsWith(`${bundledKb.toString()}/`)) await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
  };
  const openBeside = (article: Article) => showArticlePreview(article, { beside: true });
  const searchView = new SearchViewProvider(context.extensionUri, kb, { insert: insertArticle, copy, open, openBeside });
  const checker = new DraftChecker(kb);
  const articleById = (id: string) => (kb.state.kind === 'ready' ? kb.state.index.get(id) : undefined);
  const textDocuments = [{ scheme: 'file' }, { scheme: 'untitled' }];

  context.subscriptions.push(
    searchView,
    vscode.window.registerWebviewViewProvider(SEARCH_VIEW_ID, searchView),
    vscode.workspace.registerTextDocumentContentProvider(ARTICLE_SCHEME, new ArticlePreviewProvider(articleById)),
    vscode.languages.registerCompletionItemProvider(textDocuments, new AnswerCompletionProvider(kb), ...completionTriggerCharacters(readConfig().completionTrigger)),
    // The palette commands: pick an article, then do one thing with it.
    ...([
      [Commands.search, vscode.l10n.t('Support KB: Search Knowledge Base'), insertArticle, 'insert'],
      [Commands.insertAnswer, vscode.l10n.t('Support KB: Insert Answer'), insertArticle, 'insert'],
      [Commands.copyAnswer, vscode.l10n.t('Support KB: Copy Answer'), copy, 'copy'],
      [Commands.openArticle, vscode.l10n.t('Support KB: Open Article'), open, 'open'],
    ] as const).map(([command, title, action, used]) =>
      vscode.commands.registerCommand(command, async (args?: PickArgs) => {
        const article = await pick(title, args);
        if (article) markWalkthroughStep('searched');
        if (article) searchActivity.used('palette', article, used);
        if (article) await action(article);
        return article;
      }),
    ),
    vscode.commands.registerCommand(Commands.searchSelection, async () => {
      const editor = vscode.window.activeTextEditor;
      const text = editor ? selectionQuery(editor.selections.map((s) => editor.document.getText(s))) : '';
      if (!text) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Support KB: select the customer\'s words first, then search for them.'));
        return;
      }
      // What was selected to search for it is never replaced by the answer.
      replies.rememberSearchSource(editor!);
      markWalkthroughStep('searchedSelection');
      await searchView.showQuery(text);
    }),
    vscode.commands.registerCommand(Commands.focusSidebar, () => vscode.commands.executeCommand(`${SEARCH_VIEW_ID}.focus`)),
    vscode.commands.registerCommand(Commands.reload, async () => {
      await kb.reload(vscode.l10n.t('reload command'));
    }),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    checker,
    vscode.languages.registerCodeActionsProvider(textDocuments, new DraftFixProvider(checker), { providedCodeActionKinds: DraftFixProvider.kinds }),
    vscode.languages.registerCodeLensProvider(textDocuments, new ChecklistLens(checker)),
    vscode.languages.registerHoverProvider(textDocuments, new EntityHoverProvider(articleById)),
    vscode.commands.registerCommand(InternalCommands.applyFix, async (...args: Parameters<typeof applyFix>) => {
      const applied = await applyFix(...args);
      if (applied) markWalkthroughStep('fixedDraft');
      return applied;
    }),
    vscode.commands.registerCommand(InternalCommands.insertCompletionAboveSignature, insertCompletionAboveSignature),
    vscode.commands.registerCommand(InternalCommands.openArticleById, async (id: string) => {
      const article = typeof id === 'string' ? articleById(id) : undefined;
      if (article) await open(article);
    }),
    vscode.commands.registerCommand(Commands.pinChecklist, pinChecklistCommand(checker, kb)),
    vscode.commands.registerCommand(Commands.copyVin, copyVin),
  );

  // For KB maintainers: lint diagnostics on KB files, and the log of searches that found nothing.
  const linter = new KbLinter(vscode.Uri.joinPath(context.extensionUri, 'kb'), vscode.Uri.joinPath(context.extensionUri, 'dist', 'lintWorker.js').fsPath, log);
  const gaps = new SearchGapLogger(context, log);
  context.subscriptions.push(linter, gaps, vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, linter, { providedCodeActionKinds: KbLinter.kinds }));

  return {
    search: async (query, limit) => (await kb.getIndex()).search(query, { limit: limit ?? readConfig().maxResults }),
    articleCount: async () => (await kb.getIndex()).size,
    reload: async () => (await kb.reload('api')).size,
    onDidChangeState: kb.onDidChangeState,
    lastIndexOutcome: () => kb.lastIndexOutcome,
    state: () => kb.state,
    checkDocument: (doc) => checker.check(doc),
    pinMenu: (doc, checklistId) =>
      (checklistId ? pinStateItems(checker.pinState(doc, checklistId)) : pinMenuItems(checker, kb, doc)).map((i) => ({
        label: i.label,
        description: i.description,
        detail: i.detail,
        separator: i.kind === vscode.QuickPickItemKind.Separator,
      })),
    lintDocument: (doc) => linter.lintNow(doc),
    flushSearchGaps: async () => {
      await gaps.flush();
      return gaps.logFile();
    },
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
