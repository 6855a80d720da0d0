/**
 * Sentences of a reply draft, found in one pass over the text (no regex scans that restart at every
 * position): terminal punctuation followed by a space ends a sentence, except after abbreviations
 * (эл., т.е., г., ул.…) and initials; URLs, e-mail addresses and decimals never contain "punctuation +
 * space"; a line break ends a sentence unless the next line plainly continues it (lower-case start,
 * no list marker, previous line not closed by punctuation or a colon). List lines (`1.`, `1)`, `-`,
 * `–`, `—`, `•`, `*`, and the glyphs of word processors: `»`, `▪`, `◦`, `►`, `■`, `●`…) and markdown table rows (`| … |`) are sentences of their own and remember the
 * sentence that introduced them.
 */
export interface Sentence {
  start: number;
  /** End of the sentence, its final punctuation included, trailing spaces excluded. */
  end: number;
  /**
   * The list marker as written, with one space ("- ", "1. ", "2) "), when the sentence is a list line;
   * for a line of a form to fill in, the line with its label replaced by `%s` ("**%s:** ____").
   */
  bullet?: string;
  /** For list lines: the column of the marker and its kind (digits, a letter, a bullet), to tell sub-items from items. */
  indent?: number;
  markerKind?: 'number' | 'letter' | 'bullet' | 'form';
  /** For list lines: index of the sentence that introduces the list (ends with ":" or stands right above it). */
  lead?: number;
  /** Paragraph number (blank lines separate paragraphs; a heading starts one). */
  paragraph: number;
  heading: boolean;
}

/** Abbreviations after which a period does not end the sentence (folded, without the period). */
const ABBREVIATIONS = new Set([
  // Cut short by terse writers: "уч. записи", "рег.", "кот. зарегистрирован", "тех. поддержка", "в течение 3 раб. дней".
  'уч', 'рег', 'кот', 'тех', 'раб', 'мес', 'прил', 'инф', 'зарег',
  'эл', 'т', 'е', 'д', 'п', 'г', 'гг', 'ул', 'пр', 'просп', 'пер', 'им', 'тел', 'стр', 'см', 'св', 'др', 'н', 'руб', 'коп', 'шт', 'мин', 'макс', 'напр', 'наб', 'обл', 'р', 'кв', 'корп', 'вв', 'ок', 'доп', 'прим', 'рис', 'вкл', 'искл', 'отд', 'ф', 'и', 'о', 'а', 'м',
  'e', 'g', 'i', 'etc', 'mr', 'mrs', 'ms', 'dr', 'no', 'vs', 'approx', 'tel', 'st',
]);

