import { findEntities } from '../entities/find';
import { queryStems, tokenize } from '../search/analyze';
import { chatSpeaker } from './segment';

/** A word of the draft (folded), with its stem, for phrase matching. */
export interface Word {
  text: string;
  stem: string;
  start: number;
  end: number;
  /** Cut short with a period, as abbreviations are ("рег.", "уч.", "примерн."): it stands for any word it begins. */
  cut?: boolean;
  /** A line break after a closed line (".", ":", "?"…) or a blank line stands before it: a phrase's gap does not cross it. */
  parted?: boolean;
  /** A table's cell border ("|") stands between this word and the one before: no phrase runs across it. */
  cell?: boolean;
}

/** Does the text between two words part them: a line closed by punctuation, or a blank line ("данные по шаблону:" / "**Дата регистрации:**")? */
function partedBy(text: string, a: number, b: number): boolean {
  const nl = text.indexOf('\n', a);
  if (nl < 0 || nl >= b) return false;
  if (text.indexOf('\n', nl + 1) >= 0 && text.indexOf('\n', nl + 1) < b) return true;
  for (let i = a; i < nl; i++) if ('.:!?;'.includes(text[i]!)) return true;
  return false;
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

/** Chat shorthand for the polite word, read as the word itself ("пришлите плз", "pls send"). */
const SHORTHAND: Record<string, string> = { плз: 'пожалуйста', плиз: 'пожалуйста', пжл: 'пожалуйста', пжлст: 'пожалуйста', пож: 'пожалуйста', pls: 'please', plz: 'please', pl: 'please' };

/** Two to five capitals and a short lower-case Russian ending: "СТСку", "ПТСке", "VINом" (the capitals kept). */
const ABBREVIATION_ENDING = /^([A-ZА-ЯЁ]{2,5})[а-яё]{1,4}$/u;

/** A Russian word cut short before a vowel: three to seven letters, a vowel among them, a consonant last ("рег", "примерн"). */
const CUT_WORD = /^(?=[а-яё]*[аеёиоуыэюя])[а-яё]{2,6}[бвгджзклмнпрстфхцчшщ]$/;

const GOES_ON = /^(?: ?[а-яё]|[,;)/]| \()/;

/**
 * Words that never inflect, kept whole and never read as a typo of each other: the stemmer makes
 * "вместе" (together) and "вместо" (instead of) one stem, so "пришлите вместе с этим … модель" read as
 * "вместо … модель", a wrong car.
 */
const UNINFLECTED = new Set(['вместо', 'вместе']);

export function wordsOf(text: string, from = 0, to = text.length): Word[] {
  let before = -1;
  let previousEnd = from;
  let nextPipe = text.indexOf('|', from);
  return tokenize(text.slice(from, to)).map((t) => {
    const folded = SHORTHAND[t.text] ?? oneScript(t.text);
    // An abbreviation with a Russian ending typed on ("СТСку", "ПТСке", "VINом", "СМСка") stands for the abbreviation.
    const abbreviation = t.end - t.start <= 10 ? ABBREVIATION_ENDING.exec(text.slice(t.start + from, t.end + from)) : null;
    const stem = abbreviation ? abbreviation[1]!.toLowerCase() : UNINFLECTED.has(folded) ? folded : queryStems(folded)[0]!;
    const word: Word = { text: folded, stem, start: t.start + from, end: t.end + from };
    if (before >= 0 && partedBy(text, before, word.start)) word.parted = true;
    before = word.end;
    // Not a whole word ending a sentence ("…в кабинет. Пришлите"): a cut goes on with a lower-case word or a clause mark.
    if (text[word.end] === '.' && CUT_WORD.test(folded) && GOES_ON.test(text.slice(word.end + 1, word.end + 3))) word.cut = true;
    // "| исправление данных |\n| Фото свидетельства о регистрации |": "данных … регистрации" is no phrase.
    // The next "|" is looked up again only once passed, so the text is scanned once.
    if (nextPipe >= 0 && nextPipe < previousEnd) nextPipe = text.indexOf('|', previousEnd);
    if (nextPipe >= 0 && nextPipe < word.start) word.cell = true;
    previousEnd = word.end;
    return word;
  });
}

/** A line that starts quoted or forwarded text (tested on the trimmed line; anchored, bounded patterns). */
function startsQuote(line: string): boolean {
  if (line.startsWith('>')) return true;
  if (/^-{2,}\s{0,3}(original message|исходное сообщение|пересылаемое сообщение|forwarded message|переадресованное сообщение)/i.test(line)) return true;
  if (/^(начало переадресованного сообщения|begin forwarded message)/i.test(line)) return true;
  if (/^-{5,}\S/.test(line)) return true;
  if (/^(от|from|sent|отправлено|кому|to|date|дата|тема|subject|отправитель|sender)\s?:\s/i.test(line)) return true;
  // "12.11.2026, 10:15, Иван <ivan@mail.ru> пишет:", "On Mon, 9 Nov 2026 John wrote:"
  if (line.length <= 120 && /(пишет|написал|написала|wrote)\s?:$/i.test(line)) return true;
  if (line.length <= 240 && /(пишет|написал|написала|wrote)\s?:?$/i.test(line) && /\d|@|^on\s/i.test(line)) return true;
  // Mail clients that put the date after the verb: "Юлия <y@mail.ru> писал(а) 10.11.2024 18:03:", "… wrote at 18:03:".
  // Mail.ru puts nothing after it: "Елена <e@mail.ru> писал(а):".
  if (line.length <= 240 && /(пишет|писала?|написала?|wrote)(\(а\))?(?:[\s\d.,:/-]|\s(?:в|at|on)\s){0,40}:$/i.test(line) && /@/.test(line)) return true;
  // Yandex Mail names the sender and the time with no verb at all: "18.03.2024, 11:32, "Поддержка" <info@kia.ru>:".
  return line.length <= 240 && /<[^<>\s@]{1,64}@[^<>\s]{1,255}>\s?:$/.test(line) && /\d/.test(line);
}

/** Lines of `text` with their offsets, without building substrings of the whole text more than once. */
function* lines(text: string, from = 0): Generator<{ start: number; line: string }> {
  let start = from;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield { start, line: text.slice(start, end).trim() };
    start = end + 1;
  }
}

