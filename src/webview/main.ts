// The sidebar's browser code: renders what the host sends, sends what the agent does.
// KB text is only ever put into the DOM as text (textContent / text nodes), never as HTML.
import { MAX_QUERY_CHARS } from '../core/search/limits';
import { isToWebview, type FilterOption, type FromWebview, type PreviewItem, type Range, type ResultItem } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  query: string;
  sources: string[];
  categories: string[];
  selectedId?: string;
}

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
let strings: Record<string, string> = {};
let results: ResultItem[] = [];
let selected = -1;
let requestId = 0;
let lastShownRequest = 0;
/** The query whose results are on screen: a new query puts the selection back on the first result. */
let shownQuery: string | undefined;
let status: 'loading' | 'ready' | 'error' = 'loading';
let statusMessage = '';
let searchTimer: ReturnType<typeof setTimeout> | undefined;
/** The request whose results an action pressed too early waits for (Enter right after typing). */
let waitingAction: { type: ArticleAction; forRequest: number } | undefined;
let previewTimer: ReturnType<typeof setTimeout> | undefined;

const app = document.getElementById('app')!;
app.innerHTML = `
  <div class="search-box">
    <input id="query" type="search" autocomplete="off" spellcheck="false">
    <div class="filters" id="filters">
      <select id="source"></select>
      <select id="category"></select>
    </div>
  </div>
  <div id="status" role="status" aria-live="polite"></div>
  <ul id="results" role="listbox" tabindex="-1"></ul>
  <section id="preview" hidden>
    <div class="preview-head">
      <h2 id="preview-title"></h2>
      <div id="preview-meta" class="meta"></div>
      <div class="actions">
        <button id="insert" class="primary"></button>
        <button id="copy" class="secondary"></button>
        <button id="beside" class="secondary"></button>
        <button id="open" class="secondary"></button>
      </div>
    </div>
    <div id="preview-body" class="preview-body" tabindex="0"></div>
  </section>
  <div id="hint" class="hint"></div>`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = $<HTMLInputElement>('query');
// The search reads this much of a query; the box holds no more, so a pasted e-mail is cut where the
// agent can see it (and a longer query is never sent to be refused by the message check).
input.maxLength = MAX_QUERY_CHARS;
const sourceSelect = $<HTMLSelectElement>('source');
const categorySelect = $<HTMLSelectElement>('category');
const statusEl = $('status');
const list = $<HTMLUListElement>('results');
const preview = $('preview');
const filtersEl = $('filters');

function t(key: string, arg?: string | number): string {
  const s = strings[key] ?? key;
  return arg === undefined ? s : s.replace('{0}', String(arg));
}