const SPACE = /\s/;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER_START = /^[\p{Ll}\d(«"“]/u;
const LOWER_LETTER = /\p{Ll}/u;
/** Words that cannot end a sentence: a line that stops on one goes on below ("укажите ФИО и" / "телефон"). */
const JOINING_WORDS = new Set(['и', 'или', 'а', 'но', 'в', 'во', 'на', 'с', 'со', 'по', 'для', 'от', 'к', 'из', 'у', 'о', 'об', 'за', 'при', 'что', 'который', 'которая', 'которое', 'которые', 'где', 'куда', 'and', 'or', 'the', 'a', 'of', 'to', 'with', 'for', 'in', 'on', 'your']);

/** Conjunctions that open a line going on with the sentence above ("и пару слов, что не так", "ну и фио", "а также VIN"). */
const LINE_JOINERS = new Set(['и', 'а', 'или', 'также', 'плюс', 'and', 'or', 'also', 'plus']);

/** Does the line [a, b) open with a conjunction (after "ну", a filler)? */
function startsOnJoiningWord(text: string, a: number, b: number): boolean {
  let i = a;
  while (i < b && LETTER.test(text[i]!)) i++;
  let word = text.slice(a, i).toLowerCase();
  if (word === 'ну' && text[i] === ' ') {
    const from = i + 1;
    i = from;
    while (i < b && LETTER.test(text[i]!)) i++;
    word = text.slice(from, i).toLowerCase();
  }
  return i < b && text[i] === ' ' && LINE_JOINERS.has(word) && LOWER_LETTER.test(text[a]!);
}

/** Words that open a greeting ("Добрый день", "Здравствуйте, Ирина", "Hi Anna"). */
const GREETINGS = new Set(['здравствуйте', 'здравствуй', 'добрый', 'доброе', 'доброго', 'привет', 'приветствую', 'здр', 'hi', 'hello', 'dear', 'уважаемый', 'уважаемая', 'good']);

/** A greeting on a line of its own ("Добрый день" over "по ЛК: напишите…"): the next line starts anew. */
function greetingLine(text: string, s: { start: number; end: number }): boolean {
  if (s.end - s.start > 40 || text.slice(s.start, s.end).includes('\n')) return false;
  let i = s.start;
  while (i < s.end && LETTER.test(text[i]!)) i++;
  return GREETINGS.has(text.slice(s.start, i).toLowerCase());
}

/** Does the sentence at `at` open with a capitalised word ("Пришлите", not "ДЦ" or "VIN")? */
function openedByCapital(text: string, at: number): boolean {
  while (at < text.length && !LETTER.test(text[at]!) && !SPACE.test(text[at]!)) at++;
  return UPPER.test(text[at] ?? '') && LOWER_LETTER.test(text[at + 1] ?? '');
}

/** Does the open sentence stop on a joining word (a preposition or conjunction)? */
function endsOnJoiningWord(text: string, s: { start: number; end: number }): boolean {
  let i = s.end;
  while (i > s.start && LETTER.test(text[i - 1]!)) i--;
  if (i === s.end || (i > s.start && !SPACE.test(text[i - 1]!))) return false;
  return JOINING_WORDS.has(text.slice(i, s.end).toLowerCase());
}
/**
 * A list marker at the start of a trimmed line: bullets, numbers, multi-level numbers ("1.1.", "2.3)",
 * "1.2") and lower-case letters of sub-items ("а)", "б.", "b)"; not initials). Anchored and bounded, so one attempt per line.
 */
// Word processors and mail clients bullet with other glyphs too ("» телефон", "▪ VIN", "● фото СТС").
// Terse writers bullet with arrows too ("→ VIN", "-> фото СТС").
// Chat-style writers bullet with emoji ("✅ VIN", "📎 фото СТС", "👤 Владелец" over its own "• ФИО"): a pictograph, its variation selector aside.
const LIST_MARKER = /^([-–—•*·+»▪◦‣►▸■●➢→⇒]|->|=>|\p{Extended_Pictographic}(?:[\uFE0F\u200D]|\p{Emoji_Modifier}|\p{Extended_Pictographic}){0,8}|\d\uFE0F?\u20E3|\d{1,2}(?:\.\d{1,2}){0,3}[.)]|\d{1,2}(?:\.\d{1,2}){1,3}|[a-zа-яё][.)])[ \t]+/u;

/** What a table row's "marker" reads as: its first pipe. */
const TABLE_ROW = Object.assign(['|', '|'], { index: 0, input: '|' }) as RegExpExecArray;

/** A table's header rule: pipes, dashes, colons and spaces only ("|---|:--|"). */
function isTableRule(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!'|-:– \t'.includes(text[i]!)) return false;
  return true;
}

/** The speaker of a chat line, after an optional time: "[11:41] Оператор Марина: ", "Клиент: ". */
const CHAT_SPEAKER = /^(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s{0,3})?(оператор|operator|агент|agent|клиент|client|customer|покупатель)(?:[ \t][^:\n]{0,40})?:[ \t]*/i;
const OPERATOR = /^(оператор|operator|агент|agent)$/i;

/**
 * Who speaks on a line of a chat transcript, and how long the prefix that says so is: our operator
 * ("09:33 Оператор Ольга: …") or the client ("Клиент: …"); undefined for any other line. Looks at the
 * line's first 80 characters only.
 */