/** Lines of a mail head: the sender, the recipient, other headers we know, and (inside a head) any other "Name: value" line such as Content-Type. */
const FROM_HEADER = /^(от|from|отправитель|sender)\s?:\s*(.*)$/i;
const TO_HEADER = /^(кому|to)\s?:\s*(.*)$/i;
const OTHER_HEADER = /^(sent|отправлено|date|дата|тема|subject|cc|копия|bcc|reply-to)\s?:/i;
const ANY_HEADER = /^[a-z][a-z0-9-]{1,40}\s?:\s/i;
/** A line that opens a forwarded message above its head. */
const FORWARD_LINE = /^(-{2,}|начало переадресованного|begin forwarded)/i;

/** The mail head a document opens with: who it is from and to (as written), and where the text under it starts. */
interface MailHead {
  from?: string;
  to?: string;
  /** Offset of the first line after the head. */
  end: number;
}

/**
 * The mail head at the top of the text (possibly under a "Forwarded message" line): consecutive
 * header lines up to the first blank or other line. A head must hold a From/To/Subject-like header.
 */
function mailHead(text: string): MailHead | undefined {
  let head: MailHead | undefined;
  let first = true;
  for (const { start, line } of lines(text)) {
    if (!line) {
      if (head) return head;
      continue;
    }
    if (first && FORWARD_LINE.test(line)) {
      first = false;
      continue;
    }
    first = false;
    const from = FROM_HEADER.exec(line);
    const to = from ? null : TO_HEADER.exec(line);
    if (from || to || OTHER_HEADER.test(line)) {
      head ??= { end: 0 };
      if (from && head.from === undefined) head.from = from[2]!;
      if (to && head.to === undefined) head.to = to[2]!;
    } else if (!head || !ANY_HEADER.test(line)) {
      return head && { ...head, end: start };
    }
    const lineEnd = text.indexOf('\n', start);
    head.end = lineEnd < 0 ? text.length : lineEnd + 1;
  }
  return head && { ...head, end: text.length };
}

