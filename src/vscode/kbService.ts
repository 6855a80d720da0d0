import * as vscode from 'vscode';
import { assembleKb } from '../core/kb/assemble';
import { kbFileKind } from '../core/kb/kbFolder';
import { fileName, type KbFileInput, type ParsedKbFile } from '../core/kb/parse';
import type { Checklist } from '../core/checklist/types';
import type { KbProblem } from '../core/kb/types';
import { KbIndex } from '../core/search/index';
import { readConfig, SECTION } from './config';

const RELOAD_DEBOUNCE_MS = 250;

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
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onDidChangeStateEmitter = new vscode.EventEmitter<KbState>();
  /** Fires when loading starts, succeeds or fails. */
  readonly onDidChangeState = this.onDidChangeStateEmitter.event;
  state: KbState = { kind: 'idle' };

  constructor(private readonly bundledKb: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.onDidChangeStateEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION) && this.state.kind !== 'idle') this.scheduleReload(vscode.l10n.t('settings changed'));
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this.state.kind !== 'idle') this.scheduleReload(vscode.l10n.t('workspace folders changed'));
      }),
    );
  }

  /** The index, loading the KB the first time it is asked for. */
  getIndex(): Promise<KbIndex> {
    if (this.index && !this.loading) return Promise.resolve(this.index);
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
    this.setState({ kind: 'loading' });
    try {
      const config = readConfig();
      for (const p of config.problems) this.log.warn(p);
      const roots = [...(config.includeBundledKb ? [this.bundledKb] : []), ...config.kbUris];
      this.watch(config.kbUris);
      const inputs: KbFileInput[] = [];
      for (const root of roots) {
        for (const uri of await this.listKbFiles(root)) {
          const text = await this.readText(uri);
          if (text !== undefined) inputs.push({ file: uri.toString(), text });
        }
      }
      const kb = assembleKb(inputs, this.lastGood);
      for (const f of kb.files) this.lastGood.set(f.file, f);
      for (const p of kb.problems) {
        const where = `${vscode.Uri.parse(p.file).fsPath}${p.line ? `:${p.line}` : ''}`;
        (p.severity === 'error' ? this.log.error : this.log.warn).call(this.log, `${where}: ${p.message}`);
      }
      this.index = new KbIndex(kb.articles, kb.aliases);
      this.loadedChecklists = kb.checklists;
      this.log.info(vscode.l10n.t('Loaded {0} articles from {1} files in {2} ms ({3}).', kb.articles.length, inputs.length, Date.now() - started, reason));
      this.setState({ kind: 'ready', index: this.index, problems: kb.problems });
      return this.index;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(vscode.l10n.t('Loading the knowledge base failed ({0}): {1}', reason, message));
      if (this.index) {
        this.log.warn(vscode.l10n.t('Keeping the last good index ({0} articles).', this.index.size));
        this.setState({ kind: 'ready', index: this.index, problems: [] });
        return this.index;
      }
      this.setState({ kind: 'failed', message });
      throw e;
    }
  }

  /** `*.md` files under a folder (recursively, sorted), or the file itself; a missing path is logged, not fatal. */
  private async listKbFiles(root: vscode.Uri): Promise<vscode.Uri[]> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(root);
    } catch {
      this.log.warn(vscode.l10n.t('Knowledge base path not found: {0}', root.fsPath));
      return [];
    }
    if (stat.type & vscode.FileType.File) return [root];
    const out: vscode.Uri[] = [];
    for (const [name, type] of await vscode.workspace.fs.readDirectory(root)) {
      const child = vscode.Uri.joinPath(root, name);
      if (type & vscode.FileType.Directory) out.push(...(await this.listKbFiles(child)));
      else if (kbFileKind(name) !== 'other') out.push(child);
    }
    return out.sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      this.log.error(vscode.l10n.t('Cannot read {0}: {1}', uri.fsPath, e instanceof Error ? e.message : String(e)));
      return undefined;
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
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}
