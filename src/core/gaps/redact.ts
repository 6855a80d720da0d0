import { fold } from '../text/normalize';

/**
 * Removes personal data from a search query before it is written anywhere: e-mail addresses,
 * VINs and other letter-and-digit identifiers (plates, order numbers), any number of five digits
 * or more however it is grouped (phones, IMEIs, dates, contract numbers), and the customer's name
 * after a greeting, an introduction or a signature ("Здравствуйте, Иван Петрович", "меня зовут…",
 * "С уважением, …", "Dear Anna"). It errs on the side of removing: a gap report needs the words
 * of the question, not the customer.
 *
 * Every pass is a plain scan or a regex that cannot backtrack, so hostile input costs linear time.
 */
export function redact(text: string): string {
  return redactNames(redactNumbers(redactIds(redactEmails(text))));
}

export const REDACTED = { email: '[email]', id: '[id]', number: '[number]', name: '[name]' } as const;

const EMAIL_CHAR = /[\p{L}\p{N}._%+-]/u;

function redactEmails(text: string): string {
  let out = '';
  let last = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > last && EMAIL_CHAR.test(text[s - 1]!)) s--;
    let e = at + 1;
    while (e < text.length && EMAIL_CHAR.test(text[e]!)) e++;
    // Anything around an @ goes: "ivan@mail", "@ivan" and "ivan@" are all someone's address.
    if (s === at && e === at + 1) continue;
    out += text.slice(last, s) + REDACTED.email;
    last = e;
    at = e - 1;
  }
  return out + text.slice(last);
}

const WORD = /[\p{L}\p{N}]+/gu;
const LETTER = /\p{L}/u;
const DIGIT = /\d/g;

/** Words mixing letters and at least two digits, 6+ characters: VINs (also in Cyrillic look-alikes), plates, order ids. */
function redactIds(text: string): string {
  return text.replace(WORD, (w) => {
    if (w.length < 6 || !LETTER.test(w)) return w;
    const digits = w.match(DIGIT)?.length ?? 0;
    return digits >= 2 && digits < w.length ? REDACTED.id : w;
  });
}

const SEPARATORS = new Set([' ', '-', '(', ')', '.', '/', '\u00a0', '\t', '+', '_']);

/** Runs of five digits or more, spaces, dashes, brackets, dots and a leading + between them allowed. */
function redactNumbers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    let start = i;
    if (start > 0 && text[start - 1] === '+') start--;
    let digits = 0;
    let end = i;
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d >= 48 && d <= 57) {
        digits++;
        j++;
        end = j;
        continue;
      }
      // At most two separators in a row between digit groups.
      let k = j;
      while (k < text.length && k - j < 2 && SEPARATORS.has(text[k]!)) k++;
      if (k === j || k >= text.length || text.charCodeAt(k) < 48 || text.charCodeAt(k) > 57) break;
      j = k;
    }
    if (digits >= 5) {
      out += text.slice(last, start) + REDACTED.number;
      last = end;
    }
    i = Math.max(end, i + 1);
  }
  return out + text.slice(last);
}

/** Words after which a name follows: greetings, introductions, signatures. Folded, as word lists. */
const NAME_TRIGGERS: string[][] = [
  'здравствуйте', 'здравствуй', 'здрасте', 'добрый день', 'добрый вечер', 'доброе утро', 'доброго дня', 'доброго времени суток',
  'привет', 'приветствую', 'уважаемый', 'уважаемая', 'уважаемые', 'дорогой', 'дорогая', 'меня зовут', 'с уважением', 'фио',
  'hello', 'hi', 'hey', 'dear', 'good morning', 'good afternoon', 'good evening', 'my name is',
  'regards', 'best regards', 'kind regards', 'sincerely', 'mr', 'mrs', 'ms', 'г-н', 'г-жа', 'господин', 'госпожа',
].map((t) => t.split(' '));

const TOKEN = /[\p{L}]+(?:-[\p{L}]+)?/gu;

/**
 * The customer's name after a trigger: up to three following words that start with a capital
 * letter (or initials), or a lower-case word set off by a comma and closed by punctuation
 * ("здравствуйте, иван!"). A sentence end between trigger and word means no name follows.
 */
function redactNames(text: string): string {
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], folded: fold(m[0]), start: m.index!, end: m.index! + m[0].length }));
  const cuts: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const trigger = NAME_TRIGGERS.find((t) => t.every((w, k) => tokens[i + k]?.folded === w && (k === 0 || onlySpaces(text, tokens[i + k - 1]!.end, tokens[i + k]!.start))));
    if (!trigger) continue;
    let k = i + trigger.length;
    const afterTrigger = tokens[k - 1]!.end;
    const first = tokens[k];
    if (!first) break;
    const gap = text.slice(afterTrigger, first.start);
    if (/[.!?]/.test(gap)) continue;
    const taken: typeof tokens = [];
    while (k < tokens.length && taken.length < 3) {
      const t = tokens[k]!;
      const between = taken.length ? text.slice(taken[taken.length - 1]!.end, t.start) : '';
      // Between name words only spaces, or the dot of an initial ("А. С. Пушкин").
      const prev = taken[taken.length - 1];
      if (prev && !(/^\s*$/.test(between) || (prev.text.length <= 2 && /^\.\s*$/.test(between)))) break;
      const capital = t.text[0] !== t.text[0]!.toLowerCase();
      const vocative = !taken.length && gap.includes(',') && /^\s*([!,.;:?]|$)/.test(text.slice(t.end, t.end + 2));
      if (!capital && !vocative) break;
      taken.push(t);
      k++;
    }
    if (taken.length) cuts.push([taken[0]!.start, taken[taken.length - 1]!.end]);
    i = k - 1;
  }
  let out = '';
  let last = 0;
  for (const [s, e] of cuts) {
    out += text.slice(last, s) + REDACTED.name;
    last = e;
  }
  return out + text.slice(last);
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!/\s/.test(text[i]!)) return false;
  return true;
}
