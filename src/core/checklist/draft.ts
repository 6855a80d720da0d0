import { findEntities } from '../entities/find';
import { queryStems, tokenize } from '../search/analyze';

/** A word of the draft (folded), with its stem, for phrase matching. */
export interface Word {
  text: string;
  stem: string;
  start: number;
  end: number;
}

/** Latin letters that look like Cyrillic ones, for words typed in both scripts ("cкрин" with a Latin c). */
const LOOKALIKES: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'н', b: 'в' };
const MIXED = /[а-яё]/;
const LATIN = /[a-z]/;

/** A word with Cyrillic letters and Latin look-alikes in it, in Cyrillic only (bounded: one pass over the word). */
function oneScript(word: string): string {
  if (!MIXED.test(word) || !LATIN.test(word)) return word;
  let out = '';
  for (const ch of word) out += LOOKALIKES[ch] ?? ch;
  return /[a-z]/.test(out) ? word : out;
}

export function wordsOf(text: string, from = 0, to = text.length): Word[] {
  return tokenize(text.slice(from, to)).map((t) => {
    const folded = oneScript(t.text);
    return { text: folded, stem: queryStems(folded)[0]!, start: t.start + from, end: t.end + from };
  });
}

/** A line that starts quoted or forwarded text (tested on the trimmed line; anchored, bounded patterns). */
function startsQuote(line: string): boolean {
  if (line.startsWith('>')) return true;
  if (/^-{2,}\s{0,3}(original message|исходное сообщение|пересылаемое сообщение|forwarded message|переадресованное сообщение)/i.test(line)) return true;
  if (/^(начало переадресованного сообщения|begin forwarded message)/i.test(line)) return true;
  if (/^-{5,}/.test(line) || /^_{5,}$/.test(line)) return true;
  if (/^(от|from|sent|отправлено|кому|to|date|дата|тема|subject|отправитель|sender)\s?:\s/i.test(line)) return true;
  // "12.11.2026, 10:15, Иван <ivan@mail.ru> пишет:", "On Mon, 9 Nov 2026 John wrote:"
  if (line.length <= 120 && /(пишет|написал|написала|wrote)\s?:$/i.test(line)) return true;
  return line.length <= 240 && /(пишет|написал|написала|wrote)\s?:?$/i.test(line) && /\d|@|^on\s/i.test(line);
}

/** Lines of `text` with their offsets, without building substrings of the whole text more than once. */
function* lines(text: string): Generator<{ start: number; line: string }> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield { start, line: text.slice(start, end).trim() };
    start = end + 1;
  }
}

/**
 * Where the agent's own reply ends: quoted or forwarded customer text below it (`>`, "-----Original
 * Message-----", From:/Sent: blocks, "… пишет:") is left out of every check. A document that starts
 * with such a block is judged by {@link isIncoming} instead.
 */
export function replyEnd(text: string): number {
  let seenText = false;
  for (const { start, line } of lines(text)) {
    if (!line) continue;
    if (seenText && startsQuote(line)) return start;
    seenText = true;
  }
  return text.length;
}

