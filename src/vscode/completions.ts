import vscode = require('vscode');
import { answerSnippet, partsForDraft, placeAnswer } from '../core/answers/answerSnippet';
import { articlePlace } from '../core/kb/place';
import { triggerSpellings } from '../core/search/layout';
import { latinToCyrillic } from '../core/text/translit';
import { snippet } from '../core/search/snippet';
import { readConfig } from './config';
import { isCustomerMail, isDraft } from './draftDocuments';
import type { KbService } from './kbService';
import { InternalCommands } from './commands';
import { COMPLETION_USED_COMMAND, searchActivity } from './searchEvents';

/**
 * KB answers offered while drafting: after the trigger (`kb:` by default) the words typed so far are
 * searched and each answer comes as a snippet (greeting, answer, signature). Nothing is offered
 * outside drafts or without the trigger.
 */
/**
 * The characters that open completions: the last one of each spelling of the trigger (`kb:`, `кб:`,
 * and `лиЖ`, kb: typed in the Russian layout), and `:` for the default trigger set in the other one.
 */
export function completionTriggerCharacters(trigger: string): string[] {
  return [...new Set([':', ...triggerSpellings(trigger, latinToCyrillic).map((s) => s.text.slice(-1)).filter(Boolean)])];
}

export class AnswerCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly kb: KbService) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const config = readConfig();
    const before = doc.lineAt(position.line).text.slice(0, position.character);
    // `kb:`, also typed as `кб:` or with the Russian layout on (`лиЖ`).
    const lower = before.toLowerCase();
    let at = -1;
    let triggerLength = 0;
    for (const s of triggerSpellings(config.completionTrigger, latinToCyrillic)) {
      const i = s.exact ? before.lastIndexOf(s.text) : lower.lastIndexOf(s.text.toLowerCase());
      if (i > at) [at, triggerLength] = [i, s.text.length];
    }
    // Never into the customer's e-mail: answers go into replies only.
    if (at < 0 || !isDraft(doc, config) || isCustomerMail(doc)) return undefined;
    const typed = before.slice(at);
    const query = typed.slice(triggerLength);
    const range = new vscode.Range(position.line, at, position.line, position.character);
    // VS Code asks an incomplete list again as the agent types only while it has items: with none,
    // `kb:` and the first letters would end the session and the first word would list nothing.
    const keepTyping = () => new vscode.CompletionList([keepTypingItem(typed, range, query)], true);
    if (!query.trim()) return keepTyping();
    let index;
    try {
      index = await this.kb.getIndex();
    } catch {
      return undefined;
    }
    if (token.isCancellationRequested) return undefined;
    const text = doc.getText();
    const parts = partsForDraft(text, config.reply);
    // `kb:` typed at the end of the draft, under the signature: the answer goes into the reply's body
    // above the signature, which a completion cannot do by itself (it edits only at the cursor), so
    // the item leaves the typed words as they are and its command does the whole insertion.
    const triggerStart = doc.offsetAt(range.start);
    const aboveSignature = placeAnswer(text.slice(0, triggerStart) + text.slice(doc.offsetAt(range.end)), triggerStart).aboveSignature;
    const items = index.search(query, { limit: 15 }).map((hit, i) => {
      const a = hit.article;
      const item = new vscode.CompletionItem({ label: a.title, description: articlePlace(a) }, vscode.CompletionItemKind.Snippet);
      item.range = range;
      // VS Code filters by what was typed; our ranking already decided, so every item matches it.
      item.filterText = typed;
      item.sortText = String(i).padStart(3, '0');
      item.detail = snippet(a.body, hit.highlights.body, 80);
      item.documentation = new vscode.MarkdownString().appendText(a.body);
      if (aboveSignature) {
        item.insertText = typed;
        const args: CompletionAboveSignature = { uri: doc.uri.toString(), start: triggerStart, typed, snippet: answerSnippet(a.body, parts), article: { id: a.id, title: a.title } };
        item.command = { command: InternalCommands.insertCompletionAboveSignature, title: '', arguments: [args] };
      } else {
        item.insertText = new vscode.SnippetString(answerSnippet(a.body, parts));
        item.command = { command: COMPLETION_USED_COMMAND, title: '', arguments: [{ id: a.id, title: a.title }] };
      }
      return item;
    });
    searchActivity.searched('completion', query, items.length);
    // Incomplete: the list is asked for again as the agent types more words.
    return items.length ? new vscode.CompletionList(items, true) : keepTyping();
  }
}

/** An inert entry (accepting it leaves the text as typed) that says answers come as the agent types. */
function keepTypingItem(typed: string, range: vscode.Range, query: string): vscode.CompletionItem {
  const label = query.trim()
    ? vscode.l10n.t('Support KB: no answer for «{0}» yet, keep typing', query.trim())
    : vscode.l10n.t('Support KB: type a few words to find an answer');
  const item = new vscode.CompletionItem(label, vscode.CompletionItemKind.Text);
  item.range = range;
  item.filterText = typed;
  item.insertText = typed;
  item.sortText = '999';
  return item;
}

/** What a `kb:` completion accepted in or below the signature hands to its command. */
interface CompletionAboveSignature {
  uri: string;
  /** Where the typed `kb:` words start, and the words themselves (the completion left them as typed). */
  start: number;
  typed: string;
  /** The answer as a snippet (greeting and signature as the draft needs them). */
  snippet: string;
  article: { id: string; title: string };
}

/**
 * The command of a `kb:` completion accepted in or below the signature: takes out the typed `kb:`
 * words and puts the answer into the reply's body above the signature, as one undo step (undo
 * brings back the words as typed), with the cursor in the answer. Only the document the completion
 * was made in is edited, and only if the typed words are still where they were.
 */
export async function insertCompletionAboveSignature(args: CompletionAboveSignature): Promise<boolean> {
  const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find((e) => e?.document.uri.toString() === args?.uri);
  if (!editor || typeof args.typed !== 'string' || typeof args.snippet !== 'string') return false;
  const doc = editor.document;
  const text = doc.getText();
  if (text.slice(args.start, args.start + args.typed.length) !== args.typed) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Support KB: the draft changed before the answer went in; nothing was changed. Type kb: again.'));
    return false;
  }
  const place = placeAnswer(text.slice(0, args.start) + text.slice(args.start + args.typed.length), args.start);
  const typed = new vscode.Range(doc.positionAt(args.start), doc.positionAt(args.start + args.typed.length));
  // Two edits, one undo step: no undo stop between them.
  if (!(await editor.edit((b) => b.delete(typed), { undoStopBefore: true, undoStopAfter: false }))) return false;
  // The place was found in the text without the typed words, which is the document now.
  const at = new vscode.Range(doc.positionAt(place.start), doc.positionAt(place.end));
  const ok = await editor.insertSnippet(new vscode.SnippetString(place.before + args.snippet + place.after), at, { undoStopBefore: false, undoStopAfter: true });
  if (!ok) return false;
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  searchActivity.used('completion', args.article, 'insert');
  return true;
}
