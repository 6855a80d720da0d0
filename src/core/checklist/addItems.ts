import { wordsOf, type Word } from './draft';
import { weWill, type Request } from './request';
import type { ChecklistItem, TextEditSpec } from './types';

/**
 * The quick fix of `checklist.missing-items`: one edit that adds the missing items to the reply the
 * way it is written, changing nothing the agent typed but, in a list whose lines end with ";" and
 * the last with ".", that last "." (it becomes ";").
 * - A request that plainly asks (an imperative of sending, an infinitive after "нужно", a verbless
 *   "нам потребуются / нужны" list) gets the items: as more list lines, or at the end of its sentence.
 * - Questions, conditional sentences ("Если …, приложите …"), sentences that say something is not
 *   needed, sentences that end with a URL or an e-mail address or with a clause the items cannot
 *   continue ("опишите, на каком шаге …") are left as they are: the items go into a sentence of
 *   their own after the last request ("Также пришлите, пожалуйста: …" / "Please also send: …").
 * - After a verbless "нам потребуются / нужны" the items are named in the nominative, by their
 *   labels (the checklist's own names for them); elsewhere by their inserts (the accusative, as the
 *   object of "пришлите").
 * @param requests The requests the checklist was matched against, in order (at least one).
 * @example
 * addMissingItems('Пришлите VIN.', requests, [fullName], 'ru') // { start: 12, end: 12, newText: ', а также ФИО' }
 */
export function addMissingItems(text: string, requests: readonly Request[], items: readonly ChecklistItem[], lang: 'ru' | 'en'): TextEditSpec {
  for (let k = requests.length - 1; k >= 0; k--) {
    const edit = extendRequest(text, requests[k]!, items, lang);
    if (edit) return edit;
  }
  return sentenceOfItsOwn(text, requests[requests.length - 1]!, items.map((i) => i.insert[lang]), lang);
}

/** Words that make a clause conditional. */
const CONDITIONAL = new Set(['если', 'if', 'unless']);
const NEGATIONS = new Set(['не', 'нет', 'not', 'no', 'dont', 'don', 'never']);
/** Words that, negated, say something is not needed ("не нужно", "no need", "not required"). */
const NEEDED = new Set(['нужно', 'нужны', 'нужен', 'нужна', 'надо', 'требуется', 'требуются', 'обязательно', 'необходимо', 'необходимы', 'необходимости', 'need', 'needed', 'required', 'necessary']);
/** Verbless needs whose list is in the nominative ("нам потребуются: имя, дата …"). */
const NOMINAL_NEED = new Set(['нужно', 'нужны', 'нужен', 'нужна', 'необходимо', 'необходимы', 'необходим', 'необходима', 'потребуется', 'потребуются', 'понадобится', 'понадобятся', 'требуется', 'требуются', 'пригодится', 'пригодятся']);
/** Roots of the verbs of sending and giving, which take any item as their object ("пришлите фото", "укажите VIN"). */
const SEND_ROOTS = ['пришл', 'присл', 'присыл', 'вышл', 'высл', 'высыл', 'направ', 'отправ', 'предостав', 'прилож', 'приклад', 'прикреп', 'сообщ', 'укаж', 'указ', 'перешл', 'пересл', 'скин', 'продублир', 'дублир'];
const EN_SEND = new Set(['send', 'provide', 'include', 'attach', 'share', 'forward', 'upload', 'submit', 'resend', 'need', 'require', 'know']);
const EN_ASKING = new Set(['describe', 'explain', 'tell', 'us', 'know', 'confirm', 'specify', 'clarify', 'me']);
/** Words that open an indirect question ("опишите, на каком шаге …", "tell us what …"). */
const QUESTION_WORDS = new Set(['какой', 'какая', 'какое', 'какие', 'каком', 'какого', 'какую', 'каким', 'какими', 'почему', 'зачем', 'сколько', 'что', 'как', 'чем', 'чего', 'what', 'which', 'why', 'how', 'whether']);
/** Words that open an indirect question after a verb ("укажите, когда …") or a relative clause after a noun ("центр, где …"). */
const WHERE_WHEN = new Set(['когда', 'где', 'куда', 'откуда', 'when', 'where']);
/** "всё, что есть", "то, что видите": a relative "что". */
const DEMONSTRATIVES = new Set(['все', 'то', 'того', 'тем', 'том', 'everything', 'all', 'anything']);
const CONJUNCTIONS = new Set(['и', 'а', 'или', 'and', 'or']);
/** Words that open a clause about us or about why, after the request ("…, чтобы мы могли проверить", "— мы передадим …"). */
const OUR_CLAUSE = new Set(['мы', 'we', 'чтобы', 'чтоб', 'потому', 'поскольку', 'так', 'because', 'since', 'so', 'это', 'этого', 'this', 'тогда', 'then', 'спасибо', 'thanks', 'thank']);
const PREPOSITIONS = new Set(['в', 'во', 'на', 'с', 'со', 'к', 'ко', 'по', 'о', 'об', 'от', 'до', 'из', 'у', 'за', 'для', 'при', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'by']);

