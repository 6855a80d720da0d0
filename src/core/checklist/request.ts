import { editDistanceAtMost1, POLITE, type Word } from './draft';
import type { PhraseHit } from './match';
import { asksToAnswerQuestions, introducesList, segment, type Sentence } from './segment';

/**
 * Requests to the customer, recognised by grammar rather than by a list of phrases:
 * - imperatives of the asking verbs (укажите, пришлите, присылайте, направьте, отправьте, сообщите,
 *   предоставьте, приложите, опишите, расскажите, уточните, подскажите, напишите…);
 * - their infinitives next to a modal word (нужно, необходимо, просим, просьба, требуется, можете…);
 * - their gerunds (указав, отправив, приложив, предоставив) in a sentence that asks or recommends;
 * - "нам потребуются / нужны будут / понадобятся …" with nothing else to do;
 * - English: please send / provide / include / let us know, could you…, we (will) need…;
 * - a direct question about an item ("В каком городе сейчас автомобиль?").
 * Verbs are matched by their stem and ending, so forms nobody listed work too. Not requests: negated
 * ones (фото присылать не нужно), self-service steps in the app or on the site (в приложении введите
 * номер и укажите код), the customer's own questions (first person, or inside quotation marks), and
 * requests that ask for nothing (напишите нам, если будут вопросы).
 */
export interface Request {
  start: number;
  /** End of the request sentence (its final punctuation included). */
  sentenceEnd: number;
  /** End of the sentence or of the list below it. */
  end: number;
  /** The bullet the list uses ("- ", "• ", "1. "), when the request has one. */
  bullet?: string;
  listCount: number;
  /** Ranges of word indexes whose items the request asks for. */
  scope: [number, number][];
}

/** Roots of the verbs that ask for something (folded, matched at the word's start). */
const ASK_ROOTS = [
  'укаж', 'указ', 'пришл', 'присл', 'присыл', 'направ', 'отправ', 'сообщ', 'предостав', 'прилож', 'приклад', 'прикреп', 'вышл', 'высл', 'высыл', 'скин', 'скид', 'перешл', 'пересл', 'пересыл',
  'получ', 'увид', 'продублир', 'пиш', 'кинь', 'кидай', 'ответь', 'опиш', 'описа', 'описыв', 'расскаж', 'рассказ', 'уточн', 'подскаж', 'подсказ', 'напиш', 'написа', 'назов', 'назва', 'перечисл', 'загруз', 'остав', 'сфотограф', 'сделайте', 'передай', 'переда', 'дублир', 'вложи',
  // "заполните анкету ниже и верните её нам": a form filled in for us.
  'заполн', 'верн',
  // "нам нужно знать, к какой почте привязан кабинет": knowing, as a need of ours (see KNOW_ROOTS).
  'знать', 'узна', 'понять', 'понима',
  // "VIN в заявке не указан — допишите его", "дошлите скан": one more thing for the request.
  'допиш', 'дописа', 'дошл', 'досл',
  // "добавьте, пожалуйста: …", "добавьте к письму скан СТС": only with what is asked right after it (see addsItem).
  'добав',
  // "подтвердите, пожалуйста, адрес почты": confirming an item is sending it (not "подтвердите регистрацию" in the app; see addsItem).
  'подтверд',
  // "просим кратко изложить обстоятельства", "изложите, что произошло": set out, as "опишите".
  'излож',
  // "продиктуйте нам VIN", "надиктуйте номер модема": read out to us, as "назовите".
  'продикт', 'надикт',
];
/** Verbs of adding: with a destination after them in their clause ("в профиль", "к аккаунту") they are a step there, unless it is our letter. */
const ADD_ROOTS = ['добав'];
const DESTINATION = new Set(['в', 'во', 'к', 'на', 'to', 'into']);
/** Where added things go when they go to us: "в ответ", "к письму", "в заявку", "to your reply". */
const OUR_LETTER = /^(ответ|письм|обращени|заявк|сообщени|reply|email|message|letter)/;

/** A destination among words [a, b) that is not our letter ("в профиль", "к аккаунту", not "к письму"). */
function addsSomewhere(words: readonly Word[], a: number, b: number): boolean {
  for (let k = a; k + 1 < b; k++) if (DESTINATION.has(words[k]!.text) && !OUR_LETTER.test(words[k + 1]!.text) && !OUR_LETTER.test(words[k + 2]?.text ?? '')) return true;
  return false;
}
/** Verbs of receiving: they ask only as an infinitive after a wish or need of ours in their clause ("было бы здорово получить фото СТС", "нам нужно увидеть скриншот"). */
const RECEIVE_ROOTS = ['получ', 'увид', 'знать', 'узна', 'понять', 'понима'];
/** Verbs of knowing: they ask only as a need of ours, said with "нам / мне" ("нам важно понять, …"), not "вам нужно знать, что …", which informs. */
const KNOW_ROOTS = ['знать', 'узна', 'понять', 'понима'];
const TO_SPEAKER = new Set(['нам', 'мне']);
/** "было бы здорово / хорошо / удобно …": a wish that asks, like a modal word. */
const WISH_WORDS = new Set(['здорово', 'хорошо', 'удобно', 'отлично', 'неплохо', 'замечательно', 'полезно', 'желательно']);

/** Asking verbs that may also be a step the customer takes somewhere else ("укажите код из СМС" in the app); the others send to us. */
const AMBIGUOUS_ROOTS = ['укаж', 'указ', 'загруз', 'остав', 'назва', 'назов', 'добав', 'заполн', 'подтверд'];
const EN_AMBIGUOUS = new Set(['fill', 'complete', 'enter', 'specify', 'add', 'indicate', 'upload', 'confirm']);

/** Asking verbs that need an object worth asking for ("Подскажите, что делать?" asks for nothing). */
const EN_ASK = new Set(['fill', 'complete', 'send', 'provide', 'include', 'attach', 'specify', 'tell', 'share', 'give', 'confirm', 'describe', 'forward', 'upload', 'write', 'indicate', 'state', 'list', 'let', 'email', 'e', 'reply', 'add', 'submit', 'mention', 'resend']);
const MODALS = new Set([
  'нужно', 'нужна', 'нужны', 'нужен', 'надо', 'необходимо', 'необходима', 'необходимы', 'необходим', 'требуется', 'требуются', 'потребуется', 'потребуются', 'понадобится', 'понадобятся',
  'просим', 'прошу', 'просьба', 'следует', 'можете', 'сможете', 'могли', 'можно', 'достаточно', 'рекомендуем', 'рекомендуется', 'советуем', 'обязательно', 'стоит', 'важно', 'желательно', 'ждем', 'ожидаем', 'пригодится', 'пригодятся', 'осталось', 'остается', 'останется', 'жду',
  // "Скриншот тоже будет полезен": useful to us, like "пригодится".
  'полезен', 'полезна', 'полезны',
]);
/** Modal words that ask for things by themselves ("нам понадобятся ФИО и VIN"). */
const NOMINAL_NEED = new Set(['полезен', 'полезна', 'полезны', 'пригодится', 'пригодятся', 'ждем', 'жду', 'ожидаем', 'нужно', 'нужна', 'нужны', 'нужен', 'необходимо', 'необходима', 'необходимы', 'необходим', 'требуется', 'требуются', 'потребуется', 'потребуются', 'понадобится', 'понадобятся', 'достаточно']);
const NEGATIONS = new Set(['не', 'нет', 'ни', 'not', 'dont', 'don', 'never', 'no', 'без']);
const DATA_NOUNS = ['данн', 'информац', 'сведен', 'detail', 'information', 'info', 'data', 'следующ', 'following'];
/** Where a self-service step happens (before the verb in its clause): the customer does it there, not for us. */
const SELF_PLACES = new Set(['приложении', 'программе', 'сайте', 'кабинете', 'меню', 'настройках', 'экране', 'поле', 'странице', 'аккаунте', 'профиле', 'app', 'application', 'website', 'site', 'menu', 'settings', 'screen', 'field']);
const SELF_VERBS = new Set([
  'ввести', 'нажать', 'выбрать', 'открыть', 'зайти', 'перейти', 'войти', 'установить', 'перезагрузить', 'обновить', 'скачать', 'авторизоваться', 'добавить', 'удалить', 'привязать', 'зарегистрироваться',
  'введите', 'нажмите', 'выберите', 'откройте', 'зайдите', 'перейдите', 'войдите', 'установите', 'перезагрузите', 'обновите', 'подтвердите', 'скачайте', 'авторизуйтесь', 'добавьте', 'удалите', 'привяжите', 'зарегистрируйтесь', 'enter', 'tap', 'click', 'open', 'select', 'go', 'log', 'sign']);
/** Words that send what is asked to us: then it is a request even in a self-service setting. */
const TO_US_WORDS = new Set(['нам', 'нас', 'us', 'form']);
const TO_US = ['поддержк', 'ответн', 'ответе', 'письм', 'обратн', 'форму', 'форме', 'формы', 'обращени', 'reply', 'feedback', 'support'];
/** Clauses after the request that give a reason or speak of us, not of what to send. */
const CUT_AFTER = new Set(['потому', 'поскольку', 'так', 'т', 'because', 'since', 'мы', 'we', 'это', 'this']);
const FUNCTION_WORDS = new Set(['сюда', 'here', 'и', 'или', 'а', 'также', 'тоже', 'ещё', 'еще', 'ваш', 'ваши', 'вашу', 'вашего', 'ваше', 'вашей', 'свой', 'свои', 'пожалуйста', 'пож', 'та', 'and', 'or', 'your', 'the', 'a', 'also', 'please', 'of']);
const CONTINUES = new Set(['и', 'а', 'также', 'кроме', 'плюс', 'ещё', 'еще', 'and', 'also', 'plus']);
const QUESTION_WORDS = new Set(['какой', 'какая', 'какое', 'какие', 'каком', 'какого', 'какую', 'каким', 'какому', 'когда', 'где', 'сколько', 'который', 'которая', 'what', 'which', 'when', 'where']);
/** Words that open a direct question to the customer ("Как вас зовут?", "Что именно происходит?"). */
const ASKING_WORDS = new Set([...QUESTION_WORDS, 'как', 'что', 'кто', 'чем', 'who', 'how']);
const WHAT_WORDS = new Set(['ли', 'что', 'как', 'куда', 'почему', 'зачем', 'чем', 'каких', 'какими', 'how', 'why']);
const NEED_WORDS = new Set(['нужно', 'нужны', 'нужен', 'нужна', 'необходимо', 'необходимы', 'требуется', 'требуются', 'надо', 'делать', 'сделать', 'need', 'needed', 'do']);
/** Infinitives of finding something out: "где взять IMEI?", "как узнать VIN?" is someone looking for it. */
const FIND_VERBS = new Set(['взять', 'найти', 'узнать', 'посмотреть', 'достать', 'искать', 'получить', 'find', 'get']);
/** "можете ли вы / могли бы вы": the reader's ability, asked to ask them. */
const ABLE = new Set(['можете', 'сможете', 'могли', 'смогли']);
const FIRST_PERSON = new Set(['я', 'мне', 'меня', 'мной', 'мой', 'моя', 'мое', 'мои', 'моего', 'моей', 'моему', 'моим', 'моих', 'i', 'my', 'me']);

