import vscode = require('vscode');
import type { KbProblem } from '../core/kb/types';
import { Commands } from './commands';
import { uiLocale } from './config';
import { searchCore } from './lazyParts';
import type { KbService } from './kbService';

/** At most this many notifications for one reload; the rest are in the Problems panel. */
const MAX_NOTIFICATIONS = 3;

/**
 * KB file problems where the person who edits the KB looks: the Problems panel, on the file and
 * line at fault (with the problem's code), and one notification for each problem that is new
 * since the last load, so a broken file is not only a status-bar colour.
 */
export class KbProblems implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('support-kb-kb');
  private readonly subscription: vscode.Disposable;
  /** Problems already told about (file, code, message): a reload that still has them says nothing. */
  private told = new Set<string>();

  constructor(kb: KbService) {
    this.subscription = kb.onDidChangeState((state) => {
      if (state.kind === 'ready') this.show(state.problems);
    });
    if (kb.state.kind === 'ready') this.show(kb.state.problems);
  }

  private show(problems: readonly KbProblem[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const locale = uiLocale();
    // Problems come from a KB load, so the search core (with the message tables) is loaded already.
    const { renderKbProblem } = searchCore();
    for (const p of problems) {
      const line = Math.max(0, p.line - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), renderKbProblem(p, locale), p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'support-kb';
      d.code = p.code;
      const list = byFile.get(p.file) ?? [];
      list.push(d);
      byFile.set(p.file, list);
    }
    this.diagnostics.clear();
    for (const [file, list] of byFile) this.diagnostics.set(toUri(file), list);

    const now = new Set(problems.map(key));
    const fresh = problems.filter((p) => !this.told.has(key(p)));
    // A problem that was fixed and comes back is new again.
    this.told = now;
    fresh.slice(0, MAX_NOTIFICATIONS).forEach((p) => void this.notify(p));
    if (fresh.length > MAX_NOTIFICATIONS) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Support KB: {0} more problems in KB files; see the Problems panel.', fresh.length - MAX_NOTIFICATIONS));
    }
  }

  private async notify(p: KbProblem): Promise<void> {
    const uri = toUri(p.file);
    const where = `${vscode.workspace.asRelativePath(uri)}${p.line ? `:${p.line}` : ''}`;
    // The notification is short: what kind of problem and where; the Problems panel has the whole message.
    const text = vscode.l10n.t('Support KB: a problem in the KB file {0}: {1}', where, describe(p.code));
    const open = vscode.l10n.t('Open the File');
    const show = p.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const choice = await show(text, open, vscode.l10n.t('Show Log'));
    if (choice === open) {
      const position = new vscode.Position(Math.max(0, p.line - 1), 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
    } else if (choice) {
      await vscode.commands.executeCommand(Commands.showLog);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.diagnostics.dispose();
  }
}

/** What a KB problem code means, in the UI language. */
function describe(code: string): string {
  switch (code) {
    case 'kb.front-matter.invalid':
      return vscode.l10n.t('the front matter at the top of the file is not closed with "---" or has a line that is not "key: value"');
    case 'kb.front-matter.lang':
      return vscode.l10n.t('the front matter names a language the KB does not know (use ru, da or en)');
    case 'kb.file.no-articles':
      return vscode.l10n.t('the file has no "##" headings, so it adds no articles');
    case 'kb.heading.empty':
      return vscode.l10n.t('a heading has no title');
    case 'kb.fence.unclosed':
      return vscode.l10n.t('a code block (```) is never closed');
    case 'kb.file.binary':
    case 'kb.file.encoding':
      return vscode.l10n.t('the file is not UTF-8 text');
    case 'kb.file.too-large':
      return vscode.l10n.t('the file is too large; split it into several files');
    case 'kb.file.unreadable':
      return vscode.l10n.t('the file cannot be read');
    case 'kb.aliases.json':
    case 'kb.aliases.shape':
    case 'kb.checklists.invalid':
    case 'kb.categories.json':
    case 'kb.categories.shape':
      return vscode.l10n.t('the file does not match its schema, so it is not used until it is fixed');
    default:
      return vscode.l10n.t('{0}, see the Problems panel', code);
  }
}

const key = (p: KbProblem) => `${p.file}\u0000${p.code}\u0000${p.message}`;

/** KB problems name files as the loader gave them: URIs from the extension, paths from the CLI. */
function toUri(file: string): vscode.Uri {
  return /^[a-z][\w+.-]*:\//i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}