/** A verb form of sending or giving: imperative, infinitive or gerund, not a noun ("отправка", "указание"). */
function sendVerb(w: string): boolean {
  if (EN_SEND.has(w)) return true;
  if (!SEND_ROOTS.some((r) => w.startsWith(r))) return false;
  return /(ите|йте|ьте|ете|ть|ти|ав|ив|яв|ь)$/.test(w) || /^(пришли|вышли|перешли|укажи|сообщи|приложи|скинь)$/.test(w);
}
const isInfinitiveOrImperative = (w: string) => w.length > 4 && /(ть|ти|чь|ться|тись|ите|йте|ьте)$/.test(w);

interface SentenceFacts {
  conditional: boolean;
  /** Says something is not needed, or not to send it ("не нужно", "не присылайте"). */
  unnecessary: boolean;
  /** Asks by a verb of sending or giving, or by a verbless need. */
  sends: boolean;
  /** A verbless "нам потребуются / нужны": its items are in the nominative. */
  nominal: boolean;
}

function factsOf(words: readonly Word[]): SentenceFacts {
  const f: SentenceFacts = { conditional: false, unnecessary: false, sends: false, nominal: false };
  let need = -1;
  let verbAfterNeed = false;
  let sawNo = false;
  words.forEach((w, i) => {
    const t = w.text;
    const prev = words[i - 1]?.text ?? '';
    if (CONDITIONAL.has(t) || (t === 'случае' && prev === 'в') || (t === 'case' && prev === 'in')) f.conditional = true;
    // "не нужно", "не так уж нужно", "no photos are needed"; not "чтобы не ждать, нужны …".
    const negated = NEGATIONS.has(prev) || (NEGATIONS.has(words[i - 2]?.text ?? '') && !isInfinitiveOrImperative(prev));
    if ((NEEDED.has(t) && (negated || sawNo)) || t === 'необязательно' || t === 'unnecessary') f.unnecessary = true;
    if (t === 'no') sawNo = true;
    // "не присылайте", "don't send" (not the polite "не могли бы вы прислать").
    if (NEGATIONS.has(prev) && (/(ите|йте|ьте)$/.test(t) || EN_SEND.has(t))) f.unnecessary = true;
    if (sendVerb(t)) f.sends = true;
    if (NOMINAL_NEED.has(t) && !negated) need = i;
    else if (need >= 0 && isInfinitiveOrImperative(t)) verbAfterNeed = true;
  });
  if (need >= 0 && !verbAfterNeed) {
    f.sends = true;
    f.nominal = /[а-яё]/.test(words[need]!.text);
  }
  return f;
}

