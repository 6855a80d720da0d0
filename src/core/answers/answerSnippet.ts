/**
 * A KB answer as a VS Code snippet for a reply draft: an optional greeting with a tabstop for the
 * customer's name, the answer word for word, an optional signature.
 *
 * The KB text is data, so snippet syntax in it (`$`, `}`, `\`) is escaped; greeting and signature
 * come from settings and may use snippet syntax (`${1:имя}`).
 * @example
 * answerSnippet('Сбросьте пароль.', { greeting: 'Здравствуйте, ${1:имя}!', signature: 'С уважением,\nПоддержка Kia' })
 * // 'Здравствуйте, ${1:имя}!\n\nСбросьте пароль.\n\nС уважением,\nПоддержка Kia$0'
 */
export interface ReplyParts {
  /** Snippet text of the greeting, or '' for none. */
  greeting: string;
  /** Snippet text of the signature, or '' for none. */
  signature: string;
}

export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

export function answerSnippet(body: string, parts: ReplyParts): string {
  const blocks = [parts.greeting.trim(), escapeSnippetText(body), parts.signature.trim()].filter(Boolean);
  return `${blocks.join('\n\n')}$0`;
}

// Sticky, tried once per line start: a multiline `^\s*…` re-scanned every run of blank lines from
// each of its lines (quadratic on a draft of many blank lines).
const GREETING = /(здравствуйте|добрый\s+(день|вечер|утро)|доброе\s+утро|приветствуем|hej|goddag|hello|dear)(?!\p{L})/iuy;
const SIGNATURE = /(с уважением|best regards|kind regards|med venlig hilsen|venlig hilsen)(?!\p{L})/iuy;

/** Does some line of `text`, after its leading spaces, start with `phrase`? One pass over the text. */
function someLineStartsWith(text: string, phrase: RegExp): boolean {
  return lineStartingWith(text, phrase) >= 0;
}

/** Offset of the first line of `text` that starts (after its leading spaces) with `phrase`, or -1. */
function lineStartingWith(text: string, phrase: RegExp): number {
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) {
      lineStart = true;
      continue;
    }
    if (!lineStart || isBlankInLine(c)) continue;
    lineStart = false;
    phrase.lastIndex = i;
    if (phrase.test(text)) return i;
  }
  return -1;
}

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * Where a further answer goes in a reply that already has one: after the last text above the
 * signature (or at the end, unsigned), as a paragraph of its own. Used when the selection is only
 * an unfilled placeholder of the answer inserted before, which must not be replaced.
 */
export function nextAnswerOffset(draft: string): number {
  const signature = lineStartingWith(draft, SIGNATURE);
  let end = signature >= 0 ? signature : draft.length;
  while (end > 0 && (isLineBreak(draft.charCodeAt(end - 1)) || isBlankInLine(draft.charCodeAt(end - 1)))) end--;
  return end;
}

/** Is `selected` just the default text of one of the greeting's or signature's placeholders ("имя клиента")? */
export function isPlaceholderDefault(selected: string, parts: ReplyParts): boolean {
  const text = selected.trim();
  if (!text) return false;
  return replyPlaceholderLines(parts).some((line) => line.defaults.some((d) => d.text.trim() === text));
}

/** White space that does not end a line. */
function isBlankInLine(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x202f || c === 0x205f || c === 0x1680;
}

/**
 * Which parts a draft still lacks: a reply that already greets the customer or is already signed
 * gets the answer alone, so inserting never doubles them.
 */
export function partsForDraft(draft: string, parts: ReplyParts): ReplyParts {
  return {
    greeting: someLineStartsWith(draft, GREETING) ? '' : parts.greeting,
    signature: someLineStartsWith(draft, SIGNATURE) ? '' : parts.signature,
  };
}

/** The greeting and signature the extension inserts unless settings say otherwise (package.json keeps the same). */
export const DEFAULT_REPLY_PARTS: ReplyParts = {
  greeting: 'Здравствуйте, ${1:имя клиента}!',
  signature: 'С уважением,\n${2:ваше имя}\nСлужба поддержки Kia',
};

/** A line of a greeting or signature as inserted, with where its placeholder default texts sit. */
export interface PlaceholderLine {
  /** The line as it reads after insertion with nothing filled in, trimmed. */
  text: string;
  /** Each `${n:default}`'s default text and its offset in `text`. */
  defaults: { text: string; at: number }[];
}

// `${1:имя}` (its default), `${1}` / `$1` (empty), `\$` `\}` `\\` (the character itself).
const SNIPPET_PART = /\$\{\d+:([^{}$\\\n]*)\}|\$\{\d+\}|\$\d+|\\([\\$}])/g;

/**
 * The lines of a greeting/signature snippet that hold placeholders with default text, as an agent
 * sees them when the placeholders are left unfilled (`Здравствуйте, имя клиента!`, `ваше имя`): the
 * draft check flags those lines. Derived from the same setting text that `answerSnippet` inserts.
 */
export function replyPlaceholderLines(parts: ReplyParts): PlaceholderLine[] {
  return [...placeholderLines(parts.greeting), ...placeholderLines(parts.signature)];
}

/** The placeholder lines of one greeting or signature snippet (see {@link replyPlaceholderLines}). */
export function placeholderLines(snippet: string): PlaceholderLine[] {
  const out: PlaceholderLine[] = [];
  for (const line of snippet.split('\n')) {
    let text = '';
    let last = 0;
    const defaults: PlaceholderLine['defaults'] = [];
    for (const m of line.matchAll(SNIPPET_PART)) {
      text += line.slice(last, m.index);
      last = m.index! + m[0].length;
      if (m[1]) defaults.push({ text: m[1], at: text.length });
      text += m[1] ?? m[2] ?? '';
    }
    text += line.slice(last);
    const lead = text.length - text.trimStart().length;
    const trimmed = text.trim();
    const kept = defaults.filter((d) => d.text.trim()).map((d) => ({ text: d.text, at: d.at - lead }));
    if (kept.length && trimmed) out.push({ text: trimmed, defaults: kept });
  }
  return out;
}

/**
 * What to put before an answer inserted at the end of a line of text (after an earlier answer, or
 * after "Ответ на ваш вопрос:"): a blank line, so that it starts a paragraph of its own instead of
 * being glued to the text. Inserted on an empty line or inside a line, nothing.
 */
export function breakBeforeAnswer(lineBeforeCursor: string, restOfLine: string): string {
  return lineBeforeCursor.trim() && !restOfLine.trim() ? '\n\n' : '';
}

/**
 * What to add after an answer inserted on an empty line so that it keeps a blank line before the
 * text below it (an answer put just above "С уважением," must not touch the signature): a line break
 * when the rest of the cursor's line is blank and the next line has text, else nothing.
 */
export function breakBeforeNextLine(restOfLine: string, nextLine: string | undefined): string {
  return !restOfLine.trim() && nextLine !== undefined && nextLine.trim() ? '\n' : '';
}
