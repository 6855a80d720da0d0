import * as path from 'node:path';
import vscode = require('vscode');
import { GapTracker, type GapEntry } from '../core/gaps/gaps';
import { DEFAULT_MAX_LOG_BYTES, GapLogWriter, gapLogName, readGapFolder } from '../node/gapLog';
import { Commands } from './commands';
import { uiLocale } from './config';
import { gapsReport } from './lazyParts';
import { COMPLETION_USED_COMMAND, onSearchActivity, searchActivity, type SearchActivity } from './searchEvents';

/** A search nobody touched for this long is over (the agent went back to the draft). */
const IDLE_MS = 60_000;
const GAPS_SECTION = 'supportKb.gaps';


interface GapSettings {
  enabled: boolean;
  /** A shared team folder (absolute path) or undefined for the extension's global storage. */
  folder: string | undefined;
  maxBytes: number;
  problems: string[];
}

/**
 * Logs the searches that found nothing or after which no article was used, on this machine:
 * JSON lines in global storage, or in a shared team folder (one file per machine, named by a hash
 * of the machine id, so nothing needs locking). Queries are redacted by the tracker before an entry
 * exists. The folder is a machine setting: a workspace cannot point the log somewhere else.
 */
export class SearchGapLogger implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly tracker: GapTracker;
  private writer: GapLogWriter | undefined;
  private settings: GapSettings;
  private readonly timer: ReturnType<typeof setInterval>;
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.tracker = new GapTracker((entry) => void this.writer?.append(entry));
    this.settings = this.readSettings();
    this.warnAbout(this.settings);
    this.openWriter();
    this.timer = setInterval(() => this.tracker.expire(IDLE_MS), 15_000);
    this.disposables.push(
      onSearchActivity((a) => this.onActivity(a)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(GAPS_SECTION)) this.refreshSettings();
      }),
      vscode.commands.registerCommand(COMPLETION_USED_COMMAND, (article: { id: string; title: string }) => {
        if (article && typeof article.id === 'string') searchActivity.used('completion', article, 'insert');
      }),
      vscode.commands.registerCommand(Commands.showSearchGaps, () => this.show()),
    );
  }

  /** The folders whose logs the report reads: this machine's storage and the team folder, if set. */
  logFolders(): string[] {
    const own = path.join(this.context.globalStorageUri.fsPath, 'gaps');
    return this.settings.folder && this.settings.folder !== own ? [own, this.settings.folder] : [own];
  }

  /** Where this machine writes (for tests and the report's footer). */
  logFile(): string | undefined {
    return this.writer?.file;
  }

  /** Ends open searches and waits until every entry is written (tests; the report). */
  async flush(): Promise<void> {
    this.tracker.flush();
    await this.writer?.flushed();
  }

  private onActivity(a: SearchActivity): void {
    if (!this.settings.enabled) return;
    if (a.kind === 'searched') this.tracker.searched(a.surface, a.query, a.results);
    else if (a.kind === 'used') this.tracker.used(a.surface, a.article, a.action);
    else this.tracker.end(a.surface);
  }

  /** Settings read again; entries of open searches go to the log they were made under. */
  private refreshSettings(): void {
    this.tracker.flush();
    this.settings = this.readSettings();
    this.warnAbout(this.settings);
    this.openWriter();
  }

  private readSettings(): GapSettings {
    const config = vscode.workspace.getConfiguration(GAPS_SECTION);
    const problems: string[] = [];
    const enabled = config.get<unknown>('enabled', true);
    if (typeof enabled !== 'boolean') problems.push(vscode.l10n.t('Setting supportKb.gaps.enabled must be true or false; using true.'));
    // Only the user's own (machine) value: a workspace must not redirect what this machine logs.
    const rawFolder = config.inspect<unknown>('folder')?.globalValue;
    let folder: string | undefined;
    if (typeof rawFolder === 'string' && rawFolder.trim()) {
      if (path.isAbsolute(rawFolder.trim())) folder = rawFolder.trim();
      else problems.push(vscode.l10n.t('Setting supportKb.gaps.folder must be an absolute path; the search-gap log stays on this machine.'));
    } else if (rawFolder !== undefined && rawFolder !== '') problems.push(vscode.l10n.t('Setting supportKb.gaps.folder must be a path; the search-gap log stays on this machine.'));
    const kb = config.get<unknown>('maxFileKb', DEFAULT_MAX_LOG_BYTES / 1024);
    const maxOk = typeof kb === 'number' && Number.isFinite(kb) && kb >= 16 && kb <= 102_400;
    if (!maxOk) problems.push(vscode.l10n.t('Setting supportKb.gaps.maxFileKb must be a number from 16 to 102400; using {0}.', DEFAULT_MAX_LOG_BYTES / 1024));
    return { enabled: enabled !== false, folder, maxBytes: maxOk ? Math.round(kb * 1024) : DEFAULT_MAX_LOG_BYTES, problems };
  }

  private warnAbout(settings: GapSettings): void {
    for (const p of settings.problems) this.log.warn(p);
  }

  private openWriter(): void {
    const dir = this.settings.folder ?? path.join(this.context.globalStorageUri.fsPath, 'gaps');
    const file = path.join(dir, gapLogName(vscode.env.machineId));
    if (this.writer?.file === file) return;
    this.writer = new GapLogWriter(file, this.settings.maxBytes, (e) =>
      this.log.warn(vscode.l10n.t('Search-gap log {0} cannot be written: {1}', file, e instanceof Error ? e.message : String(e))),
    );
  }

  private async show(): Promise<void> {
    // Read again: at start-up the extension host may see the user settings before they are all
    // loaded (a machine-scoped team folder was missing once), and the report must name the right folders.
    if (this.readSettings().folder !== this.settings.folder) this.refreshSettings();
    await this.writer?.flushed();
    const entries: GapEntry[] = [];
    const problems: string[] = [];
    for (const folder of this.logFolders()) {
      try {
        const read = await readGapFolder(folder);
        // One at a time: a spread of a large team log would overflow the stack.
        for (const e of read.entries) entries.push(e);
        for (const p of read.problems) problems.push(p);
      } catch {
        // No log yet in this folder: nothing to show from it.
      }
    }
    for (const p of problems) this.log.warn(p);
    const report = gapsReport().buildGapsReport(entries, { weeks: 8, top: 15 });
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('supportKb.searchGaps', vscode.l10n.t('Support KB: Search Gaps'), vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
      });
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
    }
    const style = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'gaps.css'));
    this.panel.webview.html = gapsReport().renderGapsHtml(report, {
      cspSource: this.panel.webview.cspSource,
      styleUri: style.toString(),
      lang: uiLocale(),
      enabled: this.settings.enabled,
      folders: this.logFolders(),
      skippedLines: problems.length,
    });
    this.panel.reveal();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.tracker.flush();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
