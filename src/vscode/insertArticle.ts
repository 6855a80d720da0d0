import vscode = require('vscode');
import { answerSnippet, isPlaceholderDefault, nextAnswerOffset, partsForDraft, placeAnswer } from '../core/answers/answerSnippet';
import type { Article } from '../core/kb/types';
import { isCustomerMail, isDraft } from './draftDocuments';
import { readConfig } from './config';

/** Schemes of documents an agent writes replies in; everything else (git, output, previews…) is read-only to us. */
const WRITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata']);
/** Documents the agent worked in, most recent first, kept to find the last reply among them. */
const RECENT = 10;

interface DraftPlace {
  doc: vscode.TextDocument;
  viewColumn: vscode.ViewColumn | undefined;
  selections: readonly vscode.Selection[];
}

/**
 * Where an answer goes: the reply draft the agent last worked in. The sidebar and the palette take
 * the focus, and the agent may have clicked into the customer's e-mail to select their question,
 * so the target is tracked, not taken from the active editor. A draft is a writable document of a
 * draft language (or the draft glob) that is neither an incoming customer e-mail nor a KB file.
 * Text selected only to search for it (Search for Selection) is never replaced. With no draft, a
 * new untitled reply opens beside the e-mail and gets the answer.
 */
export class ReplyDrafts implements vscode.Disposable {
  private recent: DraftPlace[] = [];
  private searchSource: { uri: string; selections: readonly vscode.Selection[] } | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly bundledKb: vscode.Uri) {
    // Cheap on every cursor move: whether a document is the customer's e-mail is decided when inserting.
    const remember = (editor: vscode.TextEditor | undefined, selections?: readonly vscode.Selection[]) => {
      if (!editor || !this.mayBeReply(editor.document)) return;
      const place = { doc: editor.document, viewColumn: editor.viewColumn, selections: selections ?? editor.selections };
      this.recent = [place, ...this.recent.filter((p) => p.doc !== editor.document)].slice(0, RECENT);
    };
    remember(vscode.window.activeTextEditor);
    this.disposables = [
      vscode.window.onDidChangeActiveTextEditor((e) => remember(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) remember(e.textEditor, e.selections);
      }),
    ];
  }

  /** Is `doc` a reply the agent writes, and so a place where answers may be inserted? */
  isReplyDraft(doc: vscode.TextDocument): boolean {
    return this.mayBeReply(doc) && !isCustomerMail(doc);
  }

  /** A writable draft-language document that is not a KB file (it may still be the customer's e-mail). */
  private mayBeReply(doc: vscode.TextDocument): boolean {
    if (doc.isClosed || !WRITABLE_SCHEMES.has(doc.uri.scheme)) return false;
    if (doc.uri.scheme !== 'untitled' && vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false) return false;
    return isDraft(doc, readConfig()) && !this.isKbFile(doc.uri);
  }

  /** Remembers the text selected to search for it, so that inserting never replaces it. */
  rememberSearchSource(editor: vscode.TextEditor): void {
    this.searchSource = { uri: editor.document.uri.toString(), selections: editor.selections };
  }

  /** Puts an article's answer into the reply draft (see the class comment). */
  async insert(article: Article): Promise<'inserted' | 'failed'> {
    const target = this.target();
    let editor: vscode.TextEditor;
    let afterLine = false;
    if (target) {
      // Focus the draft (the sidebar may have the focus) so the agent can Tab through the placeholders.
      const shown = vscode.window.visibleTextEditors.find((e) => e.document === target.doc);
      editor = await vscode.window.showTextDocument(target.doc, { viewColumn: shown?.viewColumn ?? target.viewColumn, preserveFocus: false });
      const kept = this.withoutSearchSource(target.doc, [...target.selections]);
      editor.selections = kept.selections;
      afterLine = kept.afterLine;
      // The name slot of the answer inserted before, still selected because the agent went on to the
      // next answer without filling it in: not the agent's text, so not replaced. The new answer
      // becomes a paragraph after the previous one, above the signature.
      const only = editor.selections.length === 1 ? editor.selection : undefined;
      if (only && !only.isEmpty && isPlaceholderDefault(target.doc.getText(only), readConfig().reply)) {
        const at = target.doc.positionAt(nextAnswerOffset(target.doc.getText()));
        editor.selections = [new vscode.Selection(at, at)];
      }
    } else {
      editor = await this.newReplyBesideMail();
    }
    const doc = editor.document;
    const text = doc.getText();
    let snippet = answerSnippet(article.body, partsForDraft(text, readConfig().reply));
    if (afterLine) snippet = `\n${snippet}`;
    else if (editor.selections.length === 1) {
      // One cursor: a paragraph of its own, and never under the signature (see placeAnswer).
      const place = placeAnswer(text, doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end));
      editor.selection = new vscode.Selection(doc.positionAt(place.start), doc.positionAt(place.end));
      snippet = place.before + snippet + place.after;
    }
    // One undo step: the snippet is the only edit.
    const ok = await editor.insertSnippet(new vscode.SnippetString(snippet), editor.selections);
    if (!ok) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Support KB: could not insert the answer into {0}; the document was not changed.', editor.document.fileName));
      return 'failed';
    }
    // The answer may have gone above the signature, away from where the agent was looking.
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return 'inserted';
  }

  private target(): DraftPlace | undefined {
    const last = this.recent.find((p) => hasTab(p.doc.uri) && this.isReplyDraft(p.doc));
    if (last) return last;
    // A draft the workbench restored or opened without the agent ever focusing it.
    const visible = vscode.window.visibleTextEditors.find((e) => this.isReplyDraft(e.document));
    return visible && { doc: visible.document, viewColumn: visible.viewColumn, selections: visible.selections };
  }

  /**
   * Text the agent selected only to search for it is kept: the answer goes on a new line after the
   * selection's last line instead of over it.
   */
  private withoutSearchSource(doc: vscode.TextDocument, selections: vscode.Selection[]): { selections: vscode.Selection[]; afterLine: boolean } {
    const source = this.searchSource;
    const searched = (s: vscode.Selection) => !s.isEmpty && !!source && source.uri === doc.uri.toString() && source.selections.some((t) => t.isEqual(s));
    if (!selections.some(searched)) return { selections, afterLine: false };
    const last = selections.filter(searched).reduce((a, b) => (b.end.isAfter(a.end) ? b : a));
    const end = doc.lineAt(last.end.line).range.end;
    return { selections: [new vscode.Selection(end, end)], afterLine: true };
  }

  private async newReplyBesideMail(): Promise<vscode.TextEditor> {
    const mail = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find((e) => e && isCustomerMail(e.document));
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
    const viewColumn = mail?.viewColumn ? mail.viewColumn + 1 : vscode.ViewColumn.Beside;
    return vscode.window.showTextDocument(doc, { viewColumn, preserveFocus: false });
  }

  private isKbFile(uri: vscode.Uri): boolean {
    const roots = [this.bundledKb, ...readConfig().kbUris].map((u) => u.toString().replace(/\/+$/, ''));
    const here = uri.toString();
    return roots.some((root) => here === root || here.startsWith(`${root}/`));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Is the document open in an editor tab? (Its model may outlive the tab the agent closed.) */
function hasTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}