/** Where a block of `>`-quoted lines at the very top ends (0 when the text does not open with one). */
function topQuoteEnd(text: string, from: number): number {
  let end = from;
  for (const { start, line } of lines(text, from)) {
    if (!line) continue;
    if (!line.startsWith('>')) return end;
    end = text.indexOf('\n', start);
    if (end < 0) return text.length;
  }
  return text.length;
}

/**
 * Where the agent's own text starts: under a mail head (the reply being written "От: Служба
 * поддержки… / Кому: … / Тема: RE: …") and under the customer's lines quoted at the very top.
 */
export function replyStart(text: string): number {
  const head = mailHead(text);
  return topQuoteEnd(text, head?.end ?? 0);
}

/**
 * Where the agent's own reply ends: quoted or forwarded customer text below it (`>`, "-----Original
 * Message-----", From:/Sent: blocks, "… пишет:") is left out of every check. A mail head or a quote
 * the reply opens with does not end it (see {@link replyStart}); a document that is a customer's
 * message is judged by {@link isIncoming} instead.
 */
export function replyEnd(text: string): number {
  let seenText = false;
  /** A bare rule line above, which ends the reply if a quote's head follows it. */
  let rule = -1;
  /** Where the run of `>` lines being read started, and whether text of ours follows it. */
  let quoteFrom = -1;
  const from = replyStart(text);
  for (const { start, line } of lines(text)) {
    if (!line || start < from) continue;
    if (seenText && RULE_LINE.test(line)) {
      if (rule < 0) rule = start;
      continue;
    }
    // Answers written between the customer's quoted lines ("> Код не приходит." / "Пришлите номер
    // телефона…"): a run of `>` lines is the end only when nothing of ours follows it.
    if (seenText && line.startsWith('>') && rule < 0) {
      if (quoteFrom < 0) quoteFrom = start;
      continue;
    }
    if (seenText && startsQuote(line)) return rule >= 0 ? rule : quoteFrom >= 0 ? quoteFrom : start;
    rule = -1;
    quoteFrom = -1;
    seenText = true;
  }
  return quoteFrom >= 0 ? quoteFrom : text.length;
}

/**
 * The text with the customer's lines quoted inside the reply (`>` lines above `end`, between which
 * the agent answers) blanked out, offsets kept: what the agent wrote, for the checks of the reply.
 */
export function ownText(text: string, end: number): string {
  let out: string[] | undefined;
  let kept = 0;
  /** The run of `>` lines being read, as [start, stop) of each, and whether each is a label left to fill in. */
  let run: [number, number][] = [];
  let allLabels = true;
  // A run made only of labels waiting for an answer ("> Почта, на которую зарегистрирован кабинет:" /
  // "> Номер телефона:") is a template the agent put in for the customer to copy, not their words.
  const flush = () => {
    if (run.length && !allLabels) {
      for (const [start, stop] of run) {
        (out ??= []).push(text.slice(kept, start), ' '.repeat(stop - start));
        kept = stop;
      }
    }
    run = [];
    allLabels = true;
  };
  for (const { start, line } of lines(text)) {
    if (start >= end) break;
    if (!line.startsWith('>')) {
      flush();
      continue;
    }
    const lineEnd = text.indexOf('\n', start);
    const stop = Math.min(lineEnd < 0 ? text.length : lineEnd, end);
    run.push([start, stop]);
    if (!EMPTY_LABEL.test(line)) allLabels = false;
  }
  flush();
  return out ? out.join('') + text.slice(kept) : text;
}

/** A quoted line that is a label and a colon with nothing after it ("> Номер телефона:"), at most 120 characters. */
const EMPTY_LABEL = /^>[ \t]{0,3}\p{L}[^\n]{0,118}:$/u;

/**
 * A line that is only a rule ("-----", "_____", "====="). Mail clients draw one above a quoted
 * message's head (Outlook's underscores, then "From: …"), but agents draw them around a template
 * the customer fills in ("-----\nФИО:\nVIN:\n-----"), so a rule ends the reply only when a quote
 * starts right under it.
 */
const RULE_LINE = /^(?:-{5,}|_{5,}|={5,})$/;

