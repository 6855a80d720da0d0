import vscode = require('vscode');
import { kbFileKind, walkKbFolder } from '../core/kb/kbFolder';
import type { LintFinding } from '../core/kb/lint';
import { DEFAULT_LINT_CONFIG, LINT_CONFIG_FILE, parseLintConfig, type LintConfig } from '../core/kb/lintConfig';
import { fileName, type KbFileInput } from '../core/kb/parse';
import { InternalCommands } from './commands';
import { LintCancelled, lintInWorker, type LintRun } from '../node/lintRun';
import { readConfig, uiLocale } from './config';
import { WORKSPACE_FS } from './kbFolderFs';

const LINT_DEBOUNCE_MS = 400;
const COMPARE_SCHEME = 'support-kb-compare';


/**
 * KB lint in the editor: KB files of the team's folders (`supportKb.kbPaths`) and of the bundled
 * KB get the lint's findings as diagnostics while they are open and edited, with the other
 * articles of a duplicate as related locations. The whole folder is linted (duplicates span
 * files), using the editor's unsaved text for open files. Quick fixes only show (a diff of two
 * articles) or change the editor's text after the maintainer confirms; nothing is saved for them.
 */
export class KbLinter implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('support-kb-lint');
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Findings by document URI, with the version they were computed for. */
  private readonly results = new Map<string, { version: number; findings: LintFinding[] }>();
  private readonly compareTexts = new Map<string, string>();
  /** Lint runs started per KB folder: only the newest one's findings are shown. */
  private readonly runs = new Map<string, number>();
  /** The lint running now for each KB folder; a newer edit cancels it. */
  private readonly running = new Map<string, LintRun>();

  constructor(private readonly bundledKb: vscode.Uri, private readonly workerFile: string, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (fileName(d.uri.path) === LINT_CONFIG_FILE) this.relintAll();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
        this.results.delete(d.uri.toString());
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('supportKb.kbPaths')) this.relintAll();
      }),
      vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, { provideTextDocumentContent: (uri) => this.compareTexts.get(uri.toString()) ?? '' }),
      vscode.commands.registerCommand(InternalCommands.compareArticles, (a: unknown, b: unknown) => this.compare(a, b)),
      vscode.commands.registerCommand(InternalCommands.trimTitle, (args: unknown) => this.trimTitle(args)),
    );
    this.relintAll();
  }

  /** Findings shown for a document (for tests and the quick fixes). */
  findings(uri: vscode.Uri): LintFinding[] {
    return this.results.get(uri.toString())?.findings ?? [];
  }

  /** Lints a KB document now (tests); resolves with its findings. */
  async lintNow(doc: vscode.TextDocument): Promise<LintFinding[]> {
    await this.lint(doc);
    // A newer run (an edit, a scheduled lint) may have replaced this one: wait for it to show its findings.
    for (let root = this.rootOf(doc.uri)?.toString(); root && this.running.has(root);) {
      await this.running.get(root)!.findings.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 0));
    }
    return this.findings(doc.uri);
  }

  private relintAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  /** The KB folder (or file) a document belongs to, if it is a KB file. */
  private rootOf(uri: vscode.Uri): vscode.Uri | undefined {
    if (uri.scheme !== 'file' || kbFileKind(fileName(uri.path)) === 'other') return undefined;
    const roots = [this.bundledKb, ...readConfig().kbUris];
    const inside = (root: vscode.Uri) => uri.toString() === root.toString() || uri.toString().startsWith(root.toString().replace(/\/?$/, '/'));
    return roots.find(inside);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!this.rootOf(doc.uri)) {
      // No longer a KB file (settings changed): its old findings go.
      if (this.results.delete(doc.uri.toString())) this.diagnostics.delete(doc.uri);
      return;
    }
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.lint(doc).catch((e) => this.log.error(vscode.l10n.t('KB lint failed for {0}: {1}', doc.uri.fsPath, e instanceof Error ? e.message : String(e))));
    }, LINT_DEBOUNCE_MS));
  }

  private async lint(doc: vscode.TextDocument): Promise<void> {
    const root = this.rootOf(doc.uri);
    if (!root || doc.isClosed) return;
    const rootKey = root.toString();
    const run = (this.runs.get(rootKey) ?? 0) + 1;
    this.runs.set(rootKey, run);
    const version = doc.version;
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const inputs: KbFileInput[] = [];
    for (const uri of await listKbFiles(root)) {
      const openDoc = open.get(uri.toString());
      const text = openDoc ? openDoc.getText() : await readText(uri);
      if (text !== undefined) inputs.push({ file: uri.toString(), text });
    }
    if (!inputs.some((i) => i.file === doc.uri.toString())) inputs.push({ file: doc.uri.toString(), text: doc.getText() });
    const config = await this.readLintConfig(root);
    this.running.get(rootKey)?.cancel();
    const lintRun = lintInWorker(this.workerFile, inputs, { config, locale: uiLocale() });
    this.running.set(rootKey, lintRun);
    let findings: LintFinding[];
    try {
      findings = await lintRun.findings;
    } catch (e) {
      if (e instanceof LintCancelled) return;
      throw e;
    } finally {
      if (this.running.get(rootKey) === lintRun) this.running.delete(rootKey);
    }
    if (doc.isClosed || doc.version !== version || run !== this.runs.get(rootKey)) {
      if (!doc.isClosed && doc.version !== version) this.schedule(doc);
      return;
    }
    // Every open document of this KB folder gets its findings (an edit here can make a duplicate there).
    for (const d of vscode.workspace.textDocuments) {
      if (this.rootOf(d.uri)?.toString() !== rootKey) continue;
      const mine = findings.filter((f) => f.file === d.uri.toString());
      this.results.set(d.uri.toString(), { version: d.version, findings: mine });
      this.diagnostics.set(d.uri, mine.map((f) => toDiagnostic(d, f)));
    }
  }

  private async readLintConfig(root: vscode.Uri): Promise<LintConfig> {
    const folder = kbFileKind(fileName(root.path)) === 'other' ? root : vscode.Uri.joinPath(root, '..');
    const uri = vscode.Uri.joinPath(folder, LINT_CONFIG_FILE);
    const text = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText() ?? (await readText(uri));
    if (text === undefined) return DEFAULT_LINT_CONFIG;
    const { config, problems } = parseLintConfig(text);
    for (const p of problems) this.log.warn(`${uri.fsPath}: ${p}`);
    return config;
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.results.get(doc.uri.toString());
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== 'support-kb-lint') continue;
      const f = result.findings.find((x) => x.code === d.code && x.line - 1 === d.range.start.line);
      if (!f) continue;
      if (f.fix) {
        const a = new vscode.CodeAction(vscode.l10n.t('Trim «{0}» from the title…', f.fix.junk), vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.command = { command: InternalCommands.trimTitle, title: a.title, arguments: [{ uri: doc.uri.toString(), line: f.line, title: f.fix.title, newTitle: f.fix.newTitle, version: result.version }] };
        actions.push(a);
      }
      if (f.code === 'kb.duplicate.exact' || f.code === 'kb.duplicate.near' || f.code === 'kb.title.duplicate') {
        for (const r of f.related.slice(0, 5)) {
          const a = new vscode.CodeAction(vscode.l10n.t('Compare side by side with {0}:{1}', fileName(vscode.Uri.parse(r.file).path), r.line), vscode.CodeActionKind.QuickFix);
          a.diagnostics = [d];
          a.command = { command: InternalCommands.compareArticles, title: a.title, arguments: [{ file: doc.uri.toString(), line: f.line }, r] };
          actions.push(a);
        }
      }
    }
    return actions;
  }

  /** Opens two articles side by side in a read-only diff. */
  private async compare(a: unknown, b: unknown): Promise<void> {
    const left = await articleAt(a);
    const right = await articleAt(b);
    if (!left || !right) return;
    const put = (x: { uri: vscode.Uri; line: number; text: string; title: string }, side: string) => {
      const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${side}/${fileName(x.uri.path)}:${x.line}.md`, query: String(Date.now()) });
      this.compareTexts.set(uri.toString(), x.text);
      return uri;
    };
    await vscode.commands.executeCommand('vscode.diff', put(left, 'a'), put(right, 'b'), `${left.title} ↔ ${right.title}`, { preview: true });
  }

  /** Replaces a heading's title after the maintainer confirms; the file is left unsaved for them to review. */
  private async trimTitle(args: unknown): Promise<boolean> {
    const a = args as { uri?: unknown; line?: unknown; title?: unknown; newTitle?: unknown };
    if (typeof a?.uri !== 'string' || typeof a.line !== 'number' || typeof a.title !== 'string' || typeof a.newTitle !== 'string') return false;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(a.uri));
    const line = doc.lineAt(Math.min(doc.lineCount - 1, Math.max(0, a.line - 1)));
    const at = line.text.lastIndexOf(a.title);
    if (at < 0 || !/^#{1,6}\s/.test(line.text)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Support KB: the heading has changed since the check; nothing was changed.'));
      return false;
    }
    const trim = vscode.l10n.t('Trim');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Change the title to «{0}»?', a.newTitle),
      { modal: true, detail: vscode.l10n.t('Line {0} of {1}. The file is not saved: review the change and save it yourself.', a.line, fileName(doc.uri.path)) },
      trim,
    );
    if (choice !== trim) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(line.lineNumber, at, line.lineNumber, at + a.title.length), a.newTitle);
    return vscode.workspace.applyEdit(edit);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const r of this.running.values()) r.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

function toDiagnostic(doc: vscode.TextDocument, f: LintFinding): vscode.Diagnostic {
  const lineIndex = Math.min(doc.lineCount - 1, Math.max(0, f.line - 1));
  const line = doc.lineAt(lineIndex);
  const range = f.column
    ? new vscode.Range(lineIndex, Math.min(f.column - 1, line.text.length), lineIndex, Math.min((f.endColumn ?? f.column) - 1, line.text.length))
    : new vscode.Range(lineIndex, line.firstNonWhitespaceCharacterIndex, lineIndex, line.text.length);
  const severity = f.severity === 'error' ? vscode.DiagnosticSeverity.Error : f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(range, f.message, severity);
  d.source = 'support-kb-lint';
  d.code = f.code;
  const duplicate = f.code.startsWith('kb.duplicate') || f.code === 'kb.title.duplicate';
  d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(
    new vscode.Location(vscode.Uri.parse(r.file), new vscode.Position(Math.max(0, r.line - 1), 0)),
    duplicate ? vscode.l10n.t('the other article') : vscode.l10n.t('written this way here'),
  ));
  return d;
}

/** The article (heading and text up to the next heading) at a location, from the editor's text if open. */
async function articleAt(x: unknown): Promise<{ uri: vscode.Uri; line: number; text: string; title: string } | undefined> {
  const loc = x as { file?: unknown; line?: unknown };
  if (typeof loc?.file !== 'string' || typeof loc.line !== 'number') return undefined;
  const uri = vscode.Uri.parse(loc.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const start = Math.max(0, loc.line - 1);
  let end = start + 1;
  while (end < doc.lineCount && !/^#{1,6}\s/.test(doc.lineAt(end).text)) end++;
  const lines: string[] = [];
  for (let i = start; i < end; i++) lines.push(doc.lineAt(i).text);
  return { uri, line: loc.line, text: lines.join('\n').trimEnd() + '\n', title: doc.lineAt(start).text.replace(/^#+\s*/, '') };
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * KB files under a folder (the KB's own walk: sorted, every folder once however links lead to it,
 * at most MAX_KB_DEPTH deep), or the file itself. What cannot be read is the KB's to report, not the lint's.
 */
async function listKbFiles(root: vscode.Uri): Promise<vscode.Uri[]> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(root);
  } catch {
    return [];
  }
  if (!(stat.type & vscode.FileType.Directory)) return [root];
  return (await walkKbFolder(WORKSPACE_FS, root)).filter((x): x is vscode.Uri => x instanceof vscode.Uri);
}