type TriggerKind = 'imperative' | 'infinitive' | 'gerund' | 'modal' | 'english' | 'noun' | 'none';

/** Nouns of asking ("после предоставления следующей информации", "с указанием VIN"); not приложение (the app) or сообщение (a message). */
const ASK_NOUN = /^(предоставлени|указани|направлени|отправлени)/;

function root(w: string): string | undefined {
  for (const r of ASK_ROOTS) if (w.startsWith(r)) return r;
  // One of the common asking imperatives with a letter mistyped ("прищлите", "укожите", "отпраьте").
  if (w.length >= 6 && w.endsWith('те')) for (const v of TYPED_IMPERATIVES) if (oneEdit(w, v)) return root(v);
  return undefined;
}

/** The asking imperatives a typo is looked for in (whole words: a root alone is too short to tell "перезагрузите" from "передайте"). */
const TYPED_IMPERATIVES = ['пришлите', 'укажите', 'напишите', 'отправьте', 'сообщите', 'приложите', 'направьте', 'предоставьте', 'опишите', 'уточните', 'вышлите', 'перешлите'];

/** Are `w` and `v` one letter apart, changed, left out or added, after their first two letters ("впишите" is not "опишите")? */
function oneEdit(w: string, v: string): boolean {
  return w !== v && w.startsWith(v.slice(0, 2)) && editDistanceAtMost1(w, v);
}

/** What kind of asking word `w` (folded) is, judged by its root and ending. */
function kindOf(w: string): TriggerKind {
  if (MODALS.has(w)) return 'modal';
  if (ASK_NOUN.test(w)) return 'noun';
  const r = root(w);
  if (!r) return 'none';
  const tail = w.slice(r.length);
  if (tail.length > 7) return 'none';
  if (RECEIVE_ROOTS.includes(r)) return isInfinitiveForm(w) ? 'infinitive' : 'none';
  // Imperatives, and the polite future of perfective verbs ("если пришлёте / укажете"), not the
  // present of imperfective ones ("вы пишете / указываете / присылаете" describe, they do not ask).
  if (/(ите|йте|ьте)$/.test(w) && w !== 'сайте') return 'imperative';
  // The soft sign left out in haste: "скинте", "отправте" right after the root are "скиньте", "отправьте".
  if (tail === 'те' && /[бвдзлмнпрстф]те$/.test(w)) return 'imperative';
  // "пишете" alone is the present ("вы пишете, что…"); with a prefix it is the perfective future that
  // asks like the others ("если вы опишете / напишете, что происходит").
  if (/ете$/.test(w) && !/(аете|яете)$/.test(w) && w !== 'пишете') return 'imperative';
  // Informal singular: "напиши", "укажи", "отправь", "скинь", "кинь".
  // Not the past plural after a vowel ("передали", "описали"): "пришли" asks, "передали" reports.
  // Not an infinitive in -ть ("назвать", "описать" after a root that ends in a vowel).
  if (tail.length <= 2 && /[иь]$/.test(w) && w.length >= 4 && !/[аяеиоуы]ли$/.test(w) && !w.endsWith('ть')) return 'imperative';
  if (/(ть|ти)$/.test(w)) return 'infinitive';
  if (/([аяи]в|ывая|ивая|ляя)$/.test(w) || w === 'сообщая') return 'gerund';
  return 'none';
}

// Reflexive imperatives count too: "свяжитесь с нами, указав VIN" and "обратитесь через форму, приложив
// скан" ask with their gerunds as "напишите нам, указав …" does.
const isImperativeForm = (w: string) => /(ите|йте|ьте)(сь)?$/.test(w) && w.length > 4 && w !== 'сайте';
/** Any verb form we can tell by its ending (imperative, infinitive, present or past tense): "сменился", "работает", "был". */
const isVerbForm = (w: string) => isImperativeForm(w) || isInfinitiveForm(w) || (w.length > 3 && /(ся|сь|ет|ит|ут|ют|ат|ят|ал|ил|ел|ла|ли|ло|был|будет|есть|is|are|was|were|has|have)$/.test(w));
// Not nouns in -ость ("по возможности", "при необходимости", "подробности"): their "-ости" looks like "нести", but no verb ends so.
const isInfinitiveForm = (w: string) => /(ать|ять|ить|еть|уть|ыть|ти|чь|ться|тись)$/.test(w) && !w.endsWith('ости') && (w.length > 4 || (w.length === 4 && !SHORT_NOUNS.has(w)));
/** Four-letter nouns that look like infinitives (дать, быть are verbs; суть, сеть are not). */
const SHORT_NOUNS = new Set(['суть', 'сеть', 'путь', 'мать', 'нить', 'треть', 'пять', 'шесть', 'семь', 'ноль', 'мети', 'пути', 'сети', 'сути']);

interface Clause {
  from: number;
  to: number;
}

export interface RequestInput {
  text: string;
  /** Words of the reply, in order. */
  words: readonly Word[];
  /** Item and topic phrases in those words. */
  hits: readonly PhraseHit[];
  end: number;
  /** The reply's sentences, `segment(text, end)`, when the caller has them already. */
  sentences?: readonly Sentence[];
}