/** Senders that are us: the support team's addresses and names. */
// Any Kia domain (kia.ru, mail.kia.ru, kia-motors.ru, kia.com), bounded.
const SUPPORT_SENDER = /@(?:[\w-]{1,63}\.){0,4}kia(?:-[\w-]{1,30})?\.[a-z]|support|поддержк|служба|mobikey@/i;
/** A signature line of the support team ("Служба поддержки Kia", "Kia Support Team", "Специалист поддержки"). */
// "Центр поддержки клиентов Kia", "Клиентская служба Kia": the team's name before the brand.
// A department of support, not any department ("отдел закупок ООО «Вектор»" signs a customer's letter).
const SUPPORT_SIGNATURE = /^(служба|отдел (?:клиент|поддерж|сервис|заботы)|команда|поддержка|техподдержка|специалист|оператор|центр поддержки|support|customer (care|support)|kia (support|team))|поддержк\p{L}*(?: клиентов)? (?:kia|киа)|служб\p{L}* (?:kia|киа)|kia support/iu;
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
const CUSTOMER_CLOSING = /заранее спасибо|заранее благодар|thanks in advance/i;

/** A line that opens with who wrote what follows: "12.11.2026, Иван <ivan@mail.ru> пишет:". */
const WROTE_LINE = /(пишет|написал|написала|wrote)\s?:?$/i;

/** Second-person imperatives ("пришлите", "укажите", "направьте"): the reader is asked to do something. */
const IMPERATIVE = /^\p{L}{3,}(ите|йте|ьте)$/u;
/** Verbs of giving information or a file (any prefix form): "при-/вы-слать", "указать", "сообщить", "приложить", "направить", "уточнить", "продублировать"… */
const GIVING_VERB = /^(при|вы|пере)?(шл|сыл|сла)|^(укаж|указыв|сообщ|прилож|приклад|прикреп|направ|отправ|предостав|уточн|продублир|опиш|напиш|назов|сфотограф|скинь|скинте|дайте)/;
/** English verbs of giving information or a file, which have no imperative ending of their own ("please send us your VIN"). */
const GIVING_VERB_EN = new Set(['send', 'provide', 'include', 'attach', 'share', 'specify', 'forward']);
/** Characters that open a quotation: an imperative right after one is someone else's words ("получаю ответ «пришлите VIN»"). */
const OPEN_QUOTES = new Set(['«', '"', '“', '„', "'"]);
/** "Пришлите мне / send me …" before the reader's data: the writer receives it, an agent rather than a customer. */
const READER_GIVES_TO_ME = ['мне', 'me'];
/** Words between an imperative and its object that say nothing of who is asked ("пришлите, пожалуйста, ваш номер"). */
const OBJECT_FILLERS = new Set(['пожалуйста', 'нам', 'также', 'еще', 'и', 'сюда', 'ответным', 'письмом', 'в', 'ответ', 'обязательно', 'please', 'kindly', 'us', 'also', 'the', 'a', 'an', ...READER_GIVES_TO_ME]);
/** The customer's own data, the object of a request from support ("пришлите номер телефона", "укажите VIN", "приложите скриншот"). */
const OWN_DATA = /^(телефон|номер|почт|mail|email|адрес|скрин|фото|снимк|снимок|vin|вин|imei|имеи|стс|птс|фио|описан|дат|логин|модел|свидетельств|паспорт|скан|город|фамил|имя|phone|number|e?mail|screen|photo|picture|name|date|address|login|model|description|registration)/;
/** What follows "номер" when it is not the customer's data ("номер заявки"): a customer asking us for it. */
const NOT_OWN_NUMBER = /^(заявк|обращени|запрос|тикет|очеред|горяч|поддержк)/;
/** Support speaking of its side of the work: "с нашей стороны всё работает", "on our side". */
const OUR_SIDE = /(?<!\p{L})(с нашей стороны|со своей стороны мы|on our (side|end))(?!\p{L})/iu;

/**
 * How often the text asks its reader for the reader's own data with an imperative ("Пришлите,
 * пожалуйста, номер телефона", "укажите VIN"), as support does; a customer's imperatives ask for help
 * ("подскажите, что прислать", "пришлите промокод", "пришлите мне инструкцию"). `toMe` counts the
 * "мне / me" inside those asks ("пришлите мне номер телефона").
 */
