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

/** Where an answer goes in a draft, and the line breaks that make it a paragraph of its own. */
export interface AnswerPlace {
  /** The range the answer replaces: the agent's selection, or an empty range where it goes. */
  start: number;
  end: number;
  /** Line breaks before and after the answer, so that it is glued neither to the text above nor to the text below. */
  before: string;
  after: string;
  /** The cursor was in the signature or below it at the end of the draft: the answer goes above the signature instead. */
  aboveSignature: boolean;
}

/**
 * Where an answer inserted at the agent's cursor or selection (`start`..`end`) goes. A cursor in the
 * signature block ("С уважением," and the lines under it) or anywhere below it with nothing but white
 * space after it (the very end of the draft) would put the answer under the signature: it goes into
 * the reply's body instead, after the last text above the signature. Anywhere else the answer goes
 * where the agent put it. Either way it becomes a paragraph of its own: a blank line between it and
 * text above or below, never a change to the agent's own text. One pass over the draft at most.
 * The signature is the first line that opens with a sign-off ("С уважением", "Best regards"…): the
 * reply is written above what it quotes, so a quoted e-mail or a second sign-off below stays below.
 * @example
 * const draft = 'Здравствуйте!\n\nС уважением,\nАнна\n';
 * placeAnswer(draft, draft.length)
 * // { start: 13, end: 13, before: '\n\n', after: '', aboveSignature: true }: 'Здравствуйте!\n\n<answer>\n\nС уважением,…'
 */
export function placeAnswer(draft: string, start: number, end = start): AnswerPlace {
  if (start === end && inOrBelowSignature(draft, start)) {
    const at = nextAnswerOffset(draft);
    return { ...paragraphBreaks(draft, at, at), aboveSignature: true };
  }
  return { ...paragraphBreaks(draft, start, end), aboveSignature: false };
}

/** Is `cursor` inside the signature block, or below it with only white space to the end of the draft? */
function inOrBelowSignature(draft: string, cursor: number): boolean {
  const signature = lineStartingWith(draft, SIGNATURE);
  if (signature < 0 || cursor <= signature) return false;
  // The block: the signature's line and the lines right under it, up to a blank line.
  let blockEnd = lineEnd(draft, signature);
  while (blockEnd < draft.length) {
    const next = nextLineStart(draft, blockEnd);
    const end = lineEnd(draft, next);
    if (isBlank(draft, next, end)) break;
    blockEnd = end;
  }
  return cursor <= blockEnd || isBlank(draft, cursor, draft.length);
}

/** The breaks that make an answer put over `start`..`end` a paragraph of its own (see {@link placeAnswer}). */
function paragraphBreaks(draft: string, start: number, end: number): Omit<AnswerPlace, 'aboveSignature'> {
  const from = lineStart(draft, start);
  const to = lineEnd(draft, end);
  const textBefore = !isBlank(draft, from, start);
  const textAfter = !isBlank(draft, end, to);
  const lineAboveHasText = from > 0 && !isBlank(draft, lineStart(draft, previousLineEnd(draft, from)), from);
  const lineBelowHasText = to < draft.length && !isBlank(draft, to, lineEnd(draft, nextLineStart(draft, to)));
  // Inside a line of text the answer goes exactly where the agent put it.
  if (textBefore && textAfter) return { start, end, before: '', after: '' };
  // After text on its line (an earlier answer, "Ответ на ваш вопрос:") a new paragraph; on an empty
  // line a blank line to the text right above it, if any.
  const before = textBefore ? '\n\n' : lineAboveHasText ? '\n' : '';
  // Before text on its line (the signature's first line) or right below it: a blank line to it.
  const after = textAfter ? '\n\n' : lineBelowHasText ? '\n' : '';
  return { start, end, before, after };
}

function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

function lineEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

/** The end of the line before the one starting at `start` (> 0): before its line break, CRLF or not. */
function previousLineEnd(text: string, start: number): number {
  return text.charCodeAt(start - 1) === 0x0a && text.charCodeAt(start - 2) === 0x0d ? start - 2 : start - 1;
}

/** The start of the line after the line break at `end` (a CRLF is one break). */
function nextLineStart(text: string, end: number): number {
  return text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
}

/** Is `text[from..to)` only white space (line breaks included)? */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isBlankInLine(c) && !isLineBreak(c)) return false;
  }
  return true;
}