const HEADER = /^(от|from|отправитель|sender)\s?:\s*(.*)$/i;
const OTHER_HEADER = /^(sent|отправлено|кому|to|date|дата|тема|subject|cc|копия)\s?:/i;
/** Senders that are us: the support team's addresses and names. */
const SUPPORT_SENDER = /@kia\.ru|support|поддержк|служба|mobikey@/i;
/** A signature line of the support team ("Служба поддержки Kia", "Kia Support Team", "Специалист поддержки"). */
const SUPPORT_SIGNATURE = /^(служба|отдел|команда|поддержка|техподдержка|специалист|оператор|support|customer (care|support)|kia (support|team))|поддержк\p{L}* kia|kia support/iu;
const FIRST_PERSON = new Set([
  'я', 'мне', 'меня', 'мной', 'мой', 'моя', 'мое', 'мои', 'моего', 'моей', 'моему', 'моим', 'моих', 'i', 'my', 'me', 'mine', 'im', 'ive', 'прошу',
  // First-person verbs a customer writes with "я" left out.
  'могу', 'хочу', 'пытаюсь', 'купил', 'купила', 'пробовал', 'пробовала', 'пишу', 'обращаюсь', 'жду', 'получил', 'получила', 'зарегистрировался', 'зарегистрировалась',
  'сделал', 'сделала', 'захожу', 'ввожу', 'прикладываю', 'приложил', 'приложила', 'отправил', 'отправила', 'указал', 'указала', 'нажимаю',
  'высылаю', 'отправляю', 'присылаю', 'направляю', 'прилагаю', 'прикрепил', 'прикрепила', 'отправлял', 'отправляла', 'писал', 'писала', 'звонил', 'звонила', 'обращался', 'обращалась', 'пытался', 'пыталась',
  'заметил', 'заметила', 'установил', 'установила', 'скачал', 'скачала', 'забыл', 'забыла', 'поменял', 'поменяла', 'сменил', 'сменила', 'продал', 'продала', 'хотел', 'хотела',
]);
const SECOND_PERSON = new Set(['вы', 'вас', 'вам', 'вами', 'you', 'your', 'yours']);
/** What support says of its own work and customers do not: "передам", "проверим", "оформим заявку". */
const SUPPORT_VOICE = new Set(['передам', 'передадим', 'проверим', 'проверю', 'оформим', 'оформлю', 'поможем', 'подскажем', 'уточним', 'разберемся', 'разберусь', 'поправим', 'исправим', 'выдадим', 'коллеги', 'коллегам', 'специалисты', 'специалистам', 'we', 'our']);
/** A phone number (not the support hotline 8 800) or an e-mail address; bounded, so no long rescans. */
const PHONE = /(?<!\d)(?:\+7|8)[ \t(-]{0,2}(?!800)\d{3}[ \t)-]{0,2}\d{3}[ \t-]?\d{2}[ \t-]?\d{2}(?!\d)/;
const EMAIL = /[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}/g;

/** A customer sending or having bought something: "во вложении", "прикладываю", "купили". */
const CUSTOMER_ACTS = /во вложени|прилага|прикладыва|attached|(?<!\p{L})(купили|приобрели)(?!\p{L})/iu;

/**
 * Does the text give a phone number or an e-mail address of its writer's own, or a VIN or IMEI
 * along with an attachment or a purchase of theirs? (Support quotes the customer's VIN often, a
 * customer's phone or address seldom.)
 */
function givesOwnData(text: string): boolean {
  if (PHONE.test(text)) return true;
  for (const m of text.matchAll(EMAIL)) if (!SUPPORT_SENDER.test(m[0])) return true;
  return findEntities(text).length > 0 && CUSTOMER_ACTS.test(text);
}

/** Closings customers use and support does not. */
const CUSTOMER_CLOSING = /заранее спасибо|заранее благодарю|thanks in advance/i;

/**
 * Is the document a customer's message rather than a reply being drafted? It is when it opens with
 * mail headers (From/От, possibly under a "Forwarded message" line) from a sender who is not support,
 * opens with a "… пишет:" line or `>` quotes, or speaks in the first person singular without a
 * support signature ("У меня не работает… Подскажите, что делать?").
 */
export function isIncoming(text: string): boolean {
  let first = true;
  let headerLines = 0;
  for (const { line } of lines(text)) {
    if (!line) {
      if (headerLines) break;
      continue;
    }
    if (first && (line.startsWith('>') || (/(пишет|написал|написала|wrote)\s?:?$/i.test(line) && line.length <= 240))) return true;
    if (first && /^(-{2,}|начало переадресованного|begin forwarded)/i.test(line)) {
      first = false;
      continue;
    }
    first = false;
    const from = HEADER.exec(line);
    if (from) return !SUPPORT_SENDER.test(from[2]!);
    if (OTHER_HEADER.test(line)) {
      headerLines++;
      continue;
    }
    break;
  }
  const own = text.slice(0, Math.min(replyEnd(text), 20_000));
  const signed = own
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-4)
    .some((l) => SUPPORT_SIGNATURE.test(l));
  // Mail headers (Тема:, Subject:) over a text nobody from support signs: a message that came in.
  if (headerLines && !signed) return true;
  // No headers: the customer's own voice in the part above any quote, and nobody from support signs it.
  let mine = CUSTOMER_CLOSING.test(own) ? 2 : 0;
  let addressed = false;
  for (const w of tokenize(own)) {
    if (FIRST_PERSON.has(w.text)) mine++;
    // Support's own voice ("передам в техотдел", "проверим") addresses the customer too, without "вы".
    if (SECOND_PERSON.has(w.text) || w.text.startsWith('ваш') || SUPPORT_VOICE.has(w.text)) addressed = true;
  }
  // Nobody is addressed as "вы / you", nobody from support signs, and the text gives its own data
  // (a VIN, a phone number, an e-mail address that is not ours): the customer writing to us.
  if (!addressed && !signed && givesOwnData(own)) return true;
  // Speaks for itself ("прошу", "прикладываю"), addresses nobody and signs with a person's name
  // ("Спасибо! Анна"): a customer asking us, not an agent asking the customer.
  if (mine >= 1 && !addressed && !signed && signedByName(own)) return true;
  // Signed by support in its last lines? ("Спасибо, жду ответа поддержки" in a customer's text is not a signature.)
  return mine >= 2 && !signed;
}

