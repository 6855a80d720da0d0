import vscode = require('vscode');
import { answerSnippet, partsForDraft } from '../core/answers/answerSnippet';
import { articlePlace } from '../core/kb/place';
import { triggerSpellings } from '../core/search/layout';
import { latinToCyrillic } from '../core/text/translit';
import { snippet } from '../core/search/snippet';
import { readConfig } from './config';
import { isCustomerMail, isDraft } from './draftDocuments';
import type { KbService } from './kbService';
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
    const parts = partsForDraft(doc.getText(), config.reply);
    const items = index.search(query, { limit: 15 }).map((hit, i) => {
      const a = hit.article;
      const item = new vscode.CompletionItem({ label: a.title, description: articlePlace(a) }, vscode.CompletionItemKind.Snippet);
      item.range = range;
      // VS Code filters by what was typed; our ranking already decided, so every item matches it.
      item.filterText = typed;
      item.sortText = String(i).padStart(3, '0');
      item.insertText = new vscode.SnippetString(answerSnippet(a.body, parts));
      item.detail = snippet(a.body, hit.highlights.body, 80);
      item.documentation = new vscode.MarkdownString().appendText(a.body);
      item.command = { command: COMPLETION_USED_COMMAND, title: '', arguments: [{ id: a.id, title: a.title }] };
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