/** Closing quotes, brackets and markdown emphasis after a sentence's last word or mark. */
const CLOSERS = /[»”"')\]*_]/;

/** Index of the last character of [from, to) that is not a closer or a space, or from - 1. */
function lastMark(text: string, from: number, to: number): number {
  let i = to - 1;
  while (i >= from && (CLOSERS.test(text[i]!) || /\s/.test(text[i]!))) i--;
  return i;
}

/** Does the sentence [from, to) end with a URL or an e-mail address (before its final punctuation)? */
function endsWithAddress(text: string, from: number, to: number): boolean {
  let i = to;
  while (i > from && /[.!?…,;:\s»”"')\]]/.test(text[i - 1]!)) i--;
  let j = i;
  while (j > from && !/\s/.test(text[j - 1]!)) j--;
  const token = text.slice(j, i);
  return /@|:\/\/|^www\.|\.(ru|com|рф|net|org)(\/|$)/i.test(token);
}

/**
 * Does the sentence end with an indirect question ("опишите, на каком шаге всё останавливается",
 * "…и что именно происходит, когда вы …", "укажите, когда …", "…, отказал ли он")? Items added after
 * it would read as part of the question. A relative clause after a noun ("название центра, где
 * проводилась активация", "всё, что есть") does not count.
 */
function endsWithQuestionClause(text: string, words: readonly Word[]): boolean {
  // English asks without a comma: "let us know where the car is", after the last verb of sending.
  for (let i = words.length - 1; i > 0 && !sendVerb(words[i]!.text); i--) {
    if ((QUESTION_WORDS.has(words[i]!.text) || WHERE_WHEN.has(words[i]!.text)) && EN_ASKING.has(words[i - 1]!.text)) return true;
  }
  let end = words.length;
  for (let clauses = 0; clauses < 3 && end > 0; clauses++) {
    const k = clauseStart(text, words, end);
    let first = k;
    if (CONJUNCTIONS.has(words[first]?.text ?? '')) first++;
    if (PREPOSITIONS.has(words[first]?.text ?? '')) first++;
    const t = words[first]?.text ?? '';
    const before = words[k - 1]?.text ?? '';
    if (words[first + 1]?.text === 'ли') return true;
    if (QUESTION_WORDS.has(t)) return !DEMONSTRATIVES.has(before);
    if (!WHERE_WHEN.has(t)) return false;
    if (first > k || before === 'пожалуйста' || before === 'please' || isInfinitiveOrImperative(before) || EN_ASKING.has(before)) return true;
    // A relative clause: whatever it follows may itself be a question ("и что происходит, когда …").
    end = k;
  }
  return false;
}

/**
 * "A, B и C" / "A, B and C". A clause of the item before "и" is closed by a comma ("e-mail, указанный
 * при регистрации, и фото"), else the last item would read as part of it.
 */
function joinItems(texts: readonly string[], lang: 'ru' | 'en'): string {
  if (texts.length < 2) return texts.join('');
  const before = texts[texts.length - 2]!;
  const comma = lang === 'ru' && before.includes(',') && !/[)]$/.test(before) ? ',' : '';
  return `${texts.slice(0, -1).join(', ')}${comma} ${lang === 'ru' ? 'и' : 'and'} ${texts[texts.length - 1]}`;
}

/** Adds the items to request `r` when it plainly asks for things; undefined when it is not the place. */
function extendRequest(text: string, r: Request, items: readonly ChecklistItem[], lang: 'ru' | 'en'): TextEditSpec | undefined {
  const words = wordsOf(text, r.start, r.sentenceEnd);
  const f = factsOf(words);
  if (f.conditional || f.unnecessary) return undefined;
  const texts = items.map((i) => (f.nominal && lang === 'ru' ? i.label.ru : i.insert[lang]));
  // Lines without markers below "следующие данные:" may be the signature: only a marked list gets lines.
  if (r.bullet) return addListLines(text, r, texts);
  const mark = lastMark(text, r.start, r.sentenceEnd);
  if (!f.sends || text[mark] === '?') return undefined;
  // A clause about us or about why after the request ("пришлите VIN, поправим данные", "— мы передадим
  // запрос", ", чтобы мы могли проверить"): the items go before it, right after what is asked.
  const ours = trailingClause(text, words);
  const asked = ours > 0 ? words.slice(0, ours) : words;
  const askedEnd = ours > 0 ? clauseEnd(text, words[ours - 1]!.end) : r.sentenceEnd;
  if (endsWithAddress(text, r.start, askedEnd) || endsWithQuestionClause(text, asked) || endsWithAside(text, asked)) return undefined;
  const last = text[askedEnd - 1];
  const at = ours <= 0 && last && /[.!?:;…]/.test(last) ? askedEnd - 1 : askedEnd;
  if (ours <= 0 && last === ':') return { start: at + 1, end: at + 1, newText: ` ${joinItems(texts, lang)}` };
  // "…, а также A и B": one more pair of things after the sentence's own list, whose last item may have a clause of its own.
  const also = asked.some((w, i) => (w.text === 'также' && words[i - 1]?.text === 'а') || (w.text === 'well' && words[i - 1]?.text === 'as'));
  const joiner = also ? ', ' : lang === 'ru' ? ', а также ' : ', as well as ';
  return { start: at, end: at, newText: `${joiner}${joinItems(texts, lang)}` };
}

/** Pronouns that open a remark on the item before them ("IMEI — его можно посмотреть в меню …", "the IMEI, which …"). */
const ASIDE_PRONOUNS = new Set(['его', 'ее', 'их', 'он', 'она', 'оно', 'они', 'it', 'they', 'which', 'who']);

/** Does the sentence end with a remark on its last item? Items added after it, or before it, would change what it speaks of. */
function endsWithAside(text: string, words: readonly Word[]): boolean {
  const k = clauseStart(text, words, words.length);
  return k > 0 && ASIDE_PRONOUNS.has(words[k]!.text);
}

/** Index of the first word of a clause about us or about why that ends the sentence, or -1. */
function trailingClause(text: string, words: readonly Word[]): number {
  let cut = -1;
  // "…, этого обычно достаточно, чтобы они нашли активацию": a few such clauses in a row.
  for (let clauses = 0, end = words.length; clauses < 3 && end > 1; clauses++) {
    const k = clauseStart(text, words, end);
    // "…, and we will fix it", "…, и мы проверим".
    const t = words[CONJUNCTIONS.has(words[k]?.text ?? '') ? k + 1 : k]?.text ?? '';
    if (k <= 0 || !(OUR_CLAUSE.has(t) || weWill(t))) break;
    cut = end = k;
  }
  return cut;
}

/** Index of the first word of the clause that ends before word `end`: after a comma, a colon, a dash or a bracket. */
function clauseStart(text: string, words: readonly Word[], end: number): number {
  let k = end - 1;
  while (k > 0 && !/[,;:(—–]|\s-\s/.test(text.slice(words[k - 1]!.end, words[k]!.start))) k--;
  return k;
}

/** Where the word ending at `at` ends with what sticks to it (a closing bracket or quote), before the clause mark. */
function clauseEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && CLOSERS.test(text[i]!)) i++;
  return i;
}

/** The line break the text uses at `at` (CRLF stays CRLF). */
function lineBreakAt(text: string, at: number): string {
  const nl = text.indexOf('\n', at);
  if (nl > 0) return text[nl - 1] === '\r' ? '\r\n' : '\n';
  return text.includes('\r\n') ? '\r\n' : '\n';
}

const MARKER = /^[ \t]*([-–—•*·+»▪◦‣►▸■●➢]|\d{1,2}(?:\.\d{1,2}){0,3}[.)]|[a-zа-яё][.)])[ \t]/;