export function chatSpeaker(line: string): { operator: boolean; length: number } | undefined {
  const m = CHAT_SPEAKER.exec(line.length > 80 ? line.slice(0, 80) : line);
  return m ? { operator: OPERATOR.test(m[1]!), length: m[0].length } : undefined;
}

/** The line [start, stop) without the white space around it, as [a, b). */
function trimmedLine(text: string, start: number, stop: number): [number, number] {
  let a = start;
  let b = stop;
  while (a < b && SPACE.test(text[a]!)) a++;
  while (b > a && SPACE.test(text[b - 1]!)) b--;
  return [a, b];
}

/** A line that is all bold ("**Что нужно прислать**"): a heading in markdown-less writing. */
function isBoldLine(text: string, a: number, b: number): boolean {
  if (b - a < 5) return false;
  const mark = text.slice(a, a + 2);
  if ((mark !== '**' && mark !== '__') || text.slice(b - 2, b) !== mark) return false;
  // One bold run only: "**ФИО** и **VIN**" is a line of text.
  return text.indexOf(mark, a + 2) === b - 2;
}

function isTerminal(ch: string): boolean {
  return ch === '.' || ch === '!' || ch === '?' || ch === '…';
}

/** A period and only a closing bracket after it ("(при рег.) / VIN"): the abbreviation's period, judged as one. */
function closesAbbreviation(text: string, i: number, j: number): boolean {
  return j === i + 2 && text[i + 1] === ')';
}

/** Does the period at `at` end a sentence, judging by the word right before it? */
function periodEnds(text: string, at: number, lineStart: number): boolean {
  let i = at;
  while (i > lineStart && LETTER.test(text[i - 1]!)) i--;
  const word = text.slice(i, at);
  if (!word) return true;
  // Initials ("А. С. Пушкин", "Ф. И. О.") and abbreviations.
  if (word.length === 1 && UPPER.test(word)) return false;
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  return !(text[at + 1] === ' ' && CYRILLIC_LOWER.test(text[at + 2] ?? '') && cutShort(word.toLowerCase()));
}

const CYRILLIC_LOWER = /[а-яё]/;
const CONSONANT_END = /[бвгджзклмнпрстфхцчшщ]$/;
const TWO_CONSONANTS_END = /[бвгджзклмнпрстфхцчшщ]{2}$/;
/** Whole words that end in two consonants ("текст. пришлите…"), not cut short. */
const WHOLE_SHORT_WORDS = new Set(['текст', 'мост', 'пост', 'рост', 'тест', 'лист', 'жест', 'сайт', 'факт', 'вход', 'всех', 'спорт', 'контакт', 'аккаунт', 'пункт', 'смысл', 'центр', 'фильтр', 'район', 'ремонт', 'момент', 'вариант', 'клиент', 'документ', 'запуск', 'поиск', 'сброс', 'вопрос', 'ответ']);

/**
 * A Russian word cut short before a vowel, the way abbreviations are made ("уч. записи", "рег.",
 * "кот. зарегистрирован", "примерн. дата", "добр. день"), with a lower-case word after it: it ends in a
 * consonant cluster ("примерн", "добр"), which whole words seldom do; shorter cuts are listed above.
 */
function cutShort(word: string): boolean {
  if (!CYRILLIC_LOWER.test(word[0]!) || word.length > 7 || !CONSONANT_END.test(word) || WHOLE_SHORT_WORDS.has(word)) return false;
  // Lower-case acronyms ("птс", "смс", "лк") have no vowel and are whole words.
  return VOWEL.test(word) && TWO_CONSONANTS_END.test(word);
}
const VOWEL = /[аеёиоуыэюя]/;

/**
 * Punctuation inside quotation marks followed by a lower-case word, a bracket or a clause mark: the
 * sentence goes on ("выберите «Забыли пароль?» и укажите e-mail", "после «Отправить!» (или …)").
 */