function asksReaderForData(text: string, words: readonly { text: string; start: number }[]): { asks: number; toMe: number } {
  let asks = 0;
  let toMe = 0;
  for (let i = 0; i < words.length; i++) {
    const verb = words[i]!;
    const giving = GIVING_VERB_EN.has(verb.text) || (IMPERATIVE.test(verb.text) && GIVING_VERB.test(verb.text));
    if (!giving || OPEN_QUOTES.has(text[verb.start - 1] ?? '')) continue;
    let j = i + 1;
    while (j < words.length && j <= i + 4 && (OBJECT_FILLERS.has(words[j]!.text) || words[j]!.text.startsWith('ваш') || words[j]!.text === 'your')) j++;
    const object = words[j]?.text;
    if (!object || !OWN_DATA.test(object)) continue;
    if (object.startsWith('номер') && NOT_OWN_NUMBER.test(words[j + 1]?.text ?? '')) continue;
    asks++;
    for (let k = i + 1; k < j; k++) if (READER_GIVES_TO_ME.includes(words[k]!.text)) toMe++;
  }
  return { asks, toMe };
}

/** Is a sender (a header's value) the support team? */
const isSupport = (who: string) => SUPPORT_SENDER.test(who);
/** Is a recipient the support team or Kia at all ("Кому: Kia Motors Rus")? A reply is written to a customer. */
// Not Mobikey's own support (mobikey@hyundai.ru), to whom our agents forward cases.
const toKia = (who: string) => (isSupport(who) && !/mobikey@/i.test(who)) || /kia|киа/i.test(who);

/** Does our side speak in a chat transcript ("[11:41] Оператор Марина: …", "Operator: …")? */
function operatorSpeaks(text: string): boolean {
  for (const { line } of lines(text)) if (chatSpeaker(line)?.operator) return true;
  return false;
}

/**
 * Is the document a customer's message rather than a reply being drafted? It is when it opens with
 * mail headers from a sender who is not support (From/От, possibly under a "Forwarded message" line)
 * or to support (Кому/To without a sender), opens with a "… пишет:" line or is all `>` quotes, or
 * speaks in the first person singular without a support signature ("У меня не работает… Подскажите,
 * что делать?"). A head from support or to someone else is our reply being written, and the customer's
 * lines quoted at the very top are followed by the text that decides.
 * @example
 * isIncoming('От: Иван <ivan@mail.ru>\n\nНе могу войти в кабинет.') // true
 * isIncoming('От: Служба поддержки Kia <support@kia.ru>\nКому: Иван <ivan@mail.ru>\n\nПришлите номер телефона.') // false
 */
export function isIncoming(text: string): boolean {
  const head = mailHead(text);
  if (head?.from !== undefined) return !isSupport(head.from);
  // No sender: whoever it is written to says who writes it ("Кому: support@kia.ru" came in; "Кому: Ирина…" is ours).
  if (head?.to !== undefined) return toKia(head.to);
  // A chat transcript where our operator speaks ("[11:41] Оператор Марина: Уточните …") is ours, whatever the client's lines say.
  if (!head && operatorSpeaks(text)) return false;
  if (!head) {
    for (const { line } of lines(text)) {
      if (!line) continue;
      if (line.length <= 240 && WROTE_LINE.test(line)) return true;
      break;
    }
  }
  const start = replyStart(text);
  // Nothing but quoted lines: a message that came in.
  if (!text.slice(start).trim()) return start > 0;
  const end = replyEnd(text);
  const own = ownText(text, end).slice(start, Math.max(start, Math.min(end, start + 20_000)));
  const signed = own
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-4)
    .some((l) => SUPPORT_SIGNATURE.test(l));
  const words = tokenize(own);
  // The customer's own voice in the part above any quote.
  let mine = CUSTOMER_CLOSING.test(own) ? 2 : 0;
  let addressed = false;
  for (const w of words) {
    if (FIRST_PERSON.has(w.text)) mine++;
    // Support's own voice ("передам в техотдел", "проверим") addresses the customer too, without "вы".
    if (SECOND_PERSON.has(w.text) || w.text.startsWith('ваш') || SUPPORT_VOICE.has(w.text)) addressed = true;
  }
  // Support's voice: asking the reader for the reader's data ("пришлите номер телефона"), or speaking
  // of "our side". It outweighs an agent's "я проверила", not a customer who gives their own data or
  // speaks for themselves more often than they ask.
  const asked = asksReaderForData(own, words);
  const ours = asked.asks + (OUR_SIDE.test(own) ? 1 : 0);
  // "Пришлите мне номер телефона": that "мне" is the agent receiving the reader's data, not a customer's own voice.
  mine -= asked.toMe;
  const customerData = givesOwnData(own);
  const reply = signed || (ours > 0 && !customerData && mine <= ours + 1);
  if (ours > 0) addressed = true;
  // Mail headers (Тема:, Subject:) over a text that neither support signs nor reads as support's: a message that came in.
  if (head && !reply) return true;
  // Nobody is addressed as "вы / you", nobody from support signs, and the text gives its own data
  // (a VIN, a phone number, an e-mail address that is not ours): the customer writing to us.
  if (!addressed && !signed && customerData) return true;
  // Speaks for itself ("прошу", "прикладываю"), addresses nobody and signs with a person's name
  // ("Спасибо! Анна"): a customer asking us, not an agent asking the customer.
  if (mine >= 1 && !addressed && !signed && signedByName(own)) return true;
  // Greets the support team ("Уважаемая служба поддержки!", "Hello Kia Support,"): written to us.
  if (!signed && greetsSupport(own)) return true;
  // Answers a message of ours quoted right below it ("От: Поддержка Kia <support@kia.ru>"), speaks for
  // itself ("отправила, как вы просили") and signs with a person's name: the customer's reply to us.
  if (mine >= 1 && !signed && signedByName(own) && repliesToSupport(text, end)) return true;
  // "Я проверила… Пришлите номер телефона": an agent asking for the reader's data speaks for itself too.
  if (reply) return false;
  return mine >= 2;
}