/** Appends `text` to `el`, wrapping the given ranges in <mark>. */
function appendMarked(el: HTMLElement, text: string, ranges: readonly Range[]): void {
  let at = 0;
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (s < at || e > text.length || s >= e) continue;
    el.append(document.createTextNode(text.slice(at, s)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(s, e);
    el.append(mark);
    at = e;
  }
  el.append(document.createTextNode(text.slice(at)));
}

function filters() {
  return { sources: sourceSelect.value ? [sourceSelect.value] : [], categories: categorySelect.value ? [categorySelect.value] : [] };
}

function save(): void {
  vscode.setState({ query: input.value, ...filters(), ...(results[selected] ? { selectedId: results[selected]!.id } : {}) });
}

/** Searches for what is typed; `refresh` when the KB changed under the same query (not an agent's search). */
function search(now = false, refresh = false): void {
  clearTimeout(searchTimer);
  searchTimer = undefined;
  // The agent typed on (or cleared the box): an earlier Enter no longer applies. A refresh (the KB
  // reloaded under the same query) keeps it: its results answer the same words.
  if (!refresh) waitingAction = undefined;
  const run = () => {
    searchTimer = undefined;
    save();
    if (!input.value.trim()) {
      results = [];
      selected = -1;
      render();
      return;
    }
    vscode.postMessage({ type: 'search', requestId: ++requestId, query: input.value, filters: filters(), ...(refresh ? { refresh } : {}) });
  };
  // Typing never waits for the search: results follow a moment after the last key.
  if (now) run();
  else searchTimer = setTimeout(run, 120);
}

function select(i: number, scroll = true): void {
  if (!results.length) return;
  selected = Math.max(0, Math.min(results.length - 1, i));
  for (const [k, li] of Array.from(list.children).entries()) li.setAttribute('aria-selected', String(k === selected));
  const li = list.children[selected] as HTMLElement | undefined;
  if (li) {
    list.setAttribute('aria-activedescendant', li.id);
    if (scroll) li.scrollIntoView({ block: 'nearest' });
  }
  save();
  clearTimeout(previewTimer);
  const id = results[selected]!.id;
  previewTimer = setTimeout(() => vscode.postMessage({ type: 'preview', id, query: input.value }), 80);
}

type ArticleAction = 'insert' | 'copy' | 'open' | 'openBeside';

/**
 * Acts on the selected result. A button acts on the article it stands under. A key acts on what is
 * typed: results follow the typing a moment later, so Enter pressed before the list shows the
 * query in the box would act on an older query's article; then the search runs at once and the
 * action waits for its results (and acts on their best one).
 */
function act(type: ArticleAction, from: 'key' | 'button' = 'button'): void {
  if (from === 'key' && input.value.trim() && (searchTimer !== undefined || shownQuery !== input.value || lastShownRequest < requestId)) {
    // Every change to the box starts the timer, so with none pending the request in flight (if
    // any) is for what the box holds; none sent yet (a restored query): send one.
    if (searchTimer !== undefined || lastShownRequest === requestId) search(true);
    waitingAction = { type, forRequest: requestId };
    return;
  }
  const r = results[selected];
  if (r) vscode.postMessage({ type, id: r.id });
}

function renderStatus(): void {
  let text = '';
  statusEl.className = '';
  if (status === 'loading') text = statusMessage || t('loading'); // "indexing… 42 %" when the host says how far
  else if (status === 'error') {
    text = t('error', statusMessage);
    statusEl.className = 'error';
  } else if (!input.value.trim()) text = t('empty');
  else if (!results.length && lastShownRequest === requestId) {
    // An explicit "nothing found": the KB has no good answer, rather than a list of noise.
    text = t('noMatch', input.value.trim());
    statusEl.className = 'nothing';
  }
  statusEl.textContent = text;
  statusEl.hidden = !text;
}

function render(): void {
  list.replaceChildren();
  results.forEach((r, i) => {
    const li = document.createElement('li');
    li.id = `result-${i}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', String(i === selected));
    const head = document.createElement('div');
    head.className = 'result-head';
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = r.badge;
    badge.title = r.sourceTitle;
    const title = document.createElement('span');
    title.className = 'title';
    appendMarked(title, r.title, r.titleRanges);
    head.append(badge, title);
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = [r.category, r.similar ? t('similar', r.similar) : ''].filter(Boolean).join(' · ');
    const snippet = document.createElement('div');
    snippet.className = 'snippet';
    appendMarked(snippet, r.snippet, r.snippetRanges);
    li.append(head, meta, snippet);
    li.addEventListener('click', () => select(i, false));
    li.addEventListener('dblclick', () => {
      select(i, false);
      act('insert');
    });
    list.append(li);
  });
  if (!results.length) {
    preview.hidden = true;
  }
  renderStatus();
}

function renderPreview(a: PreviewItem | undefined): void {
  if (!a || a.id !== results[selected]?.id) return;
  preview.hidden = false;
  const title = $('preview-title');
  title.replaceChildren();
  appendMarked(title, a.title, a.titleRanges);
  $('preview-meta').textContent = `${a.badge} · ${a.location}`;
  const body = $('preview-body');
  body.replaceChildren();
  appendMarked(body, a.body, a.bodyRanges);
  // The preview follows the selection: when it starts below the fold, bring its head into view.
  const top = preview.getBoundingClientRect().top;
  if (top > window.innerHeight - 80 || top < 0) preview.scrollIntoView({ block: 'start' });
}

/** A filter with one value (or none) filters nothing, so it is not shown. */
function fillSelect(select: HTMLSelectElement, all: string, options: FilterOption[], chosen: string | undefined): void {
  select.replaceChildren(new Option(all, ''), ...options.map((o) => new Option(o.label, o.value)));
  select.value = options.some((o) => o.value === chosen) ? chosen! : '';
  select.hidden = options.length < 2;
  if (select.hidden) select.value = '';
}

/** Filters follow the KB: a folder added or removed shows up without reloading the window. */
function fillFilters(sources: FilterOption[], categories: FilterOption[]): void {
  const keep = filters();
  const before = JSON.stringify(keep);
  fillSelect(sourceSelect, t('allDocuments'), sources, keep.sources[0] ?? saved?.sources[0]);
  fillSelect(categorySelect, t('allCategories'), categories, keep.categories[0] ?? saved?.categories[0]);
  filtersEl.hidden = sourceSelect.hidden && categorySelect.hidden;
  // The KB changed: show the same query's results from it (the selected article stays selected).
  if (input.value.trim() && (results.length || JSON.stringify(filters()) !== before)) search(true, true);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isToWebview(m)) return;
  switch (m.type) {
    case 'init': {
      strings = m.strings;
      input.placeholder = t('placeholder');
      input.setAttribute('aria-label', t('searchLabel'));
      list.setAttribute('aria-label', t('results'));
      preview.setAttribute('aria-label', t('preview'));
      sourceSelect.setAttribute('aria-label', t('documentFilter'));
      categorySelect.setAttribute('aria-label', t('categoryFilter'));
      $('insert').textContent = t('insert');
      $('copy').textContent = t('copy');
      $('open').textContent = t('open');
      $('hint').textContent = t('insertHint');
      $('beside').textContent = t('openBeside');
      fillFilters(m.sources, m.categories);
      renderStatus();
      if (m.sources.length && input.value.trim()) search(true);
      return;
    }
    case 'status':
      status = m.state;
      statusMessage = m.message ?? '';
      renderStatus();
      if (m.state === 'ready') statusEl.title = t('count', m.articleCount);
      return;
    case 'results': {
      if (m.requestId < lastShownRequest) return; // an older answer overtaken by a newer query
      lastShownRequest = m.requestId;
      // Only a re-render of the same query (a KB reload, a filter, the view shown again) keeps the
      // selected article; a new query starts on its best result, so Enter inserts what is on top.
      const sameQuery = shownQuery === undefined ? m.query === saved?.query : m.query === shownQuery;
      const keepId = sameQuery ? (results[selected]?.id ?? (shownQuery === undefined ? saved?.selectedId : undefined)) : undefined;
      shownQuery = m.query;
      list.dataset.query = m.query; // which query the list shows (tests wait on it)
      results = m.results;
      const again = results.findIndex((r) => r.id === keepId);
      selected = results.length ? Math.max(0, again) : -1;
      render();
      if (!sameQuery) list.scrollTop = 0;
      if (selected >= 0) select(selected, sameQuery);
      if (waitingAction && m.requestId >= waitingAction.forRequest) {
        const { type } = waitingAction;
        waitingAction = undefined;
        act(type, 'key');
      }
      return;
    }
    case 'filters':
      fillFilters(m.sources, m.categories);
      return;
    case 'preview':
      renderPreview(m.article);
      return;
    case 'setQuery':
      input.value = m.query;
      input.focus();
      search(true);
      return;
  }
});

input.addEventListener('input', () => search());
sourceSelect.addEventListener('change', () => search(true));
categorySelect.addEventListener('change', () => search(true));
for (const id of ['insert', 'copy', 'open'] as const) $(id).addEventListener('click', () => act(id));
$('beside').addEventListener('click', () => act('openBeside'));

document.addEventListener('keydown', (e) => {
  if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLButtonElement) return;
  if (e.key === 'ArrowDown') {
    select(selected + 1);
    e.preventDefault();
  } else if (e.key === 'ArrowUp') {
    select(selected - 1);
    e.preventDefault();
  } else if (e.key === 'Enter' && e.shiftKey) {
    // The whole article beside the list, read-only, while the focus stays here.
    act('openBeside', 'key');
    e.preventDefault();
  } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    act('copy', 'key');
    e.preventDefault();
  } else if (e.key === 'Enter') {
    act('insert', 'key');
    e.preventDefault();
  } else if (e.key === 'Escape') {
    input.value = '';
    search(true);
    input.focus();
    e.preventDefault();
  }
});

// The search box has the focus whenever the view is shown.
window.addEventListener('focus', () => {
  if (document.activeElement !== document.body) return;
  input.focus();
  // Typing on continues the query: the caret goes to its end, not to its start.
  input.setSelectionRange(input.value.length, input.value.length);
});

if (saved) input.value = saved.query;
input.focus();
vscode.postMessage({ type: 'ready' });