function quotedInside(text: string, i: number, j: number, b: number): boolean {
  const close = text[j - 1];
  if (close !== '»' && close !== '”' && close !== '"') return false;
  let k = j;
  while (k < b && SPACE.test(text[k]!)) k++;
  return k < b && /[\p{Ll}(,;:–—-]/u.test(text[k]!) && j - 1 > i;
}

/** A line that is only a rule: five or more dashes, underscores, equals signs or asterisks ("-----", "=====", "* * *" not included). */
function isRuleLine(text: string, a: number, b: number): boolean {
  if (b - a < 5) return false;
  const ch = text[a]!;
  if (ch !== '-' && ch !== '_' && ch !== '=' && ch !== '*' && ch !== '—') return false;
  for (let i = a + 1; i < b; i++) if (text[i] !== ch) return false;
  return true;
}

/** What a form leaves to fill in: underscores, dots, dashes, empty brackets, or a placeholder ("[VIN]", "<имя>", "{{vin}}"). */
const BLANKS = /^(?:[\s_.…\-–—[\]<>()]+|\[[^\]\n]{1,30}\]|<[^>\n]{1,30}>|\{\{[^}\n]{1,30}\}\})$/;

/**
 * A line of a form to fill in: a short label, a colon, and blanks ("ФИО: ________", "VIN: [VIN]"), or a
 * bold label and a short note ("**Фото СТС:** приложите к письму"). Returns the line as a
 * template for one more such line (the label replaced by `%s`); not "Телефон: 8 800 …" in a signature.
 */
function formLine(text: string, a: number, b: number, inForm = false): string | undefined {
  const bold = text.startsWith('**', a) || text.startsWith('__', a) ? text.slice(a, a + 2) : '';
  const labelStart = a + bold.length;
  // Looked for within the label's reach only: a search to the end of the text at every line is quadratic.
  // Inside a form a label may carry a note in brackets ("Что произошло (если дилер отказал — почему):").
  const at = text.slice(labelStart, Math.min(b, labelStart + (inForm ? 101 : 61))).indexOf(':');
  if (at < 0) return undefined;
  const colon = labelStart + at;
  if (!LETTER.test(text.slice(labelStart, colon))) return undefined;
  let after = colon + 1;
  // Inside a form the bold may close before a note in brackets ("**ПТС** (страница с годом выпуска): вложением").
  const noteAfterBold = !!bold && inForm && !text.startsWith(bold, after) && boldThenNote(text, labelStart, colon, bold);
  if (bold && text.startsWith(bold, after)) after += bold.length;
  else if (bold && !noteAfterBold) return undefined;
  const rest = text.slice(after, b).trim();
  const mark = noteAfterBold ? `:${bold}` : text.slice(colon, after);
  // A label with nothing after it is a field left empty, but only inside a form (see `inForm`):
  // alone, "Пришлите следующее:" introduces a list.
  if (!rest) return inForm ? `${bold}%s${mark}` : undefined;
  const blanks = BLANKS.test(rest);
  // A label's note to the customer ("фото или скан, обе стороны (2 файла)"), not a phone number or an
  // address: bold, or among the lines of a form ("Скриншот ошибки: приложите файлом").
  if (!blanks && ((!bold && !inForm) || rest.length > 80 || (rest.match(/\d/g)?.length ?? 0) > 3)) return undefined;
  return `${bold}%s${mark} ${blanks ? rest : '____'}`;
}

/** "**Label** (a note in brackets):": the bold closes before the colon, and only a bracketed note stands between. */
function boldThenNote(text: string, labelStart: number, colon: number, bold: string): boolean {
  const close = text.slice(labelStart, colon).indexOf(bold);
  if (close <= 0) return false;
  const note = text.slice(labelStart + close + bold.length, colon).trim();
  return note.startsWith('(') && note.endsWith(')');
}