/** Is the first quoted message below the reply (its "От: / From:" header or "… пишет:" line, among the first ten lines) from support? */
function repliesToSupport(text: string, end: number): boolean {
  let n = 0;
  for (const { line } of lines(text, end)) {
    if (!line) continue;
    if (++n > 10) return false;
    const from = FROM_HEADER.exec(line);
    if (from) return isSupport(from[2]!);
    if (line.length <= 240 && WROTE_LINE.test(line)) return isSupport(line);
  }
  return false;
}

/** A first line that greets the support team: a greeting, then its name, and nothing after but a comma or an exclamation mark. */
const GREETS_SUPPORT = /^(?:(?:уважаем\p{L}{0,3}|дорог\p{L}{0,3}|здравствуйте|добрый (?:день|вечер)|доброе утро|hello|dear|hi)[,!]?\s{1,3})+(?:(?:служба|отдел|команда|сотрудники|специалисты)\s{1,3})?(?:(?:тех)?поддержк\p{L}{0,3}|клиентск\p{L}{0,3} служб\p{L}{0,3}|kia support|support team|киа|kia)(?:\s{1,3}(?:kia|киа))?\s{0,3}[,!.]?$/iu;

/** "Уважаемые коллеги!", "Коллеги, добрый день.": written to colleagues (a partner's or a company's letter to us, or an internal one), not to a customer. */
const GREETS_COLLEAGUES = /^(?:(?:уважаем\p{L}{0,3}|дорог\p{L}{0,3}|здравствуйте|добрый (?:день|вечер)|доброе утро)[,!]?\s{1,3}){0,2}коллеги(?:[,!.]?\s{1,3}(?:добрый (?:день|вечер)|доброе утро|здравствуйте))?\s{0,3}[,!.]?$/iu;