/**
 * More lines of the request's list, numbered and bulleted as it is. Their ends follow the list's:
 * lines ending with ";" (or ",") and the last with "." get the same, the old last "." becoming ";".
 */
function addListLines(text: string, r: Request, texts: readonly string[]): TextEditSpec {
  const eol = lineBreakAt(text, r.end);
  // A form to fill in gets one more line of the form: "**Дата покупки:** ____".
  const bullet = r.bullet!;
  if (bullet.includes('%s')) {
    const template = bullet;
    return { start: r.end, end: r.end, newText: texts.map((t) => `${eol}${template.replace('%s', t.charAt(0).toLocaleUpperCase() + t.slice(1))}`).join('') };
  }
  // A table row gets its closing pipe: "| модель автомобиля |".
  const table = bullet === '| ';
  // The last mark of each list item (an item may run over several lines).
  const ends: number[] = [];
  let lineStart = r.sentenceEnd;
  while (lineStart < r.end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > r.end) lineEnd = r.end;
    const line = text.slice(lineStart, lineEnd);
    const mark = lastMark(text, lineStart, lineEnd);
    if (line.trim() && mark >= lineStart) {
      if (MARKER.test(line) || !ends.length) ends.push(mark);
      else ends[ends.length - 1] = mark;
    }
    lineStart = lineEnd + 1;
  }
  const marks = ends.map((i) => text[i]!);
  // New lines start with a capital when the list's lines do ("3. Каким VIN…?" → "4. Данные, …").
  const capitals = listLineStarts(text, r.sentenceEnd, r.end, bullet);
  const cased = texts.map((t) => (capitals ? t.charAt(0).toLocaleUpperCase() + t.slice(1) : t));
  const head = marks.slice(0, -1);
  const lastAt = ends[ends.length - 1];
  let between = '';
  let final = '';
  let start = r.end;
  let lead = '';
  if (!table && head.length && /[;,]/.test(head[0]!) && head.every((m) => m === head[0]) && marks[marks.length - 1] === '.' && lastAt === r.end - 1) {
    between = head[0]!;
    final = '.';
    start = lastAt;
    lead = between;
  } else if (!table && marks.length && /[;,.]/.test(marks[0]!) && marks.every((m) => m === marks[0])) {
    between = final = marks[0]!;
  }
  const marker = table ? () => bullet : nextMarkers(text, r, bullet);
  const lines = cased.map((t, i) => `${eol}${marker(i)}${t}${table ? ' |' : i === texts.length - 1 ? final : between}`);
  return { start, end: r.end, newText: lead + lines.join('') };
}