/**
 * A label with a dash after it and nothing to its right, in a list being filled in ("ФИО -", "VIN —"
 * under "напишите:"): the dash is the blank, as "ФИО: ____" is. Only while a list is open, so a line
 * that breaks off a sentence with a dash ("если не поможет —" / "напишите нам") still continues it.
 */
function dashLine(text: string, a: number, b: number): string | undefined {
  const dash = text[b - 1]!;
  if ((dash !== '-' && dash !== '–' && dash !== '—') || b - a > 100 || !SPACE.test(text[b - 2] ?? '')) return undefined;
  return LETTER.test(text.slice(a, b - 1)) ? `%s ${dash}` : undefined;
}

/** A short label and a colon with nothing after it ("VIN-номер:", "**Дата визита:**"): a field of a form left empty, or a sub-head. */
function emptyField(text: string, a: number, b: number): boolean {
  return b - a <= 64 && formLine(text, a, b, true) !== undefined && formLine(text, a, b) === undefined && introducesList(text, { start: a, end: b });
}

/** The next line below `lineEnd` that is not blank, trimmed, as [start, end) (one line looked at: linear). */
function nextLine(text: string, lineEnd: number, end: number): [number, number] | undefined {
  let start = lineEnd + 1;
  while (start < end) {
    let stop = text.indexOf('\n', start);
    if (stop < 0 || stop > end) stop = end;
    const [a, b] = trimmedLine(text, start, stop);
    if (a < b) return [a, b];
    start = stop + 1;
  }
  return undefined;
}

/** Does the sentence end with a colon (markdown emphasis around it aside: "**Что прислать:**")? */
export function introducesList(text: string, s: { start: number; end: number }): boolean {
  let i = s.end - 1;
  while (i > s.start && (text[i] === '*' || text[i] === '_')) i--;
  return text[i] === ':';
}

/**
 * "Не могли бы вы ответить на несколько вопросов?" / "Please answer these questions." over a list:
 * the list below is the questions, across a blank line as after a colon. Looks at the sentence once.
 */
export function asksToAnswerQuestions(text: string, s: { start: number; end: number }): boolean {
  if (s.end - s.start > 300) return false;
  const t = text.slice(s.start, s.end).toLowerCase();
  return /(ответ|answer)/.test(t) && /(вопрос|question)/.test(t);
}

/** Does the sentence name a table ("заполните таблицу", "the table below")? Looks at its first 300 characters. */
function namesTable(text: string, s: { start: number; end: number }): boolean {
  return /(?<!\p{L})(таблиц|table(?!\p{L}))/iu.test(text.slice(s.start, Math.min(s.end, s.start + 300)));
}