function greetsSupport(own: string): boolean {
  for (const { line } of lines(own)) if (line) return line.length <= 80 && (GREETS_SUPPORT.test(line) || GREETS_COLLEAGUES.test(line));
  return false;
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

export function editDistanceAtMost1(a: string, b: string): boolean {
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
  // An uninflected word is itself or another word: "вместе" is no typo of "вместо".
  if (UNINFLECTED.has(stem)) return false;
  // A longer form of the phrase's word (фото → фотографию), not the other way round (дилерский ≠ дилеру).
  if (stem.length >= 4 && a.stem.startsWith(stem)) return true;
  // One typo, only in long words: in short ones it turns one word into another (модем/модель).
  if (stem.length >= 6 && a.stem.length >= 6 && editDistanceAtMost1(a.stem, stem)) return true;
  // In a shorter word, only a vowel dropped inside it ("дилра", "визта" typed in haste): that seldom
  // makes another word, as a changed letter does. Not the last letter, where forms differ.
  return stem.length >= 5 && a.stem === withoutInnerVowel(stem, a.stem);
}

const VOWEL_LETTER = /[аеёиоуыэюя]/;

/** `stem` with the one inner vowel that `shorter` lacks taken out, when that is all that tells them apart; else ''. */
export function withoutInnerVowel(stem: string, shorter: string): string {
  if (shorter.length !== stem.length - 1) return '';
  let i = 0;
  while (i < shorter.length && stem[i] === shorter[i]) i++;
  return i >= 1 && i < stem.length - 1 && VOWEL_LETTER.test(stem[i]!) && stem.slice(i + 1) === shorter.slice(i) ? shorter : '';
}

/** The stem's forms with one inner vowel dropped ("дилер" → "дилр"), by which a draft's word may find it. */
export function innerVowelDrops(stem: string): string[] {
  const out: string[] = [];
  if (stem.length < 5) return out;
  for (let i = 1; i < stem.length - 1; i++) if (VOWEL_LETTER.test(stem[i]!)) out.push(stem.slice(0, i) + stem.slice(i + 1));
  return out;
}

/** Stems of a phrase's words. */
export function phraseStems(phrase: string): string[] {
  return wordsOf(phrase).map((w) => w.stem);
}

/** Prepositions: inside a phrase one stands for any other ("когда были у дилера" = "когда вы были в дилерском центре"). */
// Not "with": "registered with" (the login) is not "registered on" (the date).
const PREPOSITION_WORDS = new Set(['в', 'во', 'у', 'к', 'ко', 'на', 'с', 'со', 'о', 'об', 'при', 'по', 'из', 'от', 'до', 'за', 'in', 'at', 'to', 'on', 'from']);
/** The addressee's pronouns: inside a phrase they may be left out ("как вас зовут" = "как зовут владельца"). */
const ADDRESSEE_WORDS = new Set(['вас', 'вы', 'вам', 'ваш', 'ваша', 'ваше', 'ваши', 'вашу', 'вашего', 'вашей', 'you', 'your']);

/**
 * "который" inside a phrase stands for "какой" too, when the phrase's verb follows it: "с каким
 * логином входите" is "логин, с которым входите" ("номер, на который …" at a phrase's end is not "номер … в каком").
 */
const RELATIVE_STEM = 'котор';
const isInterrogative = (w: Word) => w.stem === 'как' && w.text !== 'как';
const COORDINATORS = new Set(['или', 'либо', 'и', 'or', 'and']);
/** The polite word, which stands between the words of a phrase or a verb and its object without parting them (shorthand like "плз" is read as it). */
export const POLITE: ReadonlySet<string> = new Set(['пожалуйста', 'please']);

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
      if (words[j]!.cell) break;
      // Other words may stand between a phrase's words, but not a line's end: "данные по шаблону:" /
      // "Дата регистрации:" is no "данные при регистрации".
      if (j > at + 1 && words[j]!.parted) break;
      // "дату рег." / "дату рег, логин" is the registration date: after the phrase's first word, a word cut
      // short (with its period, or one that only begins the phrase's word) stands for the longer word it
      // begins (not as a first word: "тех." is no "техпаспорт").
      if (sameWord(words[j]!, stem) || ((words[j]!.cut || CUT_WORD.test(words[j]!.text)) && stem.length > words[j]!.text.length + 2 && stem.startsWith(words[j]!.text)) || (preposition && PREPOSITION_WORDS.has(words[j]!.text)) || (stem === RELATIVE_STEM && k < stems.length - 1 && isInterrogative(words[j]!))) {
        next = j;
        break;
      }
      if (words[j]!.parted) break;
      if (reach === at + 3 && j > at + 1 && stems[k - 1] === RELATIVE_STEM && COORDINATORS.has(words[j]!.text)) reach += 2;
      // "пожалуйста" between is no word of the sentence's own ("ошибка — приложите, пожалуйста, её фото"); once per step.
      if (POLITE.has(words[j]!.text) && reach <= at + 4) reach++;
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
