import vscode = require('vscode');
import type { Article } from '../core/kb/types';
import type { KbIndex, SearchHit } from '../core/search/index';
import { excerpt } from '../core/search/snippet';
import { isFromWebview, type FilterOption, type FromWebview, type PreviewItem, type ResultItem, type ToWebview } from '../shared/protocol';
import { readConfig, uiLocale } from './config';
import type { KbService, KbState } from './kbService';
import { markWalkthroughStep } from './walkthrough';
import { searchActivity } from './searchEvents';
import { webviewDocument } from './webviewDocument';

export const SEARCH_VIEW_ID = 'supportKb.search';

/** What the view's buttons and keys do with an article; the composition root wires them. */
export interface ArticleActions {
  insert(article: Article): Promise<unknown>;
  copy(article: Article): Promise<unknown>;
  open(article: Article): Promise<unknown>;
  openBeside(article: Article): Promise<unknown>;
}

/**
 * The sidebar: a search box with results as you type, a preview, and Insert / Copy / Open.
 * The webview is locked down (CSP with a fresh nonce, scripts only from dist/, no remote content);
 * KB text reaches it as data and is put into the DOM as text, never as HTML.
 */
export class SearchViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pendingQuery: string | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly kb: KbService,
    private readonly actions: ArticleActions,
  ) {
    this.disposables.push(kb.onDidChangeState((s) => {
      this.postStatus(s);
      // Filters follow the KB: a folder added to kbPaths is listed without reloading the window.
      if (s.kind === 'ready') this.post({ type: 'filters', ...this.filterOptions(s.index) });
    }));
    // "indexing… 42 %" while the index is built; results keep coming from the last good index.
    this.disposables.push(kb.onDidChangeProgress((percent) => {
      if (percent === undefined) this.postStatus(kb.state);
      else this.post({ type: 'status', state: 'loading', articleCount: 0, message: vscode.l10n.t('indexing… {0} %', percent) });
    }));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = this.html(view.webview);
    this.disposables.push(
      view.webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebview(m)) void this.handle(m);
      }),
      view.onDidDispose(() => {
        this.view = undefined;
      }),
    );
  }

  /** Shows `query` in the sidebar (Search for Selection), opening the view if needed. */
  async showQuery(query: string): Promise<void> {
    this.pendingQuery = query;
    await vscode.commands.executeCommand(`${SEARCH_VIEW_ID}.focus`);
    if (this.view) this.post({ type: 'setQuery', query });
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready': {
        // Strings at once (the loading state needs them), the filters once the KB is loaded.
        this.post({ type: 'init', strings: strings(), sources: [], categories: [] });
        this.postStatus(this.kb.state);
        const index = await this.index();
        if (index) this.post({ type: 'init', strings: strings(), ...this.filterOptions(index) });
        if (this.pendingQuery !== undefined) this.post({ type: 'setQuery', query: this.pendingQuery });
        return;
      }
      case 'search': {
        const index = await this.index();
        if (!index) return;
        this.pendingQuery = undefined;
        const hits = index.search(m.query, {
          limit: readConfig().maxResults,
          ...(m.filters.sources.length ? { sources: m.filters.sources } : {}),
          ...(m.filters.categories.length ? { categories: m.filters.categories } : {}),
        });
        this.post({ type: 'results', requestId: m.requestId, query: m.query, results: hits.map(toResultItem) });
        if (hits.length) markWalkthroughStep('searched');
        if (!m.refresh) searchActivity.searched('sidebar', m.query, hits.length);
        return;
      }
      case 'preview': {
        const index = await this.index();
        const article = index?.get(m.id);
        const hit = article && index!.search(m.query, { limit: 1, filter: (a) => a.id === m.id })[0];
        this.post({ type: 'preview', article: article ? toPreview(article, hit) : undefined });
        return;
      }
      default: {
        const article = (await this.index())?.get(m.id);
        if (article) searchActivity.used('sidebar', article, m.type === 'openBeside' ? 'open' : m.type);
        if (article) await this.actions[m.type](article);
      }
    }
  }

  private async index(): Promise<KbIndex | undefined> {
    try {
      return await this.kb.getIndex();
    } catch {
      return undefined; // the status message already says why
    }
  }

  private filterOptions(index: KbIndex): { sources: FilterOption[]; categories: FilterOption[] } {
    const sources = new Map<string, string>();
    const categories = new Set<string>();
    for (const a of index.articles) {
      if (!sources.has(a.source)) sources.set(a.source, sourceBadge(a));
      if (a.category) categories.add(a.category);
    }
    return {
      sources: [...sources].map(([value, label]) => ({ value, label })),
      categories: [...categories].sort().map((c) => ({ value: c, label: c })),
    };
  }

  private postStatus(state: KbState): void {
    if (state.kind === 'idle') return;
    this.post({
      type: 'status',
      state: state.kind === 'failed' ? 'error' : state.kind === 'ready' ? 'ready' : 'loading',
      articleCount: state.kind === 'ready' ? state.index.size : 0,
      ...(state.kind === 'failed' ? { message: state.message } : {}),
    });
  }

  private post(message: ToWebview): void {
    void this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview): string {
    const nonce = makeNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'sidebar.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join('; ');
    return webviewDocument({
      lang: uiLocale(),
      csp,
      styleHref: style.toString(),
      body: `<div id="app"></div>\n<script nonce="${nonce}" src="${script}"></script>`,
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Short label of the document an article comes from, for the result badge. */
export function sourceBadge(a: Article): string {
  if (a.source === 'kia-support-ru') return vscode.l10n.t('RU KB');
  if (a.source === 'kia-connect-terms-da') return vscode.l10n.t('DA terms');
  return a.source;
}

function toResultItem(hit: SearchHit): ResultItem {
  const a = hit.article;
  const ex = excerpt(a.body, hit.highlights.body, 160);
  return {
    id: a.id,
    title: a.title,
    titleRanges: hit.highlights.title,
    badge: sourceBadge(a),
    sourceTitle: `${a.source}:${a.line}`,
    category: a.category,
    snippet: ex.text,
    snippetRanges: ex.ranges,
    similar: hit.similar.length,
  };
}

function toPreview(a: Article, hit: SearchHit | undefined): PreviewItem {
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    titleRanges: hit?.highlights.title ?? [],
    bodyRanges: hit?.highlights.body ?? [],
    badge: sourceBadge(a),
    location: [...a.path, `${a.source}:${a.line}`].join(' › '),
  };
}

/** Every string the webview shows, localised here on the host. */
function strings(): Record<string, string> {
  return {
    searchLabel: vscode.l10n.t('Search the knowledge base'),
    placeholder: vscode.l10n.t('Search: a question or the customer\'s words'),
    allDocuments: vscode.l10n.t('All documents'),
    allCategories: vscode.l10n.t('All categories'),
    documentFilter: vscode.l10n.t('Document'),
    categoryFilter: vscode.l10n.t('Category'),
    results: vscode.l10n.t('Results'),
    loading: vscode.l10n.t('Loading the knowledge base…'),
    empty: vscode.l10n.t('Type a few words: «забыл пароль», «ЛК», «rbf rjyytrn»…'),
    noMatch: vscode.l10n.t('Nothing found for «{0}»: no article in the knowledge base answers it. Try other words or fewer of them.', '{0}'),
    error: vscode.l10n.t('The knowledge base could not be loaded: {0}', '{0}'),
    similar: vscode.l10n.t('+{0} similar', '{0}'),
    insert: vscode.l10n.t('Insert'),
    copy: vscode.l10n.t('Copy'),
    open: vscode.l10n.t('Open in KB file'),
    openBeside: vscode.l10n.t('Open beside'),
    insertHint: vscode.l10n.t('Enter: insert into the reply · Shift+Enter: read the article beside · Ctrl+Enter: copy · Esc: clear'),
    preview: vscode.l10n.t('Preview'),
    count: vscode.l10n.t('{0} articles', '{0}'),
  };
}