/** Requests for information in the agent's reply, in order. */
export function findRequests(input: RequestInput): Request[] {
  const { text, words, end } = input;
  const sentences = input.sentences ?? segment(text, end);
  // Words covered by an item phrase, for telling fronted item lists ("ФИО и VIN пришлите").
  const itemWord = new Uint8Array(words.length);
  for (const h of input.hits) if (h.item) for (let k = h.word; k <= h.last; k++) itemWord[k] = 1;
  // Words of a topic's name ("Kia Connect", "яндекс плюс"), for lines that name the topic, then what to send for it.
  const topicWord = new Uint8Array(words.length);
  for (const h of input.hits) if (!h.item) for (let k = h.word; k <= h.last; k++) topicWord[k] = 1;
  const hitStarts = new Uint8Array(words.length);
  for (const h of input.hits) if (h.item) hitStarts[h.word] = 1;
  // Where item phrases of two words or more end: "ошибка — приложите фото" asks for the photo of the error.
  const hitEnds = new Uint8Array(words.length);
  for (const h of input.hits) if (h.item && h.size > 1) hitEnds[h.last] = 1;
  const quoted = quotedWords(text, words);
  const aside = bracketedWords(text, words, end);

  // Words of each sentence, by one sweep.
  const ranges: [number, number][] = [];
  let w = 0;
  for (const s of sentences) {
    while (w < words.length && words[w]!.start < s.start) w++;
    let e = w;
    while (e < words.length && words[e]!.end <= s.end) e++;
    ranges.push([w, e]);
    w = e;
  }

  const hasItem = (a: number, b: number) => {
    for (let i = a; i < b; i++) if (hitStarts[i] || hitEnds[i]) return true;
    return false;
  };
  // Not the name of a mailbox: "напишите на info@kia.ru" names no data.
  const hasData = (a: number, b: number) => {
    for (let i = a; i < b; i++) if (DATA_NOUNS.some((d) => words[i]!.text.startsWith(d)) && text[words[i]!.end] !== '@') return true;
    return false;
  };

  /** What a pronoun after sentence `k` points at: that sentence, or the whole list it ends ("…:\n- VIN\n- СТС\nВсё это пришлите"). */
  const pointedAt = (k: number): [number, number][] => {
    const lead = sentences[k]!.lead;
    if (lead === undefined) return [ranges[k]!];
    let first = k;
    while (first > lead + 1 && sentences[first - 1]!.lead === lead) first--;
    return [ranges[lead]!, ...ranges.slice(first, k + 1)];
  };
  /** Per sentence: the word ranges it asks about, or undefined when it asks nothing. */
  const procedure = procedureSentences(sentences, words, ranges, quoted);
  // Headings ask only for the list they introduce ("## Что нужно прислать" above the items).
  const leadsList = new Uint8Array(sentences.length);
  for (const s of sentences) if (s.lead !== undefined) leadsList[s.lead] = 1;
  // "Такие случаи разбирает поддержка mobikey@… . Пришлите им …": "им" is the support team named just
  // before (an e-mail address in the sentence before, in the paragraph), not a dealer told things.
  // So is one named earlier in the sentence itself ("это в отдельную службу mobikey@…, напишите им …").
  // So are colleagues named in the sentence before, with no dealer ("Пересылаю ответ коллег из отдела
  // данных. Для исправления им нужны VIN и фото СТС.").
  // The support team "им" stands for, named just before: in the sentence above in its paragraph, or by
  // its address a sentence or two above, across one paragraph ("…решает техподдержка Mobikey —
  // mobikey@hyundai.ru. … / Чтобы заявку приняли, направьте им: …").
  const namesAddress = (k: number) => k >= 0 && sentences[k]!.end - sentences[k]!.start < 2000 && text.slice(sentences[k]!.start, sentences[k]!.end).includes('@');
  const supportBefore = sentences.map((s, si) => (si > 0 && sentences[si - 1]!.paragraph === s.paragraph && (namesAddress(si - 1) || namesSupportOnly(words, ranges[si - 1]!))) || (s.end - s.start < 2000 && /@\S+\s*[,;:—–-]/.test(text.slice(s.start, s.end))) || [si - 1, si - 2, si - 3].some((k) => k >= 0 && sentences[k]!.paragraph >= s.paragraph - 1 && !sentences[k]!.heading && namesAddress(k)));
  const own: ([number, number][] | undefined)[] = sentences.map((s, si) => (s.heading && !leadsList[si] ? undefined : sentenceScope(text, words, ranges[si]!, s, quoted, aside, itemWord, procedure[si] === 1, supportBefore[si]!, procedure[si] === 2)));

  /** Unmarked lines right below sentence `si`, in its paragraph, that name items and ask nothing themselves (at most three looked at). */
  const itemLinesBelow = (si: number): number => {
    let n = 0;
    for (let k = si + 1; k < sentences.length && n < 3; k++) {
      const next = sentences[k]!;
      if (own[k] || next.heading || next.bullet || next.paragraph !== sentences[si]!.paragraph || !hasItem(...ranges[k]!) || !startsLine(text, next.start)) break;
      n++;
    }
    return n;
  };

  const out: Request[] = [];
  const taken = new Uint8Array(sentences.length);
  // Whether the last sentence that was neither a list line nor a sub-head announced data below it
  // ("данные можно собрать в одном письме:", "Пришлите следующее:"): then verbless sub-heads
  // over lists ("По Mobikey:", "Для Яндекс Плюс", "Общее для обоих вопросов:") ask for their lists.
  let announced = false;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    if (taken[si]) continue;
    if (s.heading && !leadsList[si]) {
      // "### Что нужно прислать" over bold sub-heads, each with its list ("**По учётной записи**" /
      // "- логин …"): a heading that asks announces them, as "Пришлите следующее:" does.
      // So does one that names our need ("## Что понадобится от вас").
      if (sentenceScope(text, words, ranges[si]!, s, quoted, aside, itemWord, false)?.length || namesNeed(words, ranges[si]!)) announced = true;
      continue;
    }
    let scope = own[si];
    if (scope && !scope.length) {
      announced = false;
      continue;
    }
    // "По Kia Connect — через форму: ФИО, VIN, IMEI…": the verb left out after an earlier request.
    // The first request of the reply may leave its verb out too when it lists three items or more ("По Мобикею: ваши ФИО, телефон, VIN …").
    // Its list may end with a verb that asks for one thing more ("По Mobikey: ФИО, VIN, а также опишите, что …"): the items before the verb are asked too.
    const [sa] = ranges[si]!;
    const elliptic = !scope || scope[0]![0] > sa ? ellipticRequest(text, words, ranges[si]!, hitStarts, topicWord, aside, out.length ? 2 : 3) : -1;
    if (elliptic >= 0) scope = scope ? (scope[0]![0] > elliptic ? [[elliptic, scope[0]![0]], ...scope] : scope) : [[elliptic, ranges[si]![1]]];
    // A pronoun does not point at a sentence that declared its items unnecessary ("описывать ещё раз не нужно. … отправьте её").
    if (scope && scope[0]![0] < 0) scope = si > 0 && !sentences[si - 1]!.heading && !(own[si - 1] && !own[si - 1]!.length) ? [...pointedAt(si - 1), ...scope.slice(1)] : scope.slice(1);
    // The list this sentence introduces.
    const list: number[] = [];
    for (let k = si + 1; k < sentences.length; k++) {
      if (sentences[k]!.lead === si) list.push(k);
      // A second sentence on a list line ("- Какой VIN? (Он есть в СТС.)") does not end the list.
      else if (!list.length || sentences[k]!.bullet || text.slice(sentences[k - 1]!.end, sentences[k]!.start).includes('\n')) break;
    }
    const endsWithColon = introducesList(text, s);
    // "1. Пришлите данные учётной записи:" with its sub-items below it (indented, or lettered under a number).
    if (!list.length && s.bullet && endsWithColon) {
      for (let k = si + 1; k < sentences.length && isSubItem(sentences[k]!, s); k++) list.push(k);
    }
    // "Данные для проверки:" above a list asks for it; not above a list of steps ("Данные можно исправить самим: 1. Откройте…").
    // Not when the writer sends it ("Направляю данные для Kia Connect:", "Мои данные:"): that is a customer giving them.
    if (!scope && list.length && endsWithColon && hasData(...ranges[si]!) && !list.some((k) => procedure[k]) && !speaksForItself(words, ranges[si]!)) scope = [ranges[si]!];
    // "Не могли бы вы ответить на несколько вопросов?" over a list of questions: they are what it asks.
    if (!scope && list.length >= 2 && asksToAnswerQuestions(text, s) && !list.some((k) => procedure[k]) && !speaksForItself(words, ranges[si]!)) scope = [ranges[si]!];
    // "Соберите, пожалуйста, всё сразу:" / "Подготовьте:" over a list whose lines open with items ("1) VIN;
    // 2) дату покупки; …"): any imperative asks for such a list; not a step done on a site or in an app.
    if (!scope && list.length >= 2 && endsWithColon && imperativeToReader(words, ranges[si]!) && !list.some((k) => procedure[k]) && itemLed(list.map((k) => ranges[k]!), hitStarts)) scope = [ranges[si]!];
    // A sub-head that only names the topic ("Kia Connect:", "Mobikey (это в MISOS):", "по мобикей:") over
    // lines that open with items asks for them, with no verb and nothing announced before it; its
    // lines may have no list markers (two of them at least, in its paragraph).
    if (!scope && endsWithColon && namesTopicOnly(words, ranges[si]!, topicWord, aside)) {
      if (list.length ? !list.some((k) => procedure[k]) && itemLed(list.map((k) => ranges[k]!), hitStarts) : itemLinesBelow(si) >= 2) scope = [ranges[si]!];
    }
    const subHead = !scope && list.length > 0 && shortVerbless(words, ranges[si]!);
    // A sub-head's list that asks in some of its lines ("1. Что именно отображается неверно?" / "2. VIN-номер.")
    // asks in all of them, and announces the parallel sub-heads after it ("**Kia Connect не подключается**" / "1. ФИО.").
    const listAsks = subHead && list.some((k) => own[k]?.length) && list.some((k) => !own[k] && onlyItems(words, { from: ranges[k]![0], to: ranges[k]![1] }, itemWord));
    if (subHead && (announced || listAsks) && !list.some((k) => procedure[k]) && list.some((k) => hasItem(...ranges[k]!))) {
      scope = [ranges[si]!];
      if (listAsks) announced = true;
    }
    // "Нам нужна следующая информация." announces the parts below it ("Обязательно:", "По возможности:") as a colon does.
    // So does "Ниже — что в нём указать.": what to send, said with an infinitive of asking.
    else if (!subHead) announced = (endsWithColon || pointsBelow(words, ranges[si]!)) && (!!scope || hasData(...ranges[si]!) || hasWord(words, ...ranges[si]!, (w) => kindOf(w) === 'infinitive'));
    // "Пришлите следующие данные." over lines without list markers ("ФИО владельца", "VIN"): short
    // verbless lines right below it, in the next paragraph at most, are its list.
    if (scope && !list.length && pointsBelow(words, ranges[si]!)) {
      for (let k = si + 1; k < sentences.length && list.length < 20; k++) {
        const next = sentences[k]!;
        const [a, b] = ranges[k]!;
        if (taken[k] || own[k] || next.heading || next.bullet || b <= a || b - a > 8 || next.paragraph > s.paragraph + 1) break;
        // A sub-head over a list of its own ("Обязательно:" over "1) VIN …") is a part of what is asked, announced (below).
        if (leadsList[k] && introducesList(text, next)) break;
        if (list.length && next.paragraph !== sentences[list[0]!]!.paragraph) break;
        if (hasVerb(words, a, b)) break;
        list.push(k);
      }
    }
    // "скиньте, пожалуйста:" over unmarked lines ("фио и телефон", "вин", "где сейчас машина"): the lines of
    // its paragraph below it that name items are its list, whatever verbs their clauses have.
    // So does a bare line with no closing punctuation, a heading in plain text ("Что нужно прислать" over
    // "Описание ситуации: …" and "Почту, на которую …").
    const bareLine = !endsWithColon && startsLine(text, s.start) && LETTER_END.test(text[s.end - 1] ?? '') && si + 1 < sentences.length && startsLine(text, sentences[si + 1]!.start);
    // Lines ending in commas run together into one sentence, and the last of them may ask on its own
    // ("пришлите:\nФИО,\nVIN,\nи опишите, что случилось."): the lines before its request are still this list.
    let listHead: [number, number] | undefined;
    if (scope && !list.length && (endsWithColon || bareLine) && !scope.some(([a, b]) => hasItem(a, b) || hasData(a, b))) {
      for (let k = si + 1; k < sentences.length && list.length < 20; k++) {
        const next = sentences[k]!;
        const [a, b] = ranges[k]!;
        // A colon that ends its paragraph keeps the lines of the next one ("…нужно:" / blank / "Обязательно — VIN.").
        const paragraph = list.length ? sentences[list[0]!]!.paragraph : endsWithColon && k === si + 1 ? next.paragraph : s.paragraph;
        if (taken[k] || next.heading || next.bullet || (next.paragraph !== paragraph && next.paragraph !== s.paragraph) || next.paragraph > s.paragraph + 1 || !hasItem(a, b) || !startsLine(text, next.start)) break;
        if (own[k]) {
          const from = own[k]!.length ? own[k]![0]![0] : -1;
          if (!list.length && from > a && hasItem(a, from)) listHead = [a, from];
          break;
        }
        list.push(k);
      }
    }
    if (!scope) continue;
    const all: [number, number][] = listHead ? [...scope, listHead] : [...scope];
    for (const k of list) {
      taken[k] = 1;
      // The whole line is asked for ("— что именно происходит (и приложите скриншот)"), unless it is negated.
      const item = own[k] && !own[k]!.length ? undefined : listLineNegated(words, ranges[k]!) ? undefined : [ranges[k]!];
      if (item) all.push(...item);
    }
    // "…пришлите ФИО и телефон. И данные авто: VIN, IMEI." / "По Mobikey — дату обращения к дилеру.":
    // a verbless sentence right after the request, in its paragraph, asks for its items too.
    let last = list.length ? list[list.length - 1]! : si;
    const asksItself = all.some(([a, b]) => hasItem(a, b) || hasData(a, b));
    for (let k = last + 1; asksItself && k < sentences.length && !own[k]; k++) {
      const [a, b] = ranges[k]!;
      const next = sentences[k]!;
      if (a >= b || next.bullet || next.heading || next.paragraph !== sentences[last]!.paragraph) break;
      if (!CONTINUES.has(words[a]!.text) && !hasItem(a, b)) break;
      let verb = false;
      // A condition does not make it a statement: "скрин, если есть ошибка"; nor does a verb in an
      // aside in brackets ("e-mail (тот, что указывали при регистрации)").
      for (let i = a; i < b && !CONDITION.has(words[i]!.text); i++) if (!aside[i] && isVerbForm(words[i]!.text)) verb = true;
      if (verb) break;
      all.push([a, b]);
      taken[k] = 1;
      last = k;
    }
    if (!all.some(([a, b]) => hasItem(a, b) || hasData(a, b))) continue;
    const lastList = list.length ? sentences[list[list.length - 1]!]! : undefined;
    const first = list.length ? sentences[list[0]!]! : undefined;
    out.push({
      start: s.start,
      sentenceEnd: s.end,
      end: lastList ? lastList.end : s.end,
      ...(first?.bullet ? { bullet: first.bullet } : {}),
      listCount: list.length,
      scope: all,
    });
  }
  return out;
}

/** A need of ours named in a heading, not negated ("Что понадобится от вас", "Что нам нужно"). */
function namesNeed(words: readonly Word[], [a, b]: [number, number]): boolean {
  for (let i = a; i < b; i++) if (NOMINAL_NEED.has(words[i]!.text) && !NEGATIONS.has(words[i - 1]?.text ?? '')) return true;
  return false;
}

/** An imperative in the sentence that is not a step done somewhere ("откройте", "в приложении"). */
function imperativeToReader(words: readonly Word[], [a, b]: [number, number]): boolean {
  let imperative = false;
  for (let i = a; i < b; i++) {
    const t = words[i]!.text;
    if (SELF_VERBS.has(t) || SELF_PLACES.has(t)) return false;
    if (isImperativeForm(t)) imperative = true;
  }
  return imperative;
}