/** Letters of lettered lists, in order (no ё, й, ъ, ы, ь in Russian lettering). */
const LETTERS = ['абвгдежзиклмнопрстуфхцчшщэюя', 'abcdefghijklmnopqrstuvwxyz'];
const LINE_MARKER = /^([ \t]*)(?:(\d{1,2}(?:\.\d{1,2}){0,3})([.)])|([a-zа-я])([.)])|([-–—•*·+»▪◦‣►▸■●➢]))[ \t]/;

/**
 * The markers of the new lines, continuing the list: a numbered or lettered list goes on from its
 * last number or letter, at that line's indentation ("е)" → "ж)", "3.2." → "3.3.", "4." with bullets
 * under it → "5."); a bulleted one keeps its last line's bullet and indentation.
 */
function nextMarkers(text: string, r: Request, bullet: string): (i: number) => string {
  const ordered = /^(\d|[a-zа-я][.)])/.test(bullet);
  let found: RegExpExecArray | undefined;
  for (let lineStart = r.sentenceEnd; lineStart < r.end; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > r.end) lineEnd = r.end;
    const m = LINE_MARKER.exec(text.slice(lineStart, Math.min(lineEnd, lineStart + 40)));
    if (m && (ordered ? !m[6] : !!m[6])) found = m;
    lineStart = lineEnd + 1;
  }
  if (!found) return () => bullet;
  const m = found;
  const indent = m[1]!;
  if (m[6]) return () => `${indent}${m[6]} `;
  if (m[2]) {
    const parts = m[2].split('.');
    const last = Number(parts.pop());
    return (i) => `${indent}${[...parts, String(last + i + 1)].join('.')}${m[3]} `;
  }
  const letters = LETTERS.find((l) => l.includes(m[4]!))!;
  const at = letters.indexOf(m[4]!);
  return (i) => `${indent}${letters[Math.min(at + i + 1, letters.length - 1)]}${m[5]} `;
}

/** Do all the list's lines start (after the marker) with a capital letter? */
function listLineStarts(text: string, from: number, to: number, bullet: string): boolean {
  if (bullet === '| ') return false;
  let all = true;
  let any = false;
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    const line = text.slice(lineStart, lineEnd);
    const m = MARKER.exec(line);
    // Abbreviations ("VIN", "ФИО") say nothing about the list's case.
    const word = m ? /^[\s*_«"“]*(\S+)/.exec(line.slice(m[0].length))?.[1] ?? '' : '';
    if (word && word !== word.toLocaleUpperCase()) {
      any = true;
      if (!/^\p{Lu}/u.test(word)) all = false;
    }
    lineStart = lineEnd + 1;
  }
  return any && all;
}

/** The items as a sentence of their own after request `r` (after its list, on a line of its own). */
function sentenceOfItsOwn(text: string, r: Request, texts: readonly string[], lang: 'ru' | 'en'): TextEditSpec {
  const at = r.end;
  const sentence = `${lang === 'ru' ? 'Также пришлите, пожалуйста:' : 'Please also send:'} ${joinItems(texts, lang)}.`;
  // After a sentence closed by its mark, in the same line; after a list, a URL or an unclosed line, on a line of its own.
  const closed = !r.bullet && /[.!?…]/.test(text[lastMark(text, r.start, at)] ?? '');
  return { start: at, end: at, newText: `${closed ? ' ' : lineBreakAt(text, at)}${sentence}` };
}
