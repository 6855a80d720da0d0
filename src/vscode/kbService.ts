import vscode = require('vscode');
import { kbFileKind, walkKbFolder } from '../core/kb/kbFolder';
import { fileName, type KbFileInput, type ParsedKbFile } from '../core/kb/parse';
import { decodeKbBytes, isUnreadable, notARegularFile, readFailure, tooLarge, type KbReadResult } from '../core/kb/read';
import type { Checklist } from '../core/checklist/types';
import { KbError, type Article, type KbProblem } from '../core/kb/types';
import type { AliasTable } from '../core/search/aliases';
import type { KbIndex } from '../core/search/index';
import { buildInWorker, IndexBuildCancelled, type WorkerBuild } from '../node/indexBuild';
import { cacheFileFor } from '../node/cacheFile';
import type { CacheOutcome } from '../node/indexCache';
import { readConfig, SECTION, uiLocale } from './config';
import { WORKSPACE_FS } from './kbFolderFs';
import { searchCore } from './lazyParts';

const RELOAD_DEBOUNCE_MS = 250;
/** Settings that change what the KB is made of. */
const KB_SETTINGS = ['kbPaths', 'includeBundledKb'];
/** Folders deeper than this under a KB path are not walked (a KB is a few folders, not a file system). */

export type KbState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; index: KbIndex; problems: KbProblem[] }
  | { kind: 'failed'; message: string };

/**
 * Owns the loaded KB: reads the bundled KB and the `supportKb.kbPaths` entries on first use,
 * watches them, and rebuilds the index when they change. A file that fails to load keeps its
 * last good version; a reload that fails as a whole keeps the last good index.
 */