export function segment(text: string, end = text.length): Sentence[] {
  const out: Sentence[] = [];
  const leads = new Map<Sentence, Sentence>();
  let paragraph = 0;
  let blankBefore = true;
  /** The sentence still being read: it may continue on the next line. */
  let open: Sentence | undefined;
  /** The sentence a list below belongs to, while nothing else came in between. */
  let lead: Sentence | undefined;
  const endsWithColon = (s: Sentence) => introducesList(text, s);
  // Sentences that stand on a list line after its first one ("1. … . Чтобы исправить, пришлите …"):
  // they belong to that item, and introduce no list of their own unless they end with a colon.
  const onListLine = new Set<Sentence>();
  const close = () => {
    if (open && open.end > open.start) out.push(open);
    open = undefined;
  };
  /** The line above was a line of a form to fill in. */
  let inForm = false;
  /** The line [a, b) (no list marker) as a line of a form to fill in: its template, or undefined. */
  const fieldOfForm = (a: number, b: number, lineEnd: number): string | undefined => {
    let form = formLine(text, a, b);
    if (!form && inForm && !emptyField(text, a, b)) form = formLine(text, a, b, true);
    if (!form && emptyField(text, a, b)) {
      const next = nextLine(text, lineEnd, end);
      const above = open ?? out[out.length - 1];
      const underLead = !!above && !above.bullet && endsWithColon(above);
      if (inForm ? !(next && LIST_MARKER.test(text.slice(next[0], Math.min(next[1], next[0] + 16)))) : underLead && !!next && (emptyField(text, next[0], next[1]) || formLine(text, next[0], next[1]) !== undefined)) form = formLine(text, a, b, true);
    }
    return form;
  };
  /** A sentence above a blank line that names a table: the table's rows right below are its list. */
  let tableLead: Sentence | undefined;
  /** The open sentence was begun on a chat line of our operator. */
  let openByOperator = false;
  let lineStart = 0;
  for (;;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let [a, b] = trimmedLine(text, lineStart, lineEnd);
    // A chat transcript's speaker ("09:33 Оператор Ольга: номер телефона"): our operator's words are read
    // without the prefix, so their lines run on as one message; the client's lines are no part of the reply.
    const speaker = a < b ? chatSpeaker(text.slice(a, Math.min(b, a + 80))) : undefined;
    const clientLine = !!speaker && !speaker.operator;
    if (speaker?.operator) a += speaker.length;
    if (clientLine) {
      inForm = false;
      close();
      lead = undefined;
    } else if (a === b) {
      inForm = false;
      close();
      if (!blankBefore) paragraph++;
      blankBefore = true;
      // A lead ending with ":" keeps its list across blank lines (markdown lists).
      const last = out[out.length - 1];
      if (!lead && last && !last.bullet && (endsWithColon(last) || asksToAnswerQuestions(text, last))) lead = last;
      // "Заполните таблицу и отправьте её через форму https://…" with no colon: it introduces the table below.
      else if (!lead && last && !last.bullet && namesTable(text, last)) tableLead = last;
      else if (lead && !endsWithColon(lead) && !lead.heading) lead = undefined;
    } else if (text[a] === '|' && isTableRule(text, a, b)) {
      // A markdown table's "|---|---|" rule: neither a sentence nor a break in the list of rows.
    } else if (isRuleLine(text, a, b)) {
      // A rule drawn around a template the customer fills in ("-----" / "ФИО:" / "VIN:" / "-----"):
      // it ends the sentence above but not the list its lead introduces.
      inForm = false;
      close();
    } else if (text[a] === '#' || (isBoldLine(text, a, b) && !fieldOfForm(a, b, lineEnd))) {
      // All bold is a heading, but not a form's field in bold under "пришлите по шаблону:" ("**VIN:**" over "**Дата покупки:**").
      inForm = false;
      close();
      if (!blankBefore) paragraph++;
      let h = a;
      while (h < b && (text[h] === '#' || text[h] === ' ' || text[h] === '*' || text[h] === '_')) h++;
      while (b > h && (text[b - 1] === '*' || text[b - 1] === '_')) b--;
      const heading: Sentence = { start: h, end: b, paragraph, heading: true };
      if (h < b) out.push(heading);
      paragraph++;
      blankBefore = true;
      // "## Что нужно прислать" introduces the list below it, across blank lines.
      lead = h < b ? heading : undefined;
    } else {
      // A markdown table row is a list line: "| ФИО | Иванов Иван |" under "Пришлите:".
      const marker = text[a] === '|' ? TABLE_ROW : LIST_MARKER.exec(text.slice(a, Math.min(b, a + 16)));
      const previous = out[out.length - 1];
      const listOpen = !!lead || (!!open && endsWithColon(open)) || (!open && previous?.markerKind === 'form' && previous.paragraph === paragraph);
      // Labels with nothing after their colons, one a line, under a sentence that ends with a colon
      // ("…заполните и отправьте:" over "VIN-номер:", "Дата визита:"): a form copied into the reply, its
      // fields left empty. Two such lines at least (one alone reads as a sub-head), and not above a
      // bulleted list; after its first field, a form's line may carry a short note ("Скриншот: приложите файлом").
      let form = marker ? undefined : fieldOfForm(a, b, lineEnd);
      // "ФИО -" / "VIN —" under a request that ends with a colon: the dash is the blank.
      if (!form && !marker && listOpen) form = dashLine(text, a, b);
      inForm = !!form;
      // A lower-case line goes on with the sentence above only when that sentence was opened by a capital
      // (a capitalised word, not an abbreviation: "ДЦ, где делали активацию" / "когда были в ДЦ" are two lines of a list):
      // a writer who starts sentences in lower case ("добрый день" / "напишите модель и VIN" / "документы
      // не нужны") ends them at line breaks, and a lower-case start tells nothing. A line that stops on a
      // comma, a dash or a joining word ("пришлите фио и" / "телефон") goes on whoever wrote it.
      // In a chat our operator sends a list as one message a line ("Напишите ФИО владельца" / "номер
      // телефона" / "VIN автомобиля"): a line of theirs that opens with no capitalised word (an
      // abbreviation such as "VIN" is none) goes on with their unfinished line above.
      const chatRunOn = !!speaker?.operator && openByOperator && !openedByCapital(text, a);
      const continues = !!open && !marker && !form && !introducesList(text, open) && ((LOWER_START.test(text[a]!) && openedByCapital(text, open.start) && !greetingLine(text, open)) || /[,;–—-]/.test(text[open.end - 1]!) || endsOnJoiningWord(text, open) || startsOnJoiningWord(text, a, b) || (chatRunOn && !greetingLine(text, open)));
      let pos = a;
      let bullet: string | undefined;
      if (marker || form) {
        close();
        bullet = form ?? `${marker![1]} `;
        pos = form ? a : a + marker![0].length;
        const last = out[out.length - 1];
        if (!lead && last && !last.bullet && !(onListLine.has(last) && !endsWithColon(last)) && !last.heading && last.paragraph === paragraph) lead = last;
        if (!lead && marker === TABLE_ROW && last && last === tableLead) lead = last;
      } else if (!continues) {
        close();
        lead = undefined;
      }
      blankBefore = false;
      let first = true;
      let sentenceStart = continues ? open!.start : pos;
      const begin = (s: Sentence) => {
        if (bullet) onListLine.add(s);
        if (first && bullet) {
          s.bullet = bullet;
          s.indent = a - lineStart;
          s.markerKind = form ? 'form' : /^\d/.test(bullet) ? 'number' : LETTER.test(bullet[0]!) ? 'letter' : 'bullet';
          if (lead) leads.set(s, lead);
        }
        first = false;
      };
      let i = pos;
      while (i < b) {
        const ch = text[i]!;
        if (!isTerminal(ch)) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < b && (isTerminal(text[j]!) || text[j] === ')' || text[j] === '»' || text[j] === '"' || text[j] === '”')) j++;
        if ((j >= b || SPACE.test(text[j]!)) && (ch !== '.' || (j > i + 1 && !closesAbbreviation(text, i, j)) || periodEnds(text, i, a)) && !quotedInside(text, i, j, b)) {
          let s: Sentence;
          if (continues && first) {
            s = open!;
            s.end = j;
            first = false;
          } else {
            s = { start: sentenceStart, end: j, paragraph, heading: false };
            begin(s);
          }
          open = undefined;
          out.push(s);
          i = j;
          while (i < b && SPACE.test(text[i]!)) i++;
          sentenceStart = i;
        } else {
          i = j;
        }
      }
      if (sentenceStart < b) {
        if (continues && first) open!.end = b;
        else {
          open = { start: sentenceStart, end: b, paragraph, heading: false };
          openByOperator = !!speaker?.operator;
          begin(open);
        }
      }
    }
    if (lineEnd >= end) break;
    lineStart = lineEnd + 1;
  }
  close();
  const index = new Map(out.map((s, i) => [s, i]));
  for (const [s, l] of leads) {
    const at = index.get(l);
    if (at !== undefined) s.lead = at;
  }
  return out;
}