/** At least two thirds of the lines open with an item (within their first two words). */
function itemLed(lines: readonly [number, number][], hitStarts: Uint8Array): boolean {
  let led = 0;
  for (const [a, b] of lines) if ((a < b && hitStarts[a]) || (a + 1 < b && hitStarts[a + 1])) led++;
  return led * 3 >= lines.length * 2;
}

const LETTER_END = /\p{L}/u;

/**
 * A short line that names a topic and nothing else to do: "Kia Connect:", "по мобикей:", "ЛК kia.ru (не
 * пускает):"; an aside in brackets aside. Six words at most, no verb or negation, a topic's word among them.
 */
function namesTopicOnly(words: readonly Word[], [a, b]: [number, number], topicWord: Uint8Array, aside: Uint8Array): boolean {
  let count = 0;
  let topic = false;
  for (let i = a; i < b; i++) {
    if (aside[i]) continue;
    if (++count > 6 || isVerbForm(words[i]!.text) || NEGATIONS.has(words[i]!.text)) return false;
    if (topicWord[i]) topic = true;
  }
  return topic && count > 0;
}

/** A short line with no verb ("По Mobikey:", "Общее для обоих вопросов:"). */
function shortVerbless(words: readonly Word[], [a, b]: [number, number]): boolean {
  return b - a <= 6 && !hasVerb(words, a, b);
}

