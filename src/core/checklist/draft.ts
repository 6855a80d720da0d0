import { queryStems, tokenize } from '../search/analyze';

/** A word of the draft with its stem, for phrase matching. */
export interface Word {
  text: string;
  stem: string;
  start: number;
  end: number;
}

export function wordsOf(text: string, from = 0, to = text.length): Word[] {
  return tokenize(text.slice(from, to)).map((t) => ({ text: t.text, stem: queryStems(t.text)[0]!, start: t.start + from, end: t.end + from }));
}

/** Lines that start quoted customer text below a reply; everything from there on is not the agent's. */
const QUOTE_START = /^(>|-{2,}\s*(original message|исходное сообщение|пересылаемое сообщение)|-{5,}|(от|from|sent|отправлено|кому|to):\s|.{0,80}\d{1,2}[./]\d{1,2}[./]\d{2,4}.{0,60}(пишет|написал|написала|wrote):?\s*$)/iu;

/** Where the agent's own reply ends (quoted customer text below it is left out of every check). */
export function replyEnd(text: string): number {
  let offset = 0;
  for (const line of text.split('\n')) {
    if (QUOTE_START.test(line.trim()) && offset > 0) return offset;
    offset += line.length + 1;
  }
  return text.length;
}

/** Words that ask the customer for something. */
const REQUEST = new RegExp(
  [
    'укажите', 'пришлите', 'присылайте', 'направьте', 'сообщите', 'предоставьте', 'приложите', 'отправьте', 'вышлите', 'напишите', 'подскажите', 'уточните',
    '(просим|прошу|просьба)\\s+(вас\\s+)?(указать|предоставить|прислать|направить|сообщить|отправить|приложить|выслать|написать|уточнить)',
    '(необходимо|нужно|требуется|потребуется)\\s+(будет\\s+)?(указать|предоставить|прислать|направить|сообщить|отправить|приложить|выслать)',
    'нужн\\p{L}*\\s+следующ', 'следующ\\p{L}*\\s+(информаци|данны|сведени)\\p{L}*',
    // Replies in English
    'please\\s+(send|provide|specify|attach|include|tell\\s+us|let\\s+us\\s+know)', 'the\\s+following\\s+(information|details|data)',
  ].join('|'),
  'giu',
);
const LIST_LINE = /^\s*([-–—•*]|\d{1,2}[.)])\s+/;

/** One request to the customer: its sentence, and the list that follows it, if any. */
export interface Request {
  start: number;
  /** End of the request sentence (its final punctuation included). */
  sentenceEnd: number;
  /** End of the sentence or of the list below it. */
  end: number;
  /** The bullet the list uses ("- ", "• ", "1. "), when the request has one. */
  bullet?: string;
  listCount: number;
}

/** Requests for information in the agent's reply (`[0, end)`), in order, not overlapping. */
export function findRequests(text: string, end = replyEnd(text)): Request[] {
  const reply = text.slice(0, end);
  const out: Request[] = [];
  for (const m of reply.matchAll(REQUEST)) {
    const at = m.index!;
    if (out.some((r) => at >= r.start && at < r.end)) continue;
    const before = reply.slice(0, at);
    const start = Math.max(before.search(/[^.!?\n]*$/), 0);
    const rest = reply.slice(at);
    // A colon ends the request only when a list follows on the next lines.
    const stop = rest.search(/[.!?](\s|$)|:[ \t]*\n|\n/);
    const sentenceEnd = stop < 0 ? reply.length : at + stop + (/[.!?:]/.test(rest[stop]!) ? 1 : 0);
    let regionEnd = sentenceEnd;
    let bullet: string | undefined;
    let listCount = 0;
    // A request ending with ":" (or followed directly by list lines) owns the list below it.
    let lineStart = reply.indexOf('\n', sentenceEnd);
    while (lineStart >= 0) {
      const lineEnd = reply.indexOf('\n', lineStart + 1);
      const line = reply.slice(lineStart + 1, lineEnd < 0 ? reply.length : lineEnd);
      const li = LIST_LINE.exec(line);
      if (!li) break;
      bullet = li[0].replace(/^\s+/, '');
      listCount++;
      regionEnd = lineEnd < 0 ? reply.length : lineEnd;
      lineStart = lineEnd;
    }
    out.push({ start, sentenceEnd, end: regionEnd, ...(bullet ? { bullet } : {}), listCount });
  }
  return out;
}

function editDistanceAtMost1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Same word for a checklist: same stem, a longer form of the phrase's word, or one typo in a long word. */
function sameWord(a: Word, stem: string): boolean {
  if (a.stem === stem || a.text === stem) return true;
  // A longer form of the phrase's word (фото → фотографию), not the other way round (дилерский ≠ дилеру).
  if (stem.length >= 4 && a.stem.startsWith(stem)) return true;
  // One typo, only in long words: in short ones it turns one word into another (модем/модель).
  return stem.length >= 6 && a.stem.length >= 6 && editDistanceAtMost1(a.stem, stem);
}

/** Stems of a phrase's words. */
export function phraseStems(phrase: string): string[] {
  return wordsOf(phrase).map((w) => w.stem);
}

/** Where the phrase stands among the words (its words in order, at most two other words between), or -1. */
export function findPhrase(words: readonly Word[], stems: readonly string[]): number {
  if (!stems.length) return -1;
  for (let i = 0; i < words.length; i++) {
    if (!sameWord(words[i]!, stems[0]!)) continue;
    let at = i;
    let ok = true;
    for (let k = 1; k < stems.length && ok; k++) {
      ok = false;
      for (let j = at + 1; j <= at + 3 && j < words.length; j++) {
        if (sameWord(words[j]!, stems[k]!)) {
          at = j;
          ok = true;
          break;
        }
      }
    }
    if (ok) return i;
  }
  return -1;
}