export class KbService implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private watchedKey: string | undefined;
  private readonly lastGood = new Map<string, ParsedKbFile>();
  private loading: Promise<KbIndex> | undefined;
  private index: KbIndex | undefined;
  private loadedChecklists: Checklist[] = [];
  /** The problems of the last load that succeeded, kept with its index when a reload fails. */
  private lastProblems: KbProblem[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onDidChangeStateEmitter = new vscode.EventEmitter<KbState>();
  /** Fires when loading starts, succeeds or fails. */
  readonly onDidChangeState = this.onDidChangeStateEmitter.event;
  state: KbState = { kind: 'idle' };
  /** What the last load did with the saved index (hit, partial, miss…), for the log and tests. */
  lastIndexOutcome: CacheOutcome | undefined;
  private build: WorkerBuild | undefined;
  private readonly onDidChangeProgressEmitter = new vscode.EventEmitter<number | undefined>();
  /**
   * Share of the articles indexed (0–100) while the index is built, undefined when done. The state
   * stays `ready` with the last good index meanwhile (searches and draft checks go on).
   */
  readonly onDidChangeProgress = this.onDidChangeProgressEmitter.event;

  /**
   * `indexing`: where the index worker (dist/indexWorker.js) and the saved index (globalStorage) live;
   * without it the index is built on this thread and not saved.
   */
  constructor(
    private readonly bundledKb: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly indexing?: { workerFile: string; storage: vscode.Uri },
  ) {
    this.disposables.push(
      this.onDidChangeStateEmitter,
      this.onDidChangeProgressEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Only the settings that say what the KB is: a draft-check or reply setting does not re-index it.
        const kbSettings = KB_SETTINGS.some((key) => e.affectsConfiguration(`${SECTION}.${key}`));
        if (kbSettings && this.state.kind !== 'idle') this.scheduleReload(vscode.l10n.t('settings changed'));
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this.state.kind !== 'idle') this.scheduleReload(vscode.l10n.t('workspace folders changed'));
      }),
      // Trusting the workspace lets its KB folders in (Restricted Mode ignored them).
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.state.kind !== 'idle') this.scheduleReload(vscode.l10n.t('workspace trusted'));
      }),
    );
  }

  /**
   * The index, loading the KB the first time it is asked for. While a changed KB is re-indexed,
   * searches are answered from the last good index rather than waiting.
   */
  getIndex(): Promise<KbIndex> {
    if (this.index) return Promise.resolve(this.index);
    return this.loading ?? this.reload(vscode.l10n.t('first use'));
  }

  /** The checklists of the loaded KB (empty until it has loaded). */
  checklists(): readonly Checklist[] {
    return this.loadedChecklists;
  }

  /** Rereads every KB file now. Resolves with the new index, or the last good one if loading failed. */
  reload(reason: string): Promise<KbIndex> {
    const run = this.load(reason).finally(() => {
      if (this.loading === run) this.loading = undefined;
    });
    this.loading = run;
    return run;
  }

  private scheduleReload(reason: string): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(reason), RELOAD_DEBOUNCE_MS);
  }

  private setState(state: KbState): void {
    this.state = state;
    this.onDidChangeStateEmitter.fire(state);
  }

  private async load(reason: string): Promise<KbIndex> {
    const started = Date.now();
    // A reload keeps the last good index (and the `ready` state) until the new one is there.
    if (!this.index) this.setState({ kind: 'loading' });
    try {
      const config = readConfig();
      for (const p of config.problems) this.log.warn(p);
      const roots = [...(config.includeBundledKb ? [this.bundledKb] : []), ...config.kbUris];
      this.watch(config.kbUris);
      // Each file (and each KB path) fails alone, as a problem naming it: the rest still loads.
      const inputs: KbReadResult[] = [];
      const parsed = new Map<string, ParsedKbFile>();
      for (const root of roots) {
        for (const entry of await this.listKbFiles(root)) {
          const input = entry instanceof vscode.Uri ? await this.readKbFile(entry) : entry;
          inputs.push(input);
          // Parsed one file at a time, between the reads: a large KB (50 files of 2,000 articles) never
          // holds up the extension host for the seconds parsing all of it at once takes.
          const file = isUnreadable(input) || kbFileKind(fileName(input.file)) !== 'articles' ? undefined : parseOrUndefined(input);
          if (file) parsed.set(input.file, file);
        }
      }
      // A file that failed to parse is parsed again here, and reported as a problem naming it.
      const kb = searchCore().assembleKb(inputs, this.lastGood, parsed);
      for (const f of kb.files) this.lastGood.set(f.file, f);
      for (const p of kb.problems) {
        (p.severity === 'error' ? this.log.error : this.log.warn).call(this.log, searchCore().formatKbProblemLine({ ...p, file: vscode.Uri.parse(p.file).fsPath }, uiLocale()));
      }
      this.index = await this.indexArticles(kb.articles, kb.aliases, inputs, roots);
      this.loadedChecklists = kb.checklists;
      this.log.info(vscode.l10n.t('Loaded {0} articles from {1} files in {2} ms ({3}).', kb.articles.length, inputs.length, Date.now() - started, reason));
      this.lastProblems = kb.problems;
      this.setState({ kind: 'ready', index: this.index, problems: kb.problems });
      return this.index;
    } catch (e) {
      if (e instanceof IndexBuildCancelled) {
        // A newer load (the KB changed again) took over: its result is the answer.
        if (this.loading) return this.loading;
        if (this.index) return this.index;
      }
      const message = e instanceof KbError ? searchCore().formatKbProblemLine(e.problem, uiLocale()) : e instanceof Error ? e.message : String(e);
      this.log.error(vscode.l10n.t('Loading the knowledge base failed ({0}): {1}', reason, message));
      if (this.index) {
        this.log.warn(vscode.l10n.t('Keeping the last good index ({0} articles).', this.index.size));
        // Still usable, but not "ready with no problems": the failure is a problem of its own.
        const failure: KbProblem = {
          severity: 'error',
          code: 'kb.reload.failed',
          message: vscode.l10n.t('Reloading the knowledge base failed: {0}. The articles loaded before are still used; fix the problem and reload.', message),
          file: this.bundledKb.toString(),
          line: 0,
        };
        this.setState({ kind: 'ready', index: this.index, problems: [failure, ...this.lastProblems] });
        return this.index;
      }
      this.setState({ kind: 'failed', message });
      throw e;
    }
  }

  /**
   * Indexes the articles in the worker thread: the saved index is opened when the KB files are
   * unchanged, updated for the files that changed, or built, with progress in the status bar and
   * the sidebar. A build still running for an older version of the KB is cancelled.
   */
  private async indexArticles(articles: Article[], aliases: AliasTable, inputs: readonly KbReadResult[], roots: readonly vscode.Uri[]): Promise<KbIndex> {
    this.build?.cancel();
    if (!this.indexing) return new (searchCore().KbIndex)(articles, aliases);
    const { workerFile, storage } = this.indexing;
    const cacheFile = storage.scheme === 'file' ? cacheFileFor(storage.fsPath, roots.map((r) => r.toString())) : undefined;
    const articleFiles = new Set(articles.map((a) => a.file));
    const title = vscode.l10n.t('Support KB');
    let reported = 0;
    const progressTargets: ((percent: number) => void)[] = [];
    const build = buildInWorker(workerFile, { articles, inputs: inputs.filter((i): i is KbFileInput => !isUnreadable(i) && articleFiles.has(i.file)), ...(cacheFile ? { cacheFile } : {}) }, (done, total) => {
      const percent = Math.floor((100 * done) / Math.max(1, total));
      if (percent === reported) return;
      reported = percent;
      for (const report of progressTargets) report(percent);
      this.onDidChangeProgressEmitter.fire(percent);
    });
    this.build = build;
    // The same progress in the status bar and on the sidebar view.
    const shown = (location: vscode.ProgressOptions['location']) =>
      vscode.window.withProgress({ location, title }, (progress) => {
        let last = 0;
        progressTargets.push((percent) => {
          progress.report({ message: vscode.l10n.t('indexing… {0} %', percent), increment: percent - last });
          last = percent;
        });
        return build.result.catch(() => undefined);
      });
    void shown(vscode.ProgressLocation.Window);
    void shown({ viewId: 'supportKb.search' });
    try {
      const { snapshot, outcome, detail } = await build.result;
      this.lastIndexOutcome = outcome;
      this.log.info(vscode.l10n.t('Saved index: {0}{1}.', outcome, detail ? ` (${detail})` : ''));
      const index = await searchCore().KbIndex.fromSnapshotAsync(snapshot, articles, aliases);
      if (index) return index;
      this.log.warn(vscode.l10n.t('The saved index did not match the articles; rebuilding it here.'));
    } catch (e) {
      if (e instanceof IndexBuildCancelled) throw e;
      this.log.warn(vscode.l10n.t('The index worker failed ({0}); indexing on the main thread.', e instanceof Error ? e.message : String(e)));
    } finally {
      if (this.build === build) {
        this.build = undefined;
        if (reported) this.onDidChangeProgressEmitter.fire(undefined);
      }
    }
    return new (searchCore().KbIndex)(articles, aliases);
  }

  /**
   * KB files under a folder (recursively, sorted), or the file itself. Symbolic links are followed
   * but a folder is walked once (a link back to a parent is not a loop); a path that cannot be
   * used comes back as a problem naming it.
   */
  private async listKbFiles(root: vscode.Uri): Promise<(vscode.Uri | KbReadResult)[]> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(root);
    } catch (e) {
      this.log.warn(vscode.l10n.t('Knowledge base path not found: {0}', root.fsPath));
      return [readFailure(root.toString(), e)];
    }
    if (!(stat.type & vscode.FileType.Directory)) return [root];
    return walkKbFolder(WORKSPACE_FS, root);
  }

  /** One KB file: its size checked before reading (a 600 MB file never becomes a string), then decoded. */
  private async readKbFile(uri: vscode.Uri): Promise<KbReadResult> {
    const file = uri.toString();
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File)) return stat.type & vscode.FileType.Directory ? readFailure(file, { code: 'EISDIR' }) : notARegularFile(file);
      const refused = tooLarge(file, stat.size);
      if (refused) return refused;
      return decodeKbBytes(file, await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      return readFailure(file, e);
    }
  }

  /**
   * Watches the configured paths, re-creating the watchers only when the paths themselves change
   * (a reload that a watcher triggered keeps them). The bundled KB does not change at run time.
   */
  private watch(uris: readonly vscode.Uri[]): void {
    const key = uris.map((u) => u.toString()).join('\n');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    for (const w of this.watchers) w.dispose();
    this.watchers = uris.flatMap((uri) => {
      const name = fileName(uri.path);
      const pattern = kbFileKind(name) !== 'other'
        ? new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name)
        : new vscode.RelativePattern(uri, '**/{*.md,aliases.json,checklists.json,categories.json}');
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const onChange = (changed: vscode.Uri) => this.scheduleReload(vscode.l10n.t('changed: {0}', changed.fsPath));
      return [watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange)];
    });
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.build?.cancel();
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}

/** The file's articles, or undefined when it cannot be used (assembleKb then says why). */
function parseOrUndefined(input: KbFileInput): ParsedKbFile | undefined {
  try {
    return searchCore().parseKbFile(input);
  } catch {
    return undefined;
  }
}