/** A sign-off with a person's name: "Анна", "Спасибо, Ольга", "С уважением, Игорь Петров" (a bounded, anchored pattern). */
const NAME_SIGN_OFF = /^(?:(?:спасибо|благодарю|с уважением|заранее спасибо|thanks|regards|best regards)[,!.]?\s{0,3})?\p{Lu}\p{Ll}{1,20}(?:\s\p{Lu}\p{Ll}{1,20}){0,2}\.?$/iu;
const CASED_NAME = /\p{Lu}\p{Ll}{1,20}\.?$/u;

function signedByName(own: string): boolean {
  const trimmed = own.trimEnd();
  const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1).trim();
  if (SUPPORT_SIGNATURE.test(lastLine) || !CASED_NAME.test(lastLine)) return false;
  // The sentence that ends the text, when the name stands on the line of the closing words ("Спасибо! Анна").
  const tail = lastLine.slice(Math.max(lastLine.lastIndexOf('!'), lastLine.lastIndexOf('.', lastLine.length - 2)) + 1).trim();
  return (lastLine.length <= 60 && NAME_SIGN_OFF.test(lastLine)) || (tail.length <= 60 && NAME_SIGN_OFF.test(tail));
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
export function sameWord(a: Word, stem: string): boolean {
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

/** Prepositions: inside a phrase one stands for any other ("когда были у дилера" = "когда вы были в дилерском центре"). */
const PREPOSITION_WORDS = new Set(['в', 'во', 'у', 'к', 'ко', 'на', 'с', 'со', 'о', 'об', 'при', 'по', 'из', 'от', 'до', 'за', 'in', 'at', 'to', 'on', 'with', 'from']);
/** The addressee's pronouns: inside a phrase they may be left out ("как вас зовут" = "как зовут владельца"). */
const ADDRESSEE_WORDS = new Set(['вас', 'вы', 'вам', 'ваш', 'ваша', 'ваше', 'ваши', 'вашу', 'вашего', 'вашей', 'you', 'your']);

/**
 * "который" inside a phrase stands for "какой" too, when the phrase's verb follows it: "с каким
 * логином входите" is "логин, с которым входите" ("номер, на который …" at a phrase's end is not "номер … в каком").
 */
const RELATIVE_STEM = 'котор';
const isInterrogative = (w: Word) => w.stem === 'как' && w.text !== 'как';
const COORDINATORS = new Set(['или', 'либо', 'и', 'or', 'and']);

/** Does the phrase stand at word `i` (its words in order, at most two other words between)? Returns its last word's index, or -1. */
export function phraseAt(words: readonly Word[], i: number, stems: readonly string[], limit = words.length): number {
  if (!sameWord(words[i]!, stems[0]!)) return -1;
  let at = i;
  for (let k = 1; k < stems.length; k++) {
    const stem = stems[k]!;
    const preposition = PREPOSITION_WORDS.has(stem);
    let next = -1;
    // After "который / какой", two nouns joined by "или / и" count as one before the clause's verb
    // ("с каким телефоном или почтой входите"); once per step, so the reach stays bounded.
    let reach = at + 3;
    for (let j = at + 1; j <= reach && j < limit; j++) {
      if (sameWord(words[j]!, stem) || (preposition && PREPOSITION_WORDS.has(words[j]!.text)) || (stem === RELATIVE_STEM && k < stems.length - 1 && isInterrogative(words[j]!))) {
        next = j;
        break;
      }
      if (reach === at + 3 && j > at + 1 && stems[k - 1] === RELATIVE_STEM && COORDINATORS.has(words[j]!.text)) reach += 2;
    }
    if (next < 0 && ADDRESSEE_WORDS.has(stem)) continue;
    if (next < 0) return -1;
    at = next;
  }
  return at;
}

/** Where the phrase stands among the words (its words in order, at most two other words between), or -1. */
export function findPhrase(words: readonly Word[], stems: readonly string[]): number {
  if (!stems.length) return -1;
  for (let i = 0; i < words.length; i++) if (phraseAt(words, i, stems) >= 0) return i;
  return -1;
}