/** Any verb form among words [a, b) ("сменился", "работает", "пришлите"). */
function hasVerb(words: readonly Word[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (isVerbForm(words[i]!.text)) return true;
  return false;
}

/** Does a sentence start a line (only spaces before it on its line)? */
function startsLine(text: string, at: number): boolean {
  let p = at - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t' || text[p] === '\r')) p--;
  return p < 0 || text[p] === '\n';
}

/** The writer speaks of sending it themselves: a first-person word ("мои", "я") or an asking verb in the first person ("направляю", "вышлю"). */
function speaksForItself(words: readonly Word[], [a, b]: [number, number]): boolean {
  for (let i = a; i < b; i++) {
    const t = words[i]!.text;
    if (FIRST_PERSON.has(t) || (root(t) !== undefined && /[^у][юу]$/.test(t))) return true;
  }
  return false;
}

/** A list line below `parent` (a list line) that is one of its sub-items: indented deeper, or a different marker at the same depth. */
function isSubItem(line: Sentence, parent: Sentence): boolean {
  if (!line.bullet || line.lead !== parent.lead || line.indent === undefined || parent.indent === undefined) return false;
  return line.indent > parent.indent || (line.indent === parent.indent && line.markerKind !== parent.markerKind);
}

/** A verbless sentence that names what it is for and lists two items or more after a dash or colon. */
const SEPARATOR = /:|\s[—–-]\s|→|->/;
/** How many words of a line may stand before its topic for the line to open with it ("ну и по Kia Connect: …"). */
const TOPIC_OPENING = 3;
const WHERE_TO = new Set(['куда', 'откуда']);
/** Words that open what a verbless line's items are for: "по Kia Connect: …", "для Яндекс Плюс — …". */
const FOR_WHAT = new Set(['по', 'для', 'for', 'regarding']);

function ellipticRequest(text: string, words: readonly Word[], [a, b]: [number, number], hitStarts: Uint8Array, topicWord: Uint8Array, aside: Uint8Array, minItems: number): number {
  // "И для обоих вопросов — VIN": a sub-head opened by "и / а также" adds to the request before it, one item is enough.
  if (a + 1 < b && minItems < 3 && CONTINUES.has(words[a]!.text)) {
    a++;
    minItems = 1;
  }
  if (a >= b) return -1;
  // Where the items start: after the first colon, spaced dash or arrow ("киа коннект → ФИО, …").
  let items0 = -1;
  // Within the first fourteen words, an aside in brackets aside ("По кабинету (не приходит СМС-код …): …").
  for (let i = a + 1, seen = 1; i < b && seen <= 14; i++) {
    if (SEPARATOR.test(text.slice(words[i - 1]!.end, words[i]!.start))) {
      items0 = i;
      break;
    }
    if (!aside[i]) seen++;
  }
  if (items0 < 0) return -1;
  // What the items are for opens the line: "по / для …", the topic itself ("Kia Connect: …", "яндекс
  // плюс → фото СТС"), or a purpose ("чтобы проверить, почему не пускает: логин, …"), whose own verbs are not ours.
  // The line's first words open it (a greeting may stand on the line above in the same sentence), and
  // a topic must be among them: "Сообщаем, что данные в личном кабинете исправлены: …" names it inside a statement.
  let lineFrom = a;
  for (let i = a + 1; i < items0; i++) if (text.slice(words[i - 1]!.end, words[i]!.start).includes('\n')) lineFrom = i;
  const opener = words[lineFrom]!.text;
  const topicLed = hasItemWord(topicWord, lineFrom, Math.min(items0, lineFrom + TOPIC_OPENING));
  const forWhat = FOR_WHAT.has(opener) || PURPOSE.has(opener);
  if (!forWhat && !topicLed) return -1;
  const from = a;
  if (!forWhat) {
    // The topic's name and little else before the items ("промокод яндекс плюс →", "ЛК kia.ru (не пускает):"),
    // and no step to take ("To reset the Kia Connect password: open the app, enter your e-mail").
    let named = 0;
    for (let i = a; i < items0; i++) if (!aside[i]) named++;
    if (named > 6) return -1;
    for (let i = a; i < b; i++) if (SELF_VERBS.has(words[i]!.text)) return -1;
    // "яндекс плюс — фото СТС с 2 сторон": a named topic and an arrow or dash, two item words are enough.
    if (minItems > 2) minItems = 2;
  }
  // The purpose's own verbs are not ours; a topic's line has none before its items.
  if (PURPOSE.has(opener)) a = items0;
  let items = 0;
  // Verbs of a clause that describes or asks about an item ("телефон, который вы оставляли", "в каком ДЦ подключали",
  // "номер, куда не приходит смс", "скрин, если есть") do not make it a statement.
  let sub = false;
  for (let i = a; i < b; i++) {
    const t = words[i]!.text;
    if (i > a && /[,;:]/.test(text.slice(words[i - 1]!.end, words[i]!.start))) sub = false;
    // The problem in brackets after the topic ("По Kia Connect (не выполняются команды): …") is no statement of ours.
    if (aside[i]) continue;
    if (RELATIVE.test(t) || ASKING_WORDS.has(t) || WHERE_TO.has(t) || CONDITION.has(t)) sub = true;
    // An asking verb after the items asks for one thing more; it does not make the list a statement.
    if (!sub && kindOf(t) === 'imperative' && items > 0) continue;
    if (!sub && (NEGATIONS.has(t) || isVerbForm(t))) return -1;
    if (hitStarts[i]) items++;
  }
  // A purpose is not asked for ("чтобы поправить модель: VIN, …" does not ask for the model).
  return items < minItems ? -1 : PURPOSE.has(opener) ? items0 : from;
}

/** A quotation longer than this is a KB article pasted into the reply in quotation marks, which is ours. */
const LONGEST_QUOTE = 300;

/**
 * Words inside quotation marks («…», “…”, "…"): a quoted question is the customer's, not ours. Not a
 * long quotation: an agent pastes a KB article in quotation marks ("Копирую статью: «… следует оставить
 * обращение, указав …»"), and its requests are the agent's. Two passes: the quotations, then the words.
 */
function quotedWords(text: string, words: readonly Word[]): Uint8Array {
  const spans: [number, number][] = [];
  let depth = 0;
  let straight = false;
  let from = -1;
  const inside = () => depth > 0 || straight;
  for (let i = 0; i < text.length; i++) {
    const was = inside();
    const ch = text[i];
    if (ch === '«' || ch === '“' || ch === '„') depth++;
    else if ((ch === '»' || ch === '”') && depth > 0) depth--;
    else if (ch === '"') straight = !straight;
    else if (ch === '\n' && text[i + 1] === '\n') {
      depth = 0;
      straight = false;
    }
    if (!was && inside()) from = i;
    else if (was && !inside()) spans.push([from, i]);
  }
  if (inside()) spans.push([from, text.length]);
  const out = new Uint8Array(words.length);
  let w = 0;
  for (const [a, b] of spans) {
    if (b - a > LONGEST_QUOTE) continue;
    while (w < words.length && words[w]!.start <= a) w++;
    for (; w < words.length && words[w]!.start < b; w++) out[w] = 1;
  }
  return out;
}

const RELATIVE = /^(котор|which|that|whom)/;
const PERSONAL = new Set(['он', 'она', 'оно', 'они', 'it', 'they']);
const CLAUSE_GAP = /[,;:.!?()\n]|\s[-–—]\s/;

/**
 * Words of a relative clause right after an item ("телефон, который вы давали дилеру", "модель так,
 * как она записана в документах", "the phone number you gave the dealer"): they describe that item,
 * so what they mention is not asked for. One pass over the words.
 */
export function descriptiveWords(text: string, words: readonly Word[], hits: readonly PhraseHit[]): Uint8Array {
  const out = new Uint8Array(words.length);
  const itemEnds = new Uint8Array(words.length);
  for (const h of hits) if (h.item) itemEnds[h.last] = 1;
  // Item phrases that are clauses ending in their verb ("когда вы обращались", "the date you visited"):
  // the words after them, up to the next thing joined on, say where or what for, not a second item
  // ("когда вы обращались в дилерский центр" asks the date, not which dealer).
  const verbClauseEnds = new Uint8Array(words.length);
  for (const h of hits) if (h.item && h.clausal && h.size > 1 && (isVerbForm(words[h.last]!.text) || /^[a-z]{3,}ed$/.test(words[h.last]!.text))) verbClauseEnds[h.last] = 1;
  let inClause = false;
  /** Words before this index are the place or aim of a clausal item ("… в дилерский центр"). */
  let placeUntil = 0;
  let story = false;
  let from = 0;
  // Brackets right after an item (1) that go on to say what it is or where to find it (2): "VIN
  // (17 знаков, он есть в СТС)", "логин (это телефон или почта, которые вы указывали, когда
  // создавали учётную запись)" — what they mention is not asked for.
  let aside = 0;
  for (let i = 1; i < words.length; i++) {
    const gap = text.slice(words[i - 1]!.end, words[i]!.start);
    const boundary = CLAUSE_GAP.test(gap);
    const t = words[i]!.text;
    if (gap.includes(')') || gap.includes('\n')) aside = 0;
    // One word may stand between the item and its brackets: "VIN-номер автомобиля (он есть в СТС)".
    if (gap.includes('(')) aside = itemEnds[i - 1] || (i >= 2 && itemEnds[i - 2] && !CLAUSE_GAP.test(text.slice(words[i - 2]!.end, words[i - 1]!.start))) ? 1 : 0;
    // Where to find it, with the pronoun left out: "VIN (17 знаков, есть в СТС)", "(printed on the label)".
    if (aside === 1 && (t === 'это' || t === 'this' || PERSONAL.has(t) || (FOUND.has(t) && FOUND_AT.has(words[i + 1]?.text ?? '') && !CONDITION.has(words[i - 1]!.text)))) aside = 2;
    if (aside === 2) out[i] = 1;
    // What happened ends where the next thing asked is joined on: "что произошло и скрин".
    if (boundary || (story && CONTINUES.has(t))) inClause = story = false;
    const next = words[i + 1]?.text ?? '';
    // A clause of reason tells what happened: "что произошло — почему дилер не завершил активацию",
    // "what happened and why the dealer refused" ask why, not which dealer.
    if (!inClause && (t === 'почему' || t === 'why')) {
      inClause = true;
      story = true;
      from = i + 1;
    } else if (!inClause && boundary) {
      // ", который …", ", на котором …", ", как она …" after an item (one word may stand between: "модель так, как она").
      const relative = RELATIVE.test(t) || (PREPOSITIONS_BEFORE.has(t) && RELATIVE.test(next)) || (t === 'как' && PERSONAL.has(next));
      if (relative && (itemEnds[i - 1] || (i >= 2 && itemEnds[i - 2] && !CLAUSE_GAP.test(text.slice(words[i - 2]!.end, words[i - 1]!.start))))) inClause = true;
      // "дату, когда вы были в салоне" tells which date; "описание, если сервис отказал" tells when to send it:
      // what they mention is not asked (their own words may be the item: "когда вы обращались" is the date).
      else if (!/[.!?\n]/.test(gap) && (((t === 'когда' || t === 'when') && TIME_NOUN.test(words[i - 1]!.text)) || ((t === 'если' || t === 'if') && itemEnds[i - 1]))) inClause = true;
      // A content clause tells what happened: "опишите, что ответил дилер" asks for the story, not for the dealer.
      // Its own two words ("что ответил", "как отреагировал") may be the item asked itself.
      else if (((t === 'что' || t === 'как') && isVerbForm(next) && !isImperativeForm(next)) || englishStory(t, next)) {
        inClause = true;
        story = true;
        from = i + 2;
      }
      // A participle after an item describes it: "телефон, указанный дилеру", "e-mail, привязанный к аккаунту".
      // The participle itself may open the item asked ("телефон, указанный при регистрации" is the login).
      else if (itemEnds[i - 1] && gap.includes(',') && PARTICIPLE.test(t) && !NOT_PARTICIPLE.test(t)) {
        inClause = true;
        from = i + 1;
      }
    } else if (!inClause && !boundary && verbClauseEnds[i - 1] && (PREPOSITIONS_BEFORE.has(t) || t === 'at' || t === 'the')) {
      placeUntil = i + PLACE_REACH;
    } else if (!inClause && englishStory(t, next)) {
      // "a description of what happened at the dealership": the story, not the dealer.
      inClause = true;
      story = true;
      from = i + 2;
    } else if (!inClause && !boundary && itemEnds[i - 1] && (t === 'you' || t === 'that' || t === 'which') && /^[a-z]/.test(next)) {
      inClause = true; // English contact clause: "the phone number you gave the dealer"
    }
    if (boundary || ASKING_WORDS.has(t) || CONDITION.has(t)) placeUntil = 0;
    // "телефон, который вы указывали в качестве логина": the role the clause gives its item is asked for
    // (that phone is the login), not a description of it.
    if (inClause && t === 'качестве' && words[i - 1]!.text === 'в') {
      out[i - 1] = 0;
      inClause = story = false;
    }
    if ((inClause && i >= from) || i < placeUntil) out[i] = 1;
  }
  return out;
}

/** Words that say where an item is found, before the place: "есть в СТС", "указан на табличке", "printed on the unit". */
const FOUND = new Set(['есть', 'указан', 'указана', 'указано', 'указаны', 'написан', 'написана', 'напечатан', 'виден', 'видна', 'видно', 'находится', 'стоит', 'is', 'printed', 'shown', 'written', 'found', 'located']);
const FOUND_AT = new Set(['в', 'во', 'на', 'in', 'on', 'under']);

/** How far the place or aim after a clausal item reaches, in words ("в дилерский центр для активации"). */
const PLACE_REACH = 4;

/** Nouns of a point in time, which a clause on "когда" describes. */
const TIME_NOUN = /^(дат[аеуы]|дней|день|дня|числ[оа]|врем[яени]+|год[ау]?|период|момент|date|day|time)$/;

/** "what happened / went wrong / was said": an English content clause that tells what happened. */
function englishStory(t: string, next: string): boolean {
  return (t === 'what' || t === 'how') && (/^[a-z]{3,}ed$/.test(next) || ['happens', 'went', 'goes', 'was', 'were', 'did'].includes(next));
}

/** Passive participles by their suffix and ending ("указанный", "используемый"): which one of the item is meant; the adjectives and nouns that look like them are below. */
const PARTICIPLE = /^\p{L}{3,}(анн|янн|енн|ённ|ем|им)(ый|ая|ое|ые|ую|ого|ой|ых|ому|ым|ий|ее|ие|его|ей|их|ему|ими)$/u;
const NOT_PARTICIPLE = /^(данн|следующ|настоящ|текущ|будущ|ценн)|(ственн|менн)/;

const PREPOSITIONS_BEFORE = new Set(['на', 'в', 'во', 'с', 'со', 'к', 'у', 'по', 'при', 'от', 'из', 'о', 'об', 'для', 'за', 'in', 'on', 'to', 'with', 'for']);

/** Words inside round brackets: an aside that elaborates what stands before it ("сканы документов (СТС или ПТС)"). */
export function bracketedWords(text: string, words: readonly Word[], end: number): Uint8Array {
  const out = new Uint8Array(words.length);
  let depth = 0;
  let w = 0;
  for (let i = 0; i < end && w < words.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if (ch === '\n') depth = 0;
    while (w < words.length && words[w]!.start <= i) {
      if (words[w]!.start === i) out[w] = depth > 0 ? 1 : 0;
      w++;
    }
  }
  return out;
}

function listLineNegated(words: readonly Word[], [a, b]: [number, number]): boolean {
  // "Не могли бы вы …?" is a polite ask, not a negation.
  for (let i = a; i < b; i++) if (NEGATIONS.has(words[i]!.text) && i + 1 < b && (kindOf(words[i + 1]!.text) !== 'none' || MODALS.has(words[i + 1]!.text)) && !(words[i + 1]!.text === 'могли' && words[i + 2]?.text === 'бы')) return true;
  return false;
}

/** Clauses of a sentence: split at commas, semicolons, colons, brackets, table pipes, spaced dashes and "но". */
function clausesOf(text: string, words: readonly Word[], [a, b]: [number, number]): Clause[] {
  const out: Clause[] = [];
  let from = a;
  for (let i = a + 1; i < b; i++) {
    const gap = text.slice(words[i - 1]!.end, words[i]!.start);
    // "оставьте, пожалуйста, обращение через форму": a word of politeness between commas does not part the verb from its object.
    if (gap.trim() === ',' && (POLITE.has(words[i]!.text) || POLITE.has(words[i - 1]!.text))) continue;
    if (/[,;:()|]|\s[-–—]\s|[–—]/.test(gap) || words[i]!.text === 'но' || words[i]!.text === 'but') {
      out.push({ from, to: i });
      from = i;
    }
  }
  if (from < b) out.push({ from, to: b });
  return out;
}

/** The word ranges a sentence asks about, or undefined when it is not a request. */
function sentenceScope(text: string, words: readonly Word[], range: [number, number], s: Sentence, quoted: Uint8Array, bracketed: Uint8Array, itemWord: Uint8Array, inProcedure: boolean, supportBefore = false, viaForm = false): [number, number][] | undefined {
  const [a, b] = range;
  if (a >= b) return undefined;
  const question = text[s.end - 1] === '?';
  let firstPerson = false;
  for (let i = a; i < b; i++) if (FIRST_PERSON.has(words[i]!.text) && !quoted[i]) firstPerson = true;
  // The customer's own question ("Подскажите, что мне делать?", "Какие документы нужны?"): asking us
  // what is needed or what to do is not our request.
  if (question && firstPerson) return undefined;
  const clauses = clausesOf(text, words, range);
  if (question) {
    // "какие данные прислать?", "что указать?": whoever asks this is the one who sends. The question
    // word governs the need or the infinitive in its own clause: "Не могли бы вы прислать логин,
    // под которым входите, и рассказать, что видите?" is ours, its "которым" and "что" open clauses of their own.
    // So is "Можете ли вы сообщить VIN?": the reader is asked whether they can send it.
    for (const c of clauses) {
      let asksWhat = false;
      let needs = false;
      let reader = false;
      let able = false;
      let bareInfinitive = false;
      let addressed = false;
      for (let i = c.from; i < c.to; i++) {
        // A button or screen named in quotes ("что происходит после «Получить код»") is no verb of the question.
        if (quoted[i]) continue;
        const t = words[i]!.text;
        if (QUESTION_WORDS.has(t) || WHAT_WORDS.has(t)) asksWhat = true;
        if (NEED_WORDS.has(t) || (asksWhat && kindOf(t) === 'infinitive')) needs = true;
        // Finding it, with nobody addressed: "где взять IMEI?", "как узнать VIN?" ask how to do it, as
        // "что прислать?" does.
        if (asksWhat && FIND_VERBS.has(t)) bareInfinitive = true;
        if (t === 'вы' || t === 'вам' || t === 'вас' || t.startsWith('ваш') || t === 'you' || t === 'your') addressed = true;
        if (t === 'вы') reader = true;
        if (ABLE.has(t)) able = true;
      }
      if (asksWhat && (needs || (bareInfinitive && !addressed)) && !(reader && able)) return undefined;
    }
  }
  const clauseIndex = new Int32Array(b - a);
  clauses.forEach((c, k) => clauseIndex.fill(k, c.from - a, c.to - a));
  const clauseOf = (i: number) => clauseIndex[i - a]!;
  const excluded = new Set<number>();
  const triggers: number[] = [];
  let sentenceHasModal = false;
  for (let i = a; i < b; i++) if (MODALS.has(words[i]!.text) || isImperativeForm(words[i]!.text) || words[i]!.text === 'please') sentenceHasModal = true;
  const sentenceHasInfinitive = hasInfinitive(words, a, b);
  // "Сотрудник дилера попросит назвать телефон и VIN", "the dealer will ask for …": someone else
  // asks, and the infinitives and needs around it are theirs, not a request of ours.
  let someoneElseAsks = false;
  for (let i = a; i < b; i++) if (THIRD_PARTY_ASKS.has(words[i]!.text) || (words[i]!.text === 'ask' && ['will', 'may', 'might', 'll'].includes(words[i - 1]?.text ?? ''))) someoneElseAsks = true;
  // What each clause holds, computed once: the checks below are then constant per word (a sentence
  // of thousands of words with as many verbs stays linear).
  const facts = clauses.map((c) => clauseFacts(text, words, c, itemWord));
  if (viaForm) for (const f of facts) f.toUs = true;
  // A loop, not Math.max(...): a sentence of 100,000 clauses would overflow the call stack.
  const lastAskedInSentence = facts.reduce((m, f) => Math.max(m, f.lastAsked), -Infinity);
  // "Коллеги из поддержки Mobikey разберутся, им понадобятся: …": "им" is the support team named
  // before it in the sentence (no dealer named there), to whom what is asked goes through us.
  let supportNamed = false;
  let dealerNamed = false;
  for (let i = a; i < b; i++) {
    const t = words[i]!.text;
    if (SUPPORT_NOUN.test(t)) supportNamed = true;
    if (t.startsWith('дилер') || t === 'дц') dealerNamed = true;
    if (quoted[i]) continue;
    const ci = clauseOf(i);
    // "Будем ждать от вас следующих сведений: …" is "ждём от вас …" in the future tense.
    const awaited = AWAIT.has(t) && SPEAKER_FUTURE.has(words[i - 1]?.text ?? '');
    // Verbless asks that name what we lack or would thank the reader for: "для проверки не хватает
    // номера модема", "будем благодарны за скан СТС" read as "нам нужны …" (the items must follow).
    const nominal = lacksOrThanks(words, i, clauses[ci]!.from);
    if (nominal) {
      if (facts[ci]!.lastAsked > i && !hasWord(words, clauses[ci]!.from, i, (w) => CONDITIONS.has(w))) triggers.push(i);
      continue;
    }
    const kind = awaited ? 'modal' : (englishKind(words, i, clauses[ci]!.from) ?? kindOf(t));
    if (kind === 'none') continue;
    const f = facts[ci]!;
    let ok = false;
    if (kind === 'imperative' || kind === 'english') ok = true;
    // A noun of asking counts when what follows it in the clause is data ("предоставления следующей информации: …").
    else if (kind === 'noun') ok = f.lastData > i || (i + 1 < clauses[ci]!.to && !!itemWord[i + 1]);
    // A heading over a list asks with a bare infinitive ("### Что указать в письме").
    else if (kind === 'infinitive' && RECEIVE_ROOTS.some((r) => t.startsWith(r))) ok = f.modal && words[i - 1]?.text !== 'чтобы' && (!KNOW_ROOTS.some((r) => t.startsWith(r)) || hasWord(words, clauses[ci]!.from, i, (w) => TO_SPEAKER.has(w)));
    // "VIN могу прислать", "мы готовы направить": the speaker is the one who sends, nobody is asked.
    else if (kind === 'infinitive' && f.speakerActs) ok = false;
    else if (kind === 'infinitive') ok = f.modal || sentenceHasModal || introducesList(text, s) || s.heading;
    else if (kind === 'gerund') ok = sentenceHasModal || sentenceHasInfinitive;
    // "нам понадобятся ФИО и VIN"; with an infinitive after it, the infinitive decides ("необходимо перезагрузить").
    // What is needed follows the word ("нам нужны: …"); "привязка телефона необходима для…" states a fact.
    // "Скриншот тоже пригодится": an item before the word, with тоже / также / ещё, is one more thing asked.
    else if (kind === 'modal') ok = (NOMINAL_NEED.has(t) || awaited) && f.lastInfinitive <= i && (lastAskedInSentence > i || introducesList(text, s) || (f.additive && f.lastAsked >= 0 && f.lastAsked < i) || (lastAskedInSentence >= 0 && pronounSubject(words, clauses[ci]!, i)));
    if (!ok) continue;
    // Told to someone else ("изложить им ситуацию", "эти сведения нужны руководству дилера"), not sent to us.
    const toSupport = supportBefore || (!f.namedParty && supportNamed && !dealerNamed);
    const forSomeoneElse = (f.thirdParty && !f.toUs && !toSupport) || (someoneElseAsks && kind !== 'imperative' && kind !== 'english');
    if (forSomeoneElse || f.negatedModals.some((k) => Math.abs(k - i) <= 6) || f.concessive || negatedAt(words, clauses[ci]!, i)) {
      excluded.add(ci);
      continue;
    }
    // The place may follow the verb too ("укажите IMEI в приложении"): then, too, the step is done there.
    // "Добавьте" adds a car in the app or adds data to the letter: it asks only for an item named right
    // after it ("добавьте к письму фото СТС", "добавьте, пожалуйста: …"), not "добавьте авто заново по VIN";
    // a destination that is not our letter makes it a step there ("добавьте номер в профиль").
    if ((t.startsWith('добав') || t.startsWith('подтверд')) && !addsItem(words, itemWord, i, b)) continue;
    // "нужно подтвердить номер" is a step of sign-up; only "подтвердите (нам) номер" asks.
    if (t.startsWith('подтверд') && kind !== 'imperative') continue;
    const addedSomewhere = ADD_ROOTS.some((r) => t.startsWith(r)) && addsSomewhere(words, i + 1, clauses[ci]!.to);
    if (mayBeSelfService(t) && !f.toUs && (f.selfVerbs > (SELF_VERBS.has(t) ? 1 : 0) || addedSomewhere || f.firstPlace < Infinity || stepsBefore(words, clauses, facts, ci) || inProcedure)) {
      excluded.add(ci);
      continue;
    }
    if (kind === 'gerund' && governedBySelfService(words, facts, clauseOf, a, i)) {
      excluded.add(ci);
      continue;
    }
    triggers.push(i);
  }
  // "…, а также описание; скриншот и город в этот раз не понадобятся": a part that ends by declaring
  // its items unnecessary is not asked, back to the request before it or a semicolon.
  const triggerClauses = new Set(triggers.map(clauseOf));
  facts.forEach((f, k) => {
    if (!f.negatedModals.length || triggerClauses.has(k)) return;
    for (let j = k; j >= 0 && !triggerClauses.has(j); j--) {
      // Stops at a clause already left out, so that a run of such parts is walked once (linear).
      if (j < k && excluded.has(j)) break;
      excluded.add(j);
      const c = clauses[j]!;
      if (c.from > a && text.slice(words[c.from - 1]!.end, words[c.from]!.start).includes(';')) break;
    }
  });
  // Only negated or self-service requests: nothing here is asked, and nothing after it continues one.
  if (!triggers.length && excluded.size) return [];
  // "Пожалуйста, ФИО, VIN и IMEI." — a verbless request.
  if (!triggers.length && !question) {
    let polite = false;
    let verb = false;
    let items = false;
    for (let i = a; i < b; i++) {
      const t = words[i]!.text;
      if (t === 'пожалуйста' || t === 'please') polite = true;
      // "Please open the app and check…": a word after "please" that is not an item is the verb; so is a step's verb.
      else if (isVerbForm(t) || NEGATIONS.has(t) || SELF_VERBS.has(t) || (words[i - 1]?.text === 'please' && !itemWord[i])) verb = true;
      if (itemWord[i]) items = true;
    }
    if (polite && items && !verb) return [[a, b]];
  }
  // A direct question about an item, asked by us.
  if (!triggers.length && question) {
    for (let i = a; i < b; i++) {
      // "Какой у вас VIN?", and "Что именно происходит?" when the words after it name an item.
      if (ASKING_WORDS.has(words[i]!.text) && !quoted[i]) {
        for (let k = i; k < b; k++) if (itemWord[k]) return [[clauses[clauseOf(i)]!.from, b]];
        break;
      }
    }
  }
  if (!triggers.length) return undefined;
  // From the first request's clause (and a fronted list of items before it) to the end of the sentence.
  let ci = clauseOf(triggers[0]!);
  // An aside in brackets among them goes with them: "VIN + фото СТС (обе стороны, читаемо) пришлите".
  for (let k = ci; k > 0; ) {
    let next = k - 1;
    while (next > 0 && bracketed[clauses[next]!.from]) next--;
    if (!onlyItems(words, clauses[next]!, itemWord) && !(facts[clauseOf(triggers[0]!)]!.additive && besidesItems(words, clauses[next]!, itemWord))) break;
    ci = k = next;
  }
  // "И какой номер кузова — сообщите в ответе?": in a question the verb asks for what the wh-clause before it named.
  if (question) while (ci > 0 && hasWord(words, clauses[ci - 1]!.from, clauses[ci - 1]!.to, (w) => QUESTION_WORDS.has(w)) && hasItemWord(itemWord, clauses[ci - 1]!.from, clauses[ci - 1]!.to)) ci--;
  const scope: [number, number][] = [];
  /** Where what is asked ends: before a clause of reasons or of what we will do ("…, посмотрим"). */
  let askedEnd = b;
  for (let k = ci; k < clauses.length; k++) {
    const c = clauses[k]!;
    if (k > clauseOf(triggers[0]!) && (CUT_AFTER.has(words[c.from]!.text) || weWill(words[c.from]!.text)) && triggers[triggers.length - 1]! < c.from) {
      askedEnd = c.from;
      break;
    }
    if (excluded.has(k)) continue;
    // "чтобы поправить неправильную модель, нам нужны: …": the purpose names the problem, not what is asked.
    // So does "для исправления года выпуска направьте VIN …": "для" and a noun of an action.
    if (k === clauseOf(triggers[0]!) && (PURPOSE.has(words[c.from]!.text) || purposeNoun(words, c.from)) && triggers[0]! > c.from) {
      scope.push([triggers[0]!, c.to]);
      continue;
    }
    scope.push([c.from, c.to]);
  }
  // "Не хватает IMEI и даты покупки — пришлите, пожалуйста.": a verb with nothing after it asks for what the sentence named before it.
  // So does one whose object is only a part or manner of it when the sentence says that thing is lacking
  // ("Не хватает скана СТС — пришлите обе стороны", "VIN is missing: send it in full").
  if (ci > 0 && kindOf(words[triggers[0]!]!.text) === 'imperative') {
    let before = ci;
    while (before > 0 && !excluded.has(before - 1)) before--;
    const from = clauses[before]!.from;
    const to = clauses[ci - 1]!.to;
    const takesBefore = nothingAfter(words, triggers[0]! + 1, askedEnd) || (!hasItemWord(itemWord, triggers[0]!, b) && hasWord(words, from, to, (w) => LACKING.has(w)));
    // Not a condition before it: "если модель всё равно неверна — напишите нам" asks for nothing; nor
    // in its own clause: "…впишите VIN из СТС, если не получится пишите" (write to us if it fails).
    if (takesBefore && before < ci && hasItemWord(itemWord, from, to) && !CONDITIONS.has(words[from]!.text) && !CONDITIONS.has(words[clauses[ci]!.from]!.text)) scope.unshift([from, to]);
  }
  // "…по фото СТС: приложите его" — a pronoun asks for what the clause or sentence before named.
  const first = clauseOf(triggers[0]!);
  // So does the subject of a need: "номер модема можно посмотреть в меню — он понадобится нам для
  // проверки" (the items before it in its sentence, when there are any).
  if (ci === first && first > 0 && MODALS.has(words[triggers[0]!]!.text) && pronounSubject(words, clauses[first]!, triggers[0]!) && hasItemWord(itemWord, clauses[0]!.from, clauses[first - 1]!.to)) {
    scope.unshift([clauses[0]!.from, clauses[first - 1]!.to]);
    return scope;
  }
  if ((pronounObject(words, clauses[first]!) || (MODALS.has(words[triggers[0]!]!.text) && pronounSubject(words, clauses[first]!, triggers[0]!))) && ci === first) {
    // The nearest items before it are what it stands for: "СТС вы уже прислали, спасибо, а VIN не
    // указан — допишите его" asks for the VIN only (the run of clauses with items right before the verb).
    let near = first;
    while (near > 0 && hasItemWord(itemWord, clauses[near - 1]!.from, clauses[near - 1]!.to)) near--;
    if (first > 0) scope.unshift([clauses[near < first && near > 0 ? near : 0]!.from, clauses[first - 1]!.to]);
    return scope.length ? [[-1, -1], ...scope] : undefined;
  }
  return scope.length ? scope : undefined;
}

const PURPOSE = new Set(['чтобы', 'чтоб']);
/** "для исправления / проверки / восстановления …": a purpose named by a noun of an action (genitive). */
function purposeNoun(words: readonly Word[], i: number): boolean {
  return words[i]!.text === 'для' && /(ци[яи]|ни[яи]|ки)$/.test(words[i + 1]?.text ?? '');
}
const CONDITION = new Set(['если', 'if']);
/** What we will do once we have the data, opening a clause after the request ("— исправим год выпуска", "проверим и передадим"): first person plural future. */
const WE_WILL = new Set(['проверим', 'исправим', 'поправим', 'передадим', 'уточним', 'сделаем', 'посмотрим', 'оформим', 'обновим', 'внесем', 'изменим', 'заменим', 'разберемся', 'поможем', 'подскажем', 'свяжемся', 'вернемся', 'ответим', 'решим']);
export function weWill(w: string): boolean {
  return WE_WILL.has(w) || (/^(ис|пере|про|по|пред|до|от|за|вы|у|с|о|вн|из|раз)\p{L}{2,}(им|ем|ём)$/u.test(w) && !/[дщшжкгхчн]им$/.test(w) && w !== 'совсем');
}

/**
 * Does the verb at `i` take an item or nothing (a list below, things named before) for its object?
 * Skips "пожалуйста", "нам", "ещё" and where it goes ("к письму", "в ответ", "в ответное письмо"); bounded by a few words.
 */
function addsItem(words: readonly Word[], itemWord: Uint8Array, i: number, b: number): boolean {
  for (let k = i + 1; k < b && k <= i + 6; k++) {
    const t = words[k]!.text;
    if (itemWord[k]) return true;
    if (!FUNCTION_WORDS.has(t) && !TO_US_WORDS.has(t) && !PLACE_PREPOSITIONS.has(t) && t !== 'к' && t !== 'ответ' && !TO_US.some((m) => t.startsWith(m))) return false;
  }
  return true;
}

/** Only "пожалуйста", "нам", "тоже" and the like from `a` to the sentence's end `b`: the verb has no object after it. */
function nothingAfter(words: readonly Word[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!FUNCTION_WORDS.has(words[i]!.text) && !TO_US_WORDS.has(words[i]!.text) && !MANNER.has(words[i]!.text) && !/^\d+$/.test(words[i]!.text) && words[i]!.text !== 'их') return false;
  return true;
}

/** How or how often to send, not what: "VIN — один на оба, пришлите 1 раз", "…, пришлите одним письмом". */
const MANNER = new Set(['раз', 'один', 'одним', 'сразу', 'отдельно', 'вместе', 'письмом', 'ответом', 'once', 'together', 'separately']);

/** "не хватает / недостаёт" (we lack it) and "будем / были бы благодарны (признательны) за": asks without a verb of sending. */
const THANKFUL = new Set(['благодарны', 'признательны', 'благодарен', 'благодарна', 'признателен', 'признательна']);
const WOULD_BE = new Set(['будем', 'буду', 'были', 'был', 'была', 'бы']);
function lacksOrThanks(words: readonly Word[], i: number, from: number): boolean {
  const t = words[i]!.text;
  const prev = i > from ? words[i - 1]!.text : '';
  if (t === 'хватает' && prev === 'не') return true;
  if (t === 'недостает' || t === 'недостаёт') return true;
  return THANKFUL.has(t) && WOULD_BE.has(prev) && words[i + 1]?.text === 'за';
}

/** Words saying something is lacking. */
const LACKING = new Set(['хватает', 'хватило', 'недостает', 'недостаёт', 'отсутствует', 'отсутствуют', 'missing', 'lacking']);

function hasWord(words: readonly Word[], a: number, b: number, test: (w: string) => boolean): boolean {
  for (let i = a; i < b; i++) if (test(words[i]!.text)) return true;
  return false;
}

function hasItemWord(itemWord: Uint8Array, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (itemWord[i]) return true;
  return false;
}

const PRONOUNS = new Set(['его', 'её', 'ее', 'их', 'это', 'it', 'them', 'this', 'these']);

/**
 * A pronoun the clause's verb asks for ("приложите его"): not one inside a condition ("let us know
 * if this does not help", "напишите, если это не поможет"), which asks for nothing.
 */
function pronounObject(words: readonly Word[], c: Clause): boolean {
  for (let i = c.from; i < c.to; i++) {
    const t = words[i]!.text;
    if (CONDITIONS.has(t)) return false;
    if (PRONOUNS.has(t)) return true;
  }
  return false;
}
const SUBJECT_PRONOUNS = new Set(['он', 'она', 'они', 'оно']);

/** "он / она / они" right before the need in its clause ("он понадобится нам"), not in a condition ("если они понадобятся, мы напишем"). */
function pronounSubject(words: readonly Word[], c: Clause, need: number): boolean {
  for (let i = c.from; i < need; i++) if (CONDITIONS.has(words[i]!.text)) return false;
  for (let i = Math.max(c.from, need - 2); i < need; i++) if (SUBJECT_PRONOUNS.has(words[i]!.text)) return true;
  return false;
}
const BELOW = /^(следующ|ниже|following|below)/;

/** Does the sentence say that what it asks for comes below it ("следующие данные", "the following")? */
function pointsBelow(words: readonly Word[], [a, b]: [number, number]): boolean {
  for (let i = a; i < b; i++) if (BELOW.test(words[i]!.text)) return true;
  return false;
}

interface ClauseFacts {
  /** A modal word (нужно, необходимо, просим…). */
  modal: boolean;
  /** Where a modal is negated ("не нужно", "нет необходимости", "no need"): verbs within six words of it are not asked. */
  negatedModals: number[];
  lastInfinitive: number;
  lastData: number;
  /** The last item or data word. */
  lastAsked: number;
  /** A self-service verb (введите, нажмите…), and the first place word (в приложении, на сайте…). */
  selfVerb: boolean;
  /** How many self-service verbs: a verb that is one itself ("добавьте") counts only the others. */
  selfVerbs: number;
  firstPlace: number;
  /** Sends what is asked to us (нам, форма обратной связи, ответным письмом, an e-mail address). */
  toUs: boolean;
  /** Names a dealer: "обратитесь в дилерский центр, предоставив номер телефона" asks for it there, not here. */
  dealer: boolean;
  /** "даже если пришлёте VIN" / "even if you send": a concession, not a request. */
  concessive: boolean;
  /** A verb of the speaker governing the infinitives ("могу / можем / готовы / хочу прислать"). */
  speakerActs: boolean;
  /** "тоже / также / ещё / also / too": one more thing. */
  additive: boolean;
  /** Addresses someone other than us ("дилеру", "руководству", "им"): what it asks for goes to them. */
  thirdParty: boolean;
  /** The addressee is named ("дилеру", "руководству"), not only "им", which may be the support team named before. */
  namedParty: boolean;
}

/** The support teams we pass requests to: "поддержка Mobikey", "коллеги", "специалисты Kia Connect". */
const SUPPORT_NOUN = /^(поддержк|коллег|специалист|техподдержк)/;

/** Does a sentence name a support team and no dealer ("Пересылаю ответ коллег из отдела данных.")? */
function namesSupportOnly(words: readonly Word[], [a, b]: [number, number]): boolean {
  let support = false;
  for (let i = a; i < b; i++) {
    const t = words[i]!.text;
    if (t.startsWith('дилер') || t === 'дц' || t.startsWith('dealer')) return false;
    if (SUPPORT_NOUN.test(t)) support = true;
  }
  return support;
}

/** Who else may be told things (dative): "изложите им", "назовите сотруднику", "нужны руководству дилера". */
const THIRD_PARTY = new Set(['дилеру', 'дилерам', 'руководству', 'сотруднику', 'сотрудникам', 'менеджеру', 'мастеру', 'консультанту', 'им']);
/** People "у" whom the reader finds something out ("уточните у дилера", "узнать у представителей Kia"). */
const ASKED_AT = /^(дилер|представител|менеджер|сотрудник|консультант|продавц|официальн)/;
/** Someone else asking, in the third person: "сотрудник попросит", "дилер уточнит". */
const THIRD_PARTY_ASKS = new Set(['попросит', 'попросят', 'спросит', 'спросят', 'запросит', 'запросят', 'потребует', 'потребуют']);

/** "будем / буду ждать (ожидать)": waiting for what the reader sends, like "ждём". */
const AWAIT = new Set(['ждать', 'ожидать']);
const SPEAKER_FUTURE = new Set(['будем', 'буду']);

const ADDITIVE = new Set(['тоже', 'также', 'еще', 'ещё', 'also', 'too']);

const WISH_AFTER_WILL = new Set(['признательны', 'благодарны', 'рады', 'ждать']);
const SPEAKER_VERBS = new Set(['могу', 'можем', 'хочу', 'хотим', 'готов', 'готова', 'готовы', 'буду', 'будем', 'попробую', 'постараюсь', 'постараемся', 'планирую', 'собираюсь']);

function clauseFacts(text: string, words: readonly Word[], c: Clause, itemWord: Uint8Array): ClauseFacts {
  const f: ClauseFacts = { modal: false, negatedModals: [], lastInfinitive: -1, lastData: -1, lastAsked: -1, selfVerb: false, selfVerbs: 0, firstPlace: Infinity, toUs: false, dealer: false, concessive: false, speakerActs: false, additive: false, thirdParty: false, namedParty: false };
  let sawNo = false;
  for (let k = c.from; k < c.to; k++) {
    const t = words[k]!.text;
    const prev = k > c.from ? words[k - 1]!.text : '';
    if ((WISH_WORDS.has(t) && prev === 'бы') || (t === 'хотелось' && words[k + 1]?.text === 'бы')) f.modal = true;
    if (MODALS.has(t)) {
      f.modal = true;
      // "Не могли бы вы прислать…" is a polite request, not a negated one.
      if (NEGATIONS.has(prev) && !(t === 'могли' && words[k + 1]?.text === 'бы')) f.negatedModals.push(k - 1);
    }
    if ((t === 'необходимости' || t === 'need') && NEGATIONS.has(prev)) f.negatedModals.push(k - 1);
    // "is not needed / required / necessary".
    if ((t === 'needed' || t === 'required' || t === 'necessary') && prev === 'not') f.negatedModals.push(k - 1);
    if (t === 'невозможно' || t === 'нельзя' || t === 'необязательно' || t === 'cannot' || (t === 't' && (prev === 'can' || prev === 'don'))) f.negatedModals.push(k);
    if (itemWord[k] || DATA_NOUNS.some((d) => t.startsWith(d))) f.lastAsked = k;
    if (t === 'no' && words[k + 1]?.text === 'need') f.negatedModals.push(k);
    // "No photos are needed", "no documents required at this stage": "no" before the thing makes the need negative.
    if (t === 'no') sawNo = true;
    if (sawNo && (t === 'needed' || t === 'required' || t === 'necessary')) f.negatedModals.push(k);
    if (isInfinitiveForm(t)) f.lastInfinitive = k;
    if (DATA_NOUNS.some((d) => t.startsWith(d))) f.lastData = k;
    if (SELF_VERBS.has(t)) {
      f.selfVerb = true;
      f.selfVerbs++;
    }
    // "дату регистрации на сайте", "логин для входа в приложение": the place belongs to the action noun before it, not to the verb.
    const ofActionNoun = k - 2 >= c.from && ACTION_NOUN.test(words[k - 2]!.text) && PLACE_PREPOSITIONS.has(prev);
    if (SELF_PLACES.has(t) && f.firstPlace === Infinity && !ofActionNoun) f.firstPlace = k;
    // "следуйте инструкции из письма": a letter the customer got is where a step comes from, not where data goes.
    if (TO_US_WORDS.has(t) || (TO_US.some((m) => t.startsWith(m)) && prev !== 'из')) f.toUs = true;
    if (t.startsWith('дилер') || t === 'дц' || t.startsWith('dealer')) f.dealer = true;
    if (t === 'даже' || (t === 'even' && words[k + 1]?.text === 'if')) f.concessive = true;
    if (ADDITIVE.has(t)) f.additive = true;
    // An item word is asked for, not an addressee ("когда вы были у дилера" is the visit date).
    // "им" is never an item's own word, though it may stand inside one's phrase ("изложить им ситуацию").
    // "можно уточнить у представителей Kia в стране покупки": someone else is asked, by the reader.
    if (t === 'у' && !itemWord[k] && !itemWord[k + 1] && ASKED_AT.test(words[k + 1]?.text ?? '')) {
      f.thirdParty = true;
      f.namedParty = true;
    }
    if (THIRD_PARTY.has(t) && (!itemWord[k] || t === 'им')) {
      f.thirdParty = true;
      if (t !== 'им') f.namedParty = true;
    }
    // "будем признательны" is a wish addressed to the reader, not something the speaker does.
    if (SPEAKER_VERBS.has(t) && !(t === 'будем' && WISH_AFTER_WILL.has(words[k + 1]?.text ?? ''))) f.speakerActs = true;
  }
  if (c.to > c.from && text.slice(words[c.from]!.start, words[c.to - 1]!.end).includes('@')) f.toUs = true;
  return f;
}

/** Nouns of an action (регистрации, входа, авторизации, registration): a place after them is where that action happened. */
const ACTION_NOUN = /(ци[яиюей]|ни[яеию]|вход[ауе]?|tion|ing)$/;
const PLACE_PREPOSITIONS = new Set(['в', 'на', 'in', 'on', 'at']);

const VERB_OBJECTS = new Set(['us', 'me', 'the', 'your', 'a', 'an', 'it', 'them', 'all', 'both', 'photos', 'scans', 'screenshots', 'details', 'information', 'following']);

const DEGREE = new Set(['most', 'very', 'really', 'extremely', 'especially', 'particularly', 'quite', 'so', 'also', 'super', 'hugely', 'greatly']);

/** English requests: "please send", "could you provide", "we need", or an asking verb opening the sentence. */
function englishKind(words: readonly Word[], i: number, a: number): TriggerKind | undefined {
  const t = words[i]!.text;
  // "it would help", "would be (most / really) helpful": an adverb may stand between.
  const before = DEGREE.has(words[i - 1]?.text ?? '') ? words[i - 2]?.text : words[i - 1]?.text;
  if ((t === 'help' || t === 'helpful' || t === 'useful') && ['would', 'will', 'll', 'd', 'be'].includes(before ?? '')) return 'english';
  if (t === 'need' || t === 'require' || t === 'needed' || t === 'required') {
    const prev = words[i - 1]?.text;
    // An adverb may stand between: "we additionally need", "we'll definitely need".
    const subject = prev && /^[a-z]{4,}ly$/.test(prev) && i - 1 > a ? words[i - 2]!.text : prev;
    if (i > a && subject && ['we', 'll', 'd', 'i', 'will', 'would', 'also', 'is', 'are', 'be', 'still'].includes(subject)) return 'english';
    return undefined;
  }
  // "reply with the VIN", "get back to us with your name": a clause-initial verb of answering that says what to answer with.
  // Any verb addressed to us does the same: "drop us a line with …", "ping us with …".
  if ((t === 'reply' || t === 'respond' || t === 'write' || (t === 'get' && words[i + 1]?.text === 'back') || words[i + 1]?.text === 'us') && i === a) {
    for (let k = i + 1; k <= i + 5 && k < words.length; k++) if (words[k]!.text === 'with') return 'english';
  }
  if (!EN_ASK.has(t)) return undefined;
  if (t === 'let' && words[i + 1]?.text !== 'us') return undefined;
  if (t === 'e' && words[i + 1]?.text !== 'mail') return undefined;
  const prev = i > a ? words[i - 1]!.text : '';
  // After a negation too ("please do not send"), so that the negation can rule it out.
  if (['please', 'kindly', 'also', 'and', 'you', 'then', 'to', 'just'].includes(prev) || NEGATIONS.has(prev) || prev === 't') return 'english';
  // At the start of a clause only when it reads as a verb phrase ("Send us…", "provide the VIN"), not "e-mail" in a list.
  if (i === a && VERB_OBJECTS.has(words[i + 1]?.text ?? '')) return 'english';
  if (words[i + 1]?.text === 'us' || words[i + 1]?.text === 'please') return 'english';
  return undefined;
}

function hasInfinitive(words: readonly Word[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (isInfinitiveForm(words[i]!.text)) return true;
  return false;
}

/** "не присылайте", "don't send": a negation right before the verb (negated modals are clause facts). */
function negatedAt(words: readonly Word[], c: Clause, i: number): boolean {
  const prev = words[i - 1]?.text;
  if (i > c.from && prev && NEGATIONS.has(prev) && !(words[i]!.text === 'могли' && words[i + 1]?.text === 'бы')) return true;
  return i - 2 >= c.from && NEGATIONS.has(words[i - 2]!.text) && ['нужно', 'надо', 'стоит', 'need', 'to', 't'].includes(words[i - 1]!.text);
}

function mayBeSelfService(w: string): boolean {
  return EN_AMBIGUOUS.has(w) || AMBIGUOUS_ROOTS.some((r) => w.startsWith(r));
}

/** Steps before the verb in the same sentence ("откройте сайт, нажмите «Войти», укажите телефон"), with no "если" between. */
function stepsBefore(words: readonly Word[], clauses: readonly Clause[], facts: readonly ClauseFacts[], ci: number): boolean {
  for (let k = ci - 1; k >= 0 && k >= ci - 6; k--) {
    const c = clauses[k]!;
    let negated = false;
    for (let i = c.from; i < c.to; i++) {
      if (CONDITIONS.has(words[i]!.text)) return false;
      if (NEGATIONS.has(words[i]!.text)) negated = true;
    }
    // "…, а войти всё равно не получается, составьте обращение": a step that fails is the problem, not a step to do.
    if (facts[k]!.selfVerb && !negated) return true;
  }
  return false;
}

const CONDITIONS = new Set(['если', 'когда', 'случае', 'поможет', 'получится', 'if', 'when', 'unless']);

/** Sentences in a list of steps: a run of list lines where one of them is a self-service step ("1. Откройте приложение."): 1, or 2 when the steps fill in our feedback form. */
function procedureSentences(sentences: readonly Sentence[], words: readonly Word[], ranges: readonly [number, number][], quoted: Uint8Array): Uint8Array {
  const out = new Uint8Array(sentences.length);
  let runStart = -1;
  let steps = false;
  // Steps that open our feedback form ("1) перейдите на kia.ru/feedback … 3) в поле «Сообщение» укажите VIN")
  // send what they fill in to us: a request, not self-service (2).
  let form = false;
  const flush = (end: number) => {
    if (runStart >= 0 && steps) out.fill(form ? 2 : 1, runStart, end);
    runStart = -1;
    steps = form = false;
  };
  sentences.forEach((s, k) => {
    if (!s.bullet) return flush(k);
    if (runStart < 0) runStart = k;
    const [a, b] = ranges[k]!;
    for (let i = a; i < b; i++) {
      const t = words[i]!.text;
      // A button named in quotes is no step: "что пишет сайт после нажатия «Войти»" asks what happens.
      if (SELF_VERBS.has(t) && !quoted[i]) steps = true;
      if (t === 'feedback' || (t.startsWith('обратн') && words[i + 1]?.text.startsWith('связ'))) form = true;
    }
  });
  flush(sentences.length);
  return out;
}

/** A gerund follows the verb it belongs to: "удалите автомобиль и добавьте его заново, указав VIN" is a step in the app. */
function governedBySelfService(words: readonly Word[], facts: readonly ClauseFacts[], clauseOf: (i: number) => number, a: number, i: number): boolean {
  // Bounded look-back: the governing verb stands close to its gerund.
  for (let k = i - 1; k >= a && k >= i - 40; k--) {
    const t = words[k]!.text;
    if (isImperativeForm(t) || isInfinitiveForm(t)) {
      const f = facts[clauseOf(k)]!;
      return !f.toUs && (SELF_VERBS.has(t) || f.selfVerb || f.firstPlace < k || f.dealer);
    }
  }
  return false;
}

const BESIDES = new Set(['кроме', 'помимо', 'besides']);

/**
 * "Кроме даты регистрации и логина, пришлите ещё VIN": items named as those besides which one more
 * thing is asked (the request says "ещё / также") are asked too. Not "пришлите всё, кроме СТС".
 */
function besidesItems(words: readonly Word[], c: Clause, itemWord: Uint8Array): boolean {
  return c.to - c.from > 1 && BESIDES.has(words[c.from]!.text) && onlyItems(words, { from: c.from + 1, to: c.to }, itemWord);
}

/** A clause made of item phrases and little words only ("ФИО, телефон и VIN пришлите…"). */
function onlyItems(words: readonly Word[], c: Clause, itemWord: Uint8Array): boolean {
  let items = 0;
  for (let k = c.from; k < c.to; k++) {
    if (itemWord[k]) items++;
    else if (!FUNCTION_WORDS.has(words[k]!.text)) return false;
  }
  return items > 0;
}
