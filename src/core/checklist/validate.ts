import type { PlaceholderLine } from '../answers/answerSnippet';
import { decodeImei } from '../entities/imei';
import { findEntities } from '../entities/find';
import { decodeVin } from '../entities/vin';
import { floorIndex } from '../text/lines';
import { fold } from '../text/normalize';
import { addMissingItems } from './addItems';
import { isIncoming, ownText, phraseStems, replyEnd, wordsOf, type Word } from './draft';
import { matcherFor, phraseParts, termWeights, type PhraseHit } from './match';
import { OTHER_TOPIC, OTHER_TOPICS } from './otherTopics';
import { bracketedWords, descriptiveWords, findRequests, type Request } from './request';
import { introducesList, segment, type Sentence } from './segment';
import { FindingCodes, type Checklist, type ChecklistResult, type DraftReport, type Finding, type FindingCode, type Locale } from './types';

export interface ValidateOptions {
  checklists: readonly Checklist[];
  /** Bodies of KB articles by id, to tell which answers were inserted into the draft. */
  articleBodies?: ReadonlyMap<string, string>;
  /** Checklists the agent pinned (always checked when the draft asks for something) or unpinned (never). */
  pinned?: readonly string[];
  unpinned?: readonly string[];
  /** Rules turned off in settings. */
  disabled?: readonly FindingCode[];
  locale?: Locale;
  /** "Now", for model years of VINs. */
  now?: Date;
  /** Greeting/signature lines whose placeholder defaults left as they are are unfilled (`placeholderLines`). */
  placeholderLines?: readonly PlaceholderLine[];
}

/** The KB's feedback form, which a reply must link when it sends the customer there. */
export const FEEDBACK_FORM_URL = 'https://www.kia.ru/feedback/';

const M = {
  missing: { ru: 'Чек-лист «{0}»: не запрошено — {1}.', en: 'Checklist “{0}”: not asked for — {1}.' },
  addMissing: { ru: 'Добавить в запрос: {0}', en: 'Add to the request: {0}' },
  placeholder: { ru: 'Незаполненный шаблон «{0}»: замените его перед отправкой.', en: 'Unfilled placeholder “{0}”: replace it before sending.' },
  formLink: { ru: 'Клиента направляют в форму обратной связи, но ссылки на неё нет.', en: 'The reply sends the customer to the feedback form without its link.' },
  addFormLink: { ru: 'Вставить ссылку на форму обратной связи', en: 'Insert the feedback form link' },
  attachments: {
    ru: 'По базе знаний к обращению можно приложить не более 3 файлов, до 2 МБ каждый, форматов pdf, doc, jpg, gif, png: {0}.',
    en: 'The KB allows at most 3 files of up to 2 MB each, in pdf, doc, jpg, gif or png: {0}.',
  },
  vinLookalikes: { ru: 'В VIN набраны кириллические буквы: {0}. Правильно: {1}.', en: 'The VIN has Cyrillic letters: {0}. Correct: {1}.' },
  fixVin: { ru: 'Заменить на {0}', en: 'Replace with {0}' },
  vinInvalid: { ru: 'VIN {0} недействителен: {1}.', en: 'VIN {0} is not valid: {1}.' },
  imeiInvalid: { ru: 'IMEI {0} недействителен: {1}.', en: 'IMEI {0} is not valid: {1}.' },
};
const REASONS: Record<string, { ru: string; en: string }> = {
  length: { ru: 'в VIN 17 знаков', en: 'a VIN has 17 characters' },
  characters: { ru: 'недопустимые знаки', en: 'characters a VIN cannot have' },
  'forbidden-letters': { ru: 'буквы I, O и Q в VIN не используются', en: 'I, O and Q are not used in VINs' },
  'check-digit': { ru: 'не сходится контрольная цифра (9-й знак)', en: 'the check digit (9th character) does not match' },
  imeiLength: { ru: 'в IMEI 15 цифр', en: 'an IMEI has 15 digits' },
  imeiCharacters: { ru: 'в IMEI только цифры', en: 'an IMEI has digits only' },
  luhn: { ru: 'не сходится контрольная цифра', en: 'the check digit does not match' },
};

function say(t: { ru: string; en: string }, locale: Locale, ...args: (string | number)[]): string {
  return args.reduce<string>((s, a, i) => s.replace(`{${i}}`, String(a)), t[locale]);
}

/**
 * Checks a reply draft: the information its requests must ask for (per the KB's checklists),
 * unfilled placeholders, the feedback form's link, attachment rules, VINs and IMEIs.
 * Quoted customer text below the reply is left out; a customer's incoming e-mail gets no draft
 * findings at all (VINs and IMEIs are still checked). Findings carry offsets, stable codes and fixes.
 * Linear in the draft's length.
 * @example
 * validateDraft('Пришлите, пожалуйста, VIN и IMEI.', { checklists }).checklists[0] // { id: 'kia-connect', missing: ['full_name', …] }
 */
export function validateDraft(text: string, options: ValidateOptions): DraftReport {
  const locale = options.locale ?? 'ru';
  const off = new Set(options.disabled ?? []);
  const incoming = isIncoming(text);
  const end = incoming ? 0 : replyEnd(text);
  // The reply's checks read what the agent wrote: the customer's lines quoted between the answers are blanked.
  const own = incoming ? text : ownText(text, end);
  const findings: Finding[] = [];
  const checklists = off.has(FindingCodes.missingItems) || incoming ? [] : checkRequests(own, end, options, locale, findings, text);
  if (!incoming) {
    if (!off.has(FindingCodes.placeholder)) {
      findPlaceholders(own, end, locale, findings);
      findUnfilledDefaults(own, end, options.placeholderLines ?? [], locale, findings);
    }
    if (!off.has(FindingCodes.formLink)) checkFormLink(own, end, locale, findings);
    if (!off.has(FindingCodes.attachments)) checkAttachments(own, end, locale, findings);
  }
  checkEntities(text, options, off, locale, findings);
  findings.sort((a, b) => a.start - b.start);
  return { checklists, findings, incoming };
}

/** Where each paragraph (text between blank lines) starts, in one pass. */
function paragraphStarts(text: string, end: number): number[] {
  const starts = [0];
  let lineStart = 0;
  let blank = false;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let i = lineStart;
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
    const isBlank = i === lineEnd;
    if (!isBlank && blank) starts.push(lineStart);
    blank = isBlank;
    lineStart = lineEnd + 1;
  }
  return starts;
}

/** Words that say something is beside the point: "не используется", "не нужен", "не связано с…". */
const RELATION = /^(связ|относ|имеет|related)/;
const USELESS = /^(использ|нужен|нужна|нужно|требует|поддерж|used|needed|applicable)/;
const PREPOSITIONS = new Set(['для', 'по', 'о', 'об', 'в', 'во', 'с', 'со', 'к', 'на', 'у', 'from', 'for', 'about', 'with', 'in', 'to', 'of']);

/**
 * Is the topic named at words [first, last] only to say it does not apply? Either it is what
 * something is "не связано с / не относится к", or it is the subject of "не используется / не
 * нужен" ("Mobikey здесь не используется", "Kia Connect для этого не нужен") — a subject, not the
 * purpose of something else ("регистрация для промокода Яндекс Плюс не нужна").
 */
function unrelated(words: readonly Word[], first: number, last: number): boolean {
  const t = (k: number) => words[k]?.text ?? '';
  if (negatedPlace(words, first)) return true;
  for (let k = Math.max(0, first - 5); k < first; k++) {
    if ((t(k) === 'не' || t(k) === 'not') && RELATION.test(t(k + 1)) && PREPOSITIONS.has(t(first - 1))) return true;
    if (t(k) === 'unrelated' && PREPOSITIONS.has(t(first - 1))) return true;
  }
  if (PREPOSITIONS.has(t(first - 1)) || PREPOSITIONS.has(t(first - 2))) return false;
  for (let k = last + 1; k <= last + 3 && k < words.length - 1; k++) if ((t(k) === 'не' || t(k) === 'not') && USELESS.test(t(k + 1))) return true;
  return false;
}

/** The text message as a word of its own: a channel when something else comes by it. */
const SMS_WORDS = new Set(['sms', 'смс']);
/** Verbs of coming and sending, by their stems: "придёт", "приходит", "поступит", "отправим", "направлен", "sent"; not an imperative ("пришлите, что в SMS" asks). */
const DELIVERY = /^(прид|приш|приход|поступ|отправ|направ|высыл|выслан|sent|arriv|come|comes)/;
const delivery = (w: string) => DELIVERY.test(w) && !/(ите|йте|ьте)$/.test(w);
/** Words of a clause's end: a channel's verb is looked for up to one. */
const CLAUSE_END = /[.!?;:]/;

/**
 * "SMS" named only as the way something else arrives ("подтверждение придёт по SMS", "промокод
 * отправим SMS-сообщением", "the code will be sent by SMS") is not the SMS-code problem: a bare SMS
 * word after "по / в / by / via" or before "-сообщение / message", with a verb of coming or sending
 * in its clause and no negation there ("код по СМС не приходит" is the problem). Looks at five words on each side.
 */
function smsAsChannel(text: string, words: readonly Word[], first: number, last: number): boolean {
  if (first !== last || !SMS_WORDS.has(words[first]!.text)) return false;
  const t = (k: number) => words[k]?.text ?? '';
  const by = ['по', 'в', 'by', 'via', 'виде'].includes(t(first - 1)) || /^(сообщ|messag)/.test(t(first + 1));
  if (!by) return false;
  let delivered = false;
  for (let k = first - 1; k >= Math.max(0, first - 5) && !CLAUSE_END.test(text.slice(words[k]!.end, words[k + 1]!.start)); k--) {
    if (t(k) === 'не' || t(k) === 'not' || t(k) === 'нет') return false;
    if (delivery(t(k))) delivered = true;
  }
  for (let k = last + 1; k <= last + 5 && k < words.length && !CLAUSE_END.test(text.slice(words[k - 1]!.end, words[k]!.start)); k++) {
    if (t(k) === 'не' || t(k) === 'not' || t(k) === 'нет') return false;
    if (delivery(t(k))) delivered = true;
  }
  return delivered;
}

const NOT = new Set(['не', 'not']);
const WITHOUT = new Set(['без', 'without']);
const THROUGH = new Set(['через', 'via', 'through']);
/** Words that may stand between a need or a preposition and the topic it governs: "not need an account", "не в вашем ЛК". */
const DETERMINERS = new Set(['a', 'an', 'the', 'any', 'your', 'ваш', 'ваше', 'ваша', 'вашем', 'вашей', 'вашего', 'вашу', 'свой', 'своем', 'своём', 'своего', 'никакой', 'никакого']);
const NEED = /^(нуж|требу|обязател|need|require)/;

/**
 * Is the topic at word `first` negated by the words right before it, in its own phrase? "делается не
 * через ЛК, а через поддержку Kia Connect", "без личного кабинета", "You do not need an account on
 * kia.ru", "для этого не нужен личный кабинет": the reply says it is not about that. A few words looked at.
 */
function negatedPlace(words: readonly Word[], first: number): boolean {
  const t = (k: number) => words[k]?.text ?? '';
  let k = first - 1;
  while (k >= first - 2 && DETERMINERS.has(t(k))) k--;
  if (WITHOUT.has(t(k))) return true;
  if ((PREPOSITIONS.has(t(k)) || THROUGH.has(t(k))) && NOT.has(t(k - 1))) return true;
  // "do not need", "don't need" (its "t"), "не нужен / не требуется".
  return NEED.test(t(k)) && (NOT.has(t(k - 1)) || (t(k - 1) === 't' && t(k - 2) === 'don'));
}

/** "Отдельно", "отдельным письмом", "другая история", "separately", "a separate request": a topic sent elsewhere (not "отдельная рассылка"). */
const ELSEWHERE = /^(отдельно|separately)$/;
const APART = /^(отдельн|separate|друг|разн|different)/;
// "Kia Connect — отдельная учётная запись", "разные учётные записи": a different account is another topic too.
const MATTER = /^(истори|вопрос|тем|обращен|письм|запрос|заявк|сообщен|учетн|аккаунт|request|e-?mail|ticket|question|issue|matter|topic|message|letter|story|accounts?$)/;

/**
 * Words of sentences that send a topic elsewhere and ask for nothing of it there ("если вопрос ещё и
 * про Kia Connect — это отдельная история, напишите отдельным письмом"): its name there is no topic
 * of this reply. A sentence that names items ("по Kia Connect пришлите отдельно IMEI") or opens a list
 * keeps its topic. One pass over the sentences and the words.
 */
function sentElsewhere(text: string, words: readonly Word[], sentences: readonly Sentence[], hits: readonly PhraseHit[]): Uint8Array {
  const out = new Uint8Array(words.length);
  const item = new Uint8Array(words.length);
  for (const h of hits) if (h.item) item[h.word] = 1;
  let w = 0;
  for (const s of sentences) {
    while (w < words.length && words[w]!.start < s.start) w++;
    let k = w;
    let elsewhere = false;
    let asks = false;
    for (; k < words.length && words[k]!.start < s.end; k++) {
      const t = words[k]!.text;
      if (ELSEWHERE.test(t) || (APART.test(t) && MATTER.test(words[k + 1]?.text ?? ''))) elsewhere = true;
      if (item[k]) asks = true;
    }
    if (elsewhere && !asks && !introducesList(text, s)) out.fill(1, w, k);
    w = k;
  }
  return out;
}

/** Index of the first element of `xs` (sorted by `key`) whose key is ≥ x. */
function lowerBound<T>(xs: readonly T[], x: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(xs[mid]!) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


/** How many words a phrase hit can span (its words, with at most two others between each). */
const PHRASE_REACH = 24;

interface Analysis {
  requests: Request[];
  /** Checklists each request is checked against. */
  assigned: Checklist[][];
  /** Items asked anywhere in the reply, by checklist id. */
  asked: Map<string, Set<string>>;
}

/**
 * Which checklists a reply's requests call for. A request is checked against the checklist that
 * explains it best — the items it asks for, together with the topic named in its paragraphs (or,
 * when they name none, anywhere in the reply) — not the first topic word: "личный кабинет" in a
 * reply about the password SMS does not bring in the sign-in checklist. Another topic in the same
 * place counts too when the request asks for items only that checklist has (Kia Connect and the
 * Yandex Plus promo code in one sentence). A topic word alone, without a request, brings nothing.
 */
export function analyseDraft(text: string, end: number, options: ValidateOptions, original = text): Analysis {
  const words = wordsOf(text, 0, end);
  const hits = matcherFor(options.checklists).find(words, text);
  // Split once: the requests and the sentences that send a topic elsewhere read the same sentences.
  const sentences = segment(text, end);
  const requests = findRequests({ text, words, hits, end, sentences });
  const asked = new Map<string, Set<string>>();
  if (!requests.length) return { requests, assigned: [], asked };
  // An item named only in a clause that describes another item is not asked for ("телефон, который вы давали дилеру").
  const describing = descriptiveWords(text, words, hits);
  const itemHits = hits.filter((h) => h.item && (h.clausal || !describing[h.word]));
  const weights = termWeights(options.checklists, options.articleBodies);
  // Words of item phrases that name what another checklist's problem is about, by that checklist: "год
  // выпуска" is the sign-in's ПТС item, but in "год выпуска в ЛК поправим" it is the car data being
  // fixed, no sign-in problem of its own. Built once per checklist asked about (linear).
  const partWords = new Map<string, Uint8Array>();
  const topicPartWords = (id: string): Uint8Array => {
    let mask = partWords.get(id);
    if (!mask) {
      const keys = topicKeys(byId.get(id)!);
      mask = new Uint8Array(words.length);
      for (const h of itemHits) if (keys.has(h.key)) mask.fill(1, h.word, h.last + 1);
      partWords.set(id, mask);
    }
    return mask;
  };
  const away = sentElsewhere(text, words, sentences, hits);
  // A topic phrase that overlaps one said not to apply goes with it ("не нужен личный кабинет на kia.ru":
  // "кабинет на kia.ru" inside it). Hits come in word order: the furthest such word so far, per checklist.
  const unrelatedUntil = new Map<string, number>();
  const topicHits = hits
    .filter((h) => {
      if (h.item || away[h.word] || smsAsChannel(text, words, h.word, h.last)) return false;
      if (unrelated(words, h.word, h.last)) {
        unrelatedUntil.set(h.checklist, Math.max(unrelatedUntil.get(h.checklist) ?? -1, h.last));
        return false;
      }
      return h.word > (unrelatedUntil.get(h.checklist) ?? -1);
    })
    .map((h) => ({ checklist: h.checklist, at: words[h.word]!.start, weight: weights.get(h.checklist)?.get(h.key) ?? 1 }));
  // The customer's lines quoted between the answers (blanked in `text`) say what each answer is about:
  // "> Не могу зайти в приложение Kia Connect" over "Попробуйте восстановить пароль…". Their topics count, nothing else of them.
  if (original !== text) {
    const quotedLineWords = wordsOf(original, 0, end).filter((w) => text[w.start] !== original[w.start]);
    for (const h of matcherFor(options.checklists).find(quotedLineWords)) {
      if (!h.item && !unrelated(quotedLineWords, h.word, h.last)) topicHits.push({ checklist: h.checklist, at: quotedLineWords[h.word]!.start, weight: weights.get(h.checklist)?.get(h.key) ?? 1 });
    }
  }
  // Problems with no checklist (navigation maps, CarPlay) compete with the checklists' topics.
  for (const h of matcherFor(OTHER_TOPICS).find(words)) if (!h.item && !unrelated(words, h.word, h.last)) topicHits.push({ checklist: OTHER_TOPIC, at: words[h.word]!.start, weight: 1 });
  // KB answers pasted into the reply name their topic too.
  const flat = fold(text.slice(0, end)).replace(/\s+/g, ' ');
  for (const c of options.checklists) {
    for (const id of c.appliesWhen.articles ?? []) {
      const body = options.articleBodies?.get(id);
      const at = body ? flat.indexOf(articleOpening(body)) : -1;
      if (at >= 0) topicHits.push({ checklist: c.id, at: Math.min(at, end), weight: 1 });
    }
  }
  topicHits.sort((a, b) => a.at - b.at);
  const starts = paragraphStarts(text, end);
  const aside = bracketedWords(text, words, end);
  const unpinned = new Set(options.unpinned ?? []);
  const byId = new Map(options.checklists.map((c) => [c.id, c]));

  /** Items asked in loose phrases: counted as asked, but no evidence of which checklist applies. */
  const looselyAsked: PhraseHit[] = [];
  // Items each request asks for, by checklist, with the words that ask for them (scopes are sorted
  // word ranges; hits are sorted by word).
  const itemsOf = requests.map((r) => {
    const m = new Map<string, Map<string, number[]>>();
    for (const [a, b] of r.scope) {
      // A phrase that ends in the request counts too ("если появляется ошибка — приложите фото"):
      // phrases span a few words, so the look-back is bounded.
      for (let k = lowerBound(itemHits, a - PHRASE_REACH, (h) => h.word); k < itemHits.length && itemHits[k]!.word < b; k++) {
        const h = itemHits[k]!;
        if (h.last < a || (h.word < a && h.size < 2)) continue;
        if (h.loose) {
          looselyAsked.push(h);
          continue;
        }
        let items = m.get(h.checklist);
        if (!items) m.set(h.checklist, (items = new Map()));
        let at = items.get(h.item!);
        if (!at) items.set(h.item!, (at = []));
        for (let w = h.word; w <= h.last; w++) at.push(w);
      }
    }
    for (const [id, items] of m) {
      let all = asked.get(id);
      if (!all) asked.set(id, (all = new Set()));
      for (const it of items.keys()) all.add(it);
    }
    return m;
  });

  /** Topics named in [from, to), each scored by its most telling term (several weak words do not outweigh "Kia Connect"); more mentions only break ties. */
  const topicCache = new Map<string, Map<string, number>>();
  const topicsIn = (from: number, to: number) => {
    // Requests in one paragraph share it: counted once, not once per request (a long paragraph with
    // many requests would make this quadratic).
    const key = `${from}:${to}`;
    const cached = topicCache.get(key);
    if (cached) return cached;
    const tally = newTopicTally();
    for (let k = lowerBound(topicHits, from, (h) => h.at); k < topicHits.length && topicHits[k]!.at < to; k++) tally.add(topicHits[k]!);
    const out = tally.weights();
    topicCache.set(key, out);
    return out;
  };
  // Topics named anywhere above a point, for requests whose paragraph names none: one running tally
  // as the requests go down the text (a scan from the top for each was paragraphs × topic words).
  let above = { k: 0, to: 0, tally: newTopicTally() };
  const topicsAbove = (to: number) => {
    if (to < above.to) above = { k: 0, to: 0, tally: newTopicTally() };
    for (; above.k < topicHits.length && topicHits[above.k]!.at < to; above.k++) above.tally.add(topicHits[above.k]!);
    above.to = to;
    return above.tally.weights();
  };
  const everywhere = topicsIn(0, end + 1);
  /** Topics named in the quoted text below the reply, found only when needed. */
  let quoted: Map<string, number> | undefined;
  const quotedTopics = () => {
    if (!quoted) {
      const below = text.length - end > 20_000 ? text.slice(end, end + 20_000) : text.slice(end);
      const belowWords = wordsOf(below);
      quoted = new Map();
      for (const h of matcherFor(options.checklists).find(belowWords)) if (!h.item && !unrelated(belowWords, h.word, h.last)) quoted.set(h.checklist, 1);
    }
    return quoted;
  };
  /** Item ids that only one checklist has, with that checklist. */
  const uniqueItems = new Map<string, string | null>();
  for (const c of options.checklists) for (const it of c.items) uniqueItems.set(it.id, uniqueItems.has(it.id) ? null : c.id);
  const anyItems = itemsOf.some((m) => m.size > 0);
  /** Topics a request names before the first item it asks for, when it stays within its sentence. */
  const leadTopics = requests.map((r) => {
    const firstItem = r.scope.length ? lowerBound(itemHits, r.scope[0]![0], (h) => h.word) : itemHits.length;
    const lastWord = r.scope.length ? r.scope[r.scope.length - 1]![1] - 1 : -1;
    const oneSentence = lastWord >= 0 && words[lastWord]!.end <= r.sentenceEnd;
    // A pronoun's request starts where what it points at starts ("СМС тоже не приходит? Тогда опишите это").
    const from = r.scope.length && r.scope[0]![0] < words.length ? Math.min(r.start, words[r.scope[0]![0]]!.start) : r.start;
    return oneSentence && firstItem < itemHits.length ? topicsIn(from, words[itemHits[firstItem]!.word]!.start) : new Map<string, number>();
  });
  /** Topics the requests of each paragraph name that way, by the paragraph's start (one pass, not a loop over all requests per request). */
  const leadTopicsByParagraph = new Map<number, Set<string>>();
  requests.forEach((r, ri) => {
    const from = starts[floorIndex(starts, r.start)]!;
    let ids = leadTopicsByParagraph.get(from);
    if (!ids) leadTopicsByParagraph.set(from, (ids = new Set()));
    for (const id of leadTopics[ri]!.keys()) ids.add(id);
  });
  const assigned = requests.map((r, ri) => {
    const from = starts[floorIndex(starts, r.start)]!;
    const nextPara = floorIndex(starts, Math.max(r.end - 1, r.start)) + 1;
    const to = nextPara < starts.length ? starts[nextPara]! : end + 1;
    let topics = topicsIn(from, to);
    // A request that names its topic before what it asks for ("По поводу СМС-кода: пришлите …") is
    // about that topic too, even in a paragraph that names another one (two topics, two requests).
    // Only when another request of the paragraph names a topic of its own the same way.
    const lead = leadTopics[ri]!;
    const twoRequests = [...(leadTopicsByParagraph.get(from) ?? [])].some((id) => !lead.has(id));
    const ownLead = twoRequests && lead.size && topics.size > lead.size ? lead : undefined;
    // No topic where the request stands: the problem is stated before it; a topic named only after
    // it ("если вопрос ещё и про Kia Connect — напишите отдельно") is a last resort.
    // Whether the topics were named where the request stands (its paragraph) or only elsewhere.
    const local = topics.size > 0;
    // Only a topic that yields to one stated above ("почту, на которую зарегистрирован личный кабинет"
    // under "код восстановления пароля не приходит"): the problem above is the request's too.
    // So is one whose paragraph names such a topic only by words other topics' articles use too ("на
    // какой номер удобнее получить код по СМС" under "для выдачи промокода Яндекс Плюс").
    const weakOnly = [...topics.values()].every((w) => w < 1);
    if (local && ((r.listCount > 0 && !topicsIn(r.start, r.sentenceEnd).size) || weakOnly) && [...topics.keys()].every((id) => byId.get(id)?.appliesWhen.yieldsTo?.length)) {
      const above = topicsAbove(from);
      const yieldedTo = [...above.keys()].filter((o) => [...topics.keys()].some((id) => byId.get(id)!.appliesWhen.yieldsTo!.includes(o)));
      if (yieldedTo.length) topics = new Map([...topics, ...yieldedTo.map((o) => [o, above.get(o)!] as [string, number])]);
    }
    if (!topics.size) topics = topicsAbove(from);
    if (!topics.size) topics = everywhere;
    const items = itemsOf[ri]!;
    // The topics of its paragraph explain none of the items it asks for, and it names no topic itself
    // (a list of steps under a Yandex Plus reply mentions "SMS", its last step asks for СТС and VIN):
    // it is about the problem stated above, when that one explains them.
    if (local && !topicsIn(r.start, r.sentenceEnd).size && !topics.has(OTHER_TOPIC) && items.size && ![...topics.keys()].some((id) => items.has(id))) {
      const above = topicsAbove(from);
      if ([...above.keys()].some((id) => items.has(id))) topics = above;
    }
    // No topic in the reply: the customer's quoted message below may name it; else items only one
    // checklist has (дата регистрации and ПТС are the sign-in checklist's), two of them at least.
    if (!topics.size) topics = quotedTopics();
    if (!topics.size) topics = new Map(options.checklists.filter((c) => [...(items.get(c.id)?.keys() ?? [])].filter((it) => uniqueItems.get(it) === c.id).length >= 2).map((c) => [c.id, 1]));
    // A problem with no checklist named more tellingly than any checklist's topic: nothing to check
    // ("обновление карт … удалите автомобиль из списка CarPlay … пришлите VIN и модель").
    const other = topics.get(OTHER_TOPIC) ?? 0;
    if (other > 0 && [...topics].every(([id, w]) => id === OTHER_TOPIC || w < other)) return [];
    const named = [...topics.keys()].filter((id) => !unpinned.has(id) && byId.has(id));
    const matchedOf = (id: string) => items.get(id)?.size ?? 0;
    // Its own problem named in so many words (a term of its own, not "личный кабинет") and items only
    // it asks for: two problems, two checklists ("не получается войти в ЛК, а при восстановлении пароля не приходит СМС").
    // Its own items are those no other checklist has (дата регистрации, логин), asked in words of
    // their own, not in an aside ("scans (STS or PTS)"): one with a telling topic, or two.
    const ownProblem = (id: string, other: string) => {
      const theirs = new Set(byId.get(other)!.items.map((i) => i.id));
      const theirWords = new Set([...(items.get(other)?.values() ?? [])].flat());
      const theirTopic = topicPartWords(other);
      const own = [...(items.get(id) ?? [])].filter(([it, at]) => !theirs.has(it) && uniqueItems.get(it) === id && at.some((w) => !theirWords.has(w) && !aside[w] && !theirTopic[w])).length;
      return (topics.get(id)! >= 1 && own >= 1) || own >= 2;
    };
    // A checklist that yields to another one named in the same place steps aside (the sign-in
    // checklist when the password or the SMS code is the problem; the password one in the Kia Connect
    // app) — unless the request plainly asks for its own items (more than one beyond the other's).
    // Named with a checklist that yields to it, it stands: the password of the personal account
    // ("пароль от личного кабинета на kia.ru") is not the Kia Connect app's.
    const backed = (id: string) => named.some((o) => byId.get(o)!.appliesWhen.yieldsTo?.includes(id));
    const ranked = named
      .filter((id) => !byId.get(id)!.appliesWhen.yieldsTo?.some((other) => named.includes(other) && matchedOf(id) <= matchedOf(other) + 1 && !ownProblem(id, other) && !backed(id)))
      .map((id) => {
        const c = byId.get(id)!;
        const matched = matchedOf(id);
        return { c, matched, coverage: matched / c.items.length, topic: topics.get(id)! };
      })
      // Most items explained first; between equals, the more telling topic, then coverage.
      .sort((x, y) => y.matched - x.matched || y.topic - x.topic || y.coverage - x.coverage);
    if (!ranked.length) return [];
    const best = ranked[0]!;
    // "Эту информацию можно отправить через форму" after a request that listed the items: it asks for those.
    const topTopics = () => ranked.filter((x) => x.topic === Math.max(...ranked.map((y) => y.topic))).map((x) => x.c);
    // It asks for things, none of them on the named topic's checklist, nor on any checklist the reply
    // names ("уточните модель и комплектацию" about the Yandex Plus promo code): it is still about
    // that topic, whose items it misses.
    const elsewhere = [...items.keys()].some((id) => everywhere.has(id));
    if (!best.matched && anyItems && (!items.size || elsewhere)) return [];
    if (!best.matched) return topTopics();
    const chosen = [best.c];
    // Another topic counts when it explains words of the request that the chosen ones do not:
    // "фото СТС" next to Kia Connect's items, not "ПТС" inside "сканы документов (СТС или ПТС)".
    for (const x of ranked.slice(1)) {
      const known = new Set(chosen.flatMap((c) => c.items.map((i) => i.id)));
      const covered = new Set(chosen.flatMap((c) => [...(items.get(c.id)?.values() ?? [])].flat()));
      // Topics named only elsewhere ("Приложение Mobikey у вас работает" above a sign-in request) need
      // an item of their own: a phone number alone does not make it a Mobikey request.
      const explains = ([it, at]: [string, number[]]) => !known.has(it) && (local || uniqueItems.get(it) === x.c.id) && at.some((w) => !covered.has(w) && !aside[w]);
      if ([...(items.get(x.c.id) ?? [])].some(explains)) chosen.push(x.c);
    }
    // The personal account's password or data named beside another problem, by a term of its own
    // ("Kia Connect не открывается, а пароль от личного кабинета не восстановить"): its checklist too.
    // Named only outside the request's paragraph, it must also explain words of the request the chosen
    // ones do not ("телефон, почту" beside the sign-in's items): a wrong car mentioned in passing above a
    // sign-in request whose VIN and ПТС the sign-in explains does not bring its checklist in.
    const explainsMore = (id: string) => {
      const covered = new Set(chosen.flatMap((c) => [...(items.get(c.id)?.values() ?? [])].flat()));
      return [...(items.get(id)?.values() ?? [])].some((at) => at.some((w) => !covered.has(w) && !aside[w]));
    };
    for (const x of ranked) if (!chosen.includes(x.c) && x.matched > 0 && x.topic >= 1 && backed(x.c.id) && (local || explainsMore(x.c.id))) chosen.push(x.c);
    // A topic the reply names elsewhere (the problem stated above a "## Что нужно прислать" section)
    // counts when the request asks for two items only it has (дата регистрации and логин: the sign-in).
    // So does one only the customer's quoted message names ("Не могу войти в ЛК" below a reply that asks
    // for the login and the registration date beside the SMS code), when it yields to the request's topic.
    for (const [id, ownItems] of items) {
      const c = byId.get(id);
      if (!c || unpinned.has(id) || chosen.includes(c) || topics.has(id)) continue;
      if (!everywhere.has(id) && !(c.appliesWhen.yieldsTo?.some((o) => topics.has(o)) && quotedTopics().has(id))) continue;
      const own = [...ownItems].filter(([it, at]) => uniqueItems.get(it) === id && at.some((w) => !aside[w])).length;
      if (own >= 2) chosen.push(c);
    }
    // "Чтобы исправить данные и проверить право на промокод, пришлите VIN, фото СТС …": a request that
    // names two problems before what it asks for, each by a term of its own, is about both.
    for (const x of ranked) if (!chosen.includes(x.c) && x.matched > 0 && (lead.get(x.c.id) ?? 0) >= 1 && chosen.some((c) => (lead.get(c.id) ?? 0) >= 1)) chosen.push(x.c);
    // "Для обоих вопросов пришлите …", "for both issues, send …": the request serves every problem named in
    // its place or above it, so each of those topics whose items it asks for applies, unless it yields to one chosen.
    if (namesBothProblems(words, lowerBound(words, r.start, (w) => w.start), r.sentenceEnd)) {
      for (const id of new Set([...topics.keys(), ...topicsAbove(from).keys()])) {
        const c = byId.get(id);
        if (!c || unpinned.has(id) || chosen.includes(c) || !matchedOf(id) || c.appliesWhen.yieldsTo?.some((o) => chosen.some((x) => x.id === o))) continue;
        chosen.push(c);
      }
    }
    if (ownLead && !chosen.some((c) => ownLead.has(c.id))) {
      // Among the topics it names, yielding only to each other ("пароль от личного кабинета" is the password's).
      const leadIds = [...ownLead.keys()].filter((id) => !unpinned.has(id) && byId.has(id) && matchedOf(id) > 0);
      const own = leadIds
        .filter((id) => !byId.get(id)!.appliesWhen.yieldsTo?.some((other) => leadIds.includes(other)))
        .sort((x, y) => matchedOf(y) - matchedOf(x) || ownLead.get(y)! - ownLead.get(x)!)[0];
      if (own) chosen.push(byId.get(own)!);
    }
    return chosen;
  });
  for (const h of looselyAsked) {
    let all = asked.get(h.checklist);
    if (!all) asked.set(h.checklist, (all = new Set()));
    all.add(h.item!);
  }
  return { requests, assigned, asked };
}

const topicKeyCache = new WeakMap<Checklist, Set<string>>();
/** A checklist's topic terms and the parts of its composite ones ("год выпуска" of "неверный … + … год выпуска"), as stems joined by spaces. */
function topicKeys(c: Checklist): Set<string> {
  let keys = topicKeyCache.get(c);
  if (!keys) {
    keys = new Set();
    for (const t of c.appliesWhen.terms ?? []) for (const part of phraseParts(t)) for (const p of part) keys.add(phraseStems(p).join(' '));
    topicKeyCache.set(c, keys);
  }
  return keys;
}

const BOTH = new Set(['оба', 'обоих', 'обоим', 'обеих', 'обеим', 'both']);
const PROBLEM_NOUN = /^(вопрос|проблем|случа|обращени|тем|задач|issue|problem|case|question|request|matter)/;

/** Do the words from `a` to the offset `end` say "both problems" ("по обоим вопросам", "for both issues")? Not "обе стороны" of a document. */
function namesBothProblems(words: readonly Word[], a: number, end: number): boolean {
  // "и для исправления данных, и для проверки промокода" / "и по Kia Connect, и по Mobikey": both … and.
  let andFor = 0;
  for (let i = a; i + 1 < words.length && words[i + 1]!.end <= end; i++) {
    if (BOTH.has(words[i]!.text) && PROBLEM_NOUN.test(words[i + 1]!.text)) return true;
    if (words[i]!.text === 'и' && (words[i + 1]!.text === 'для' || words[i + 1]!.text === 'по') && ++andFor === 2) return true;
  }
  return false;
}

/** The opening of a KB answer as it reads when pasted into a reply (folded, spaces collapsed); cached per body. */
const openings = new Map<string, string>();
function articleOpening(body: string): string {
  let o = openings.get(body);
  if (o === undefined) {
    o = fold(body).replace(/\s+/g, ' ').slice(0, 80);
    if (openings.size < 5_000) openings.set(body, o);
  }
  return o;
}

function checkRequests(text: string, end: number, options: ValidateOptions, locale: Locale, findings: Finding[], original = text): ChecklistResult[] {
  const { requests, assigned, asked } = analyseDraft(text, end, options, original);
  if (!requests.length) return [];
  const results: ChecklistResult[] = [];
  const cyrillic = /[а-яё]/i.test(text.slice(0, Math.min(end, 5_000)));
  const pinned = new Set(options.pinned ?? []);
  const unpinned = new Set(options.unpinned ?? []);
  const applicable = options.checklists.filter((c) => !unpinned.has(c.id) && (pinned.has(c.id) || assigned.some((list) => list.includes(c))));
  for (const c of applicable) {
    // The warning and its fix go to the requests this checklist was chosen for.
    let mine = requests.filter((_, i) => assigned[i]!.includes(c));
    if (!mine.length) mine = requests;
    const got = asked.get(c.id) ?? new Set<string>();
    const present = c.items.filter((it) => got.has(it.id));
    const missing = c.items.filter((it) => !got.has(it.id));
    const first = mine[0]!;
    results.push({ id: c.id, title: c.title[locale], missing: missing.map((i) => i.id), missingLabels: missing.map((i) => i.label[locale]), present: present.map((i) => i.id), requestStart: first.start, requestEnd: first.end });
    if (!missing.length) continue;
    findings.push({
      code: FindingCodes.missingItems,
      severity: 'warning',
      message: say(M.missing, locale, c.title[locale], missing.map((i) => i.label[locale]).join(', ')),
      start: first.start,
      end: first.sentenceEnd,
      // The title in the UI language (the inserted words follow the reply's language).
      fixes: [{ title: say(M.addMissing, locale, missing.map((i) => i.label[locale]).join(', ')), edits: [addMissingItems(text, mine, missing, cyrillic ? 'ru' : 'en')], preferred: true }],
    });
  }
  return results;
}

// Inner classes exclude the openers, so a long run of "${${${" cannot make every start rescan the line.
const PLACEHOLDERS = /\$\{[^{}$\n]*\}|\{\{[^{}\n]*\}\}|\[[A-ZА-ЯЁ][A-ZА-ЯЁ0-9 _.…-]*\]|<(?![a-z]+:\/\/)[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё0-9 _-]{1,40}>/gu;

function findPlaceholders(text: string, end: number, locale: Locale, findings: Finding[]): void {
  for (const m of text.slice(0, end).matchAll(PLACEHOLDERS)) {
    findings.push({ code: FindingCodes.placeholder, severity: 'error', message: say(M.placeholder, locale, m[0]), start: m.index!, end: m.index! + m[0].length, fixes: [] });
  }
}

/**
 * A greeting or signature line left as inserted (`Здравствуйте, имя клиента!`, `ваше имя`): its
 * default texts are unfilled placeholders. One pass over the lines, one map look-up each.
 */
function findUnfilledDefaults(text: string, end: number, lines: readonly PlaceholderLine[], locale: Locale, findings: Finding[]): void {
  if (!lines.length) return;
  const byText = new Map(lines.map((l) => [l.text, l]));
  for (let start = 0; start < end; ) {
    let stop = text.indexOf('\n', start);
    if (stop < 0 || stop > end) stop = end;
    const raw = text.slice(start, stop);
    const line = byText.get(raw.trim());
    if (line) {
      const at = start + raw.length - raw.trimStart().length;
      for (const d of line.defaults) findings.push({ code: FindingCodes.placeholder, severity: 'error', message: say(M.placeholder, locale, d.text), start: at + d.at, end: at + d.at + d.text.length, fixes: [] });
    }
    start = stop + 1;
  }
}

// Bounded repetitions: a long run of spaces or letters cannot make the match backtrack far.
const FORM_MENTION = /(форм\p{L}{0,6}[ \t\u00a0]{1,3}(для[ \t\u00a0]{1,3})?обратн\p{L}{0,6}[ \t\u00a0]{1,3}связ\p{L}{0,4}|обратн\p{L}{0,6}[ \t\u00a0]{1,3}связ\p{L}{0,4})/iu;

function checkFormLink(text: string, end: number, locale: Locale, findings: Finding[]): void {
  const reply = text.slice(0, end);
  const m = FORM_MENTION.exec(reply);
  if (!m || /kia\.ru\/feedback/i.test(reply)) return;
  const at = m.index + m[0].length;
  findings.push({
    code: FindingCodes.formLink,
    severity: 'warning',
    message: say(M.formLink, locale),
    start: m.index,
    end: at,
    fixes: [{ title: say(M.addFormLink, locale), edits: [{ start: at, end: at, newText: ` ${FEEDBACK_FORM_URL}` }], preferred: true }],
  });
}

const ATTACHMENT_RULES: [RegExp, (m: RegExpExecArray) => boolean][] = [
  // Bounded and anchored after a non-digit: a long run of digits or spaces cannot make each start rescan it.
  [/(?<!\d)(\d{1,3})\s{0,3}(файл|вложени|фото|скриншот)\p{L}{0,8}/giu, (m) => Number(m[1]) > 3],
  [/(?<![\d.,])(\d{1,6}(?:[.,]\d{1,3})?)\s{0,3}(мб|mb|мегабайт\p{L}{0,3}|гб|gb)(?!\p{L})/giu, (m) => /^[гg]/i.test(m[2]!) || Number(m[1]!.replace(',', '.')) > 2],
  [/(?<![\p{L}\d])\.?(zip|rar|7z|heic|mp4|mov|avi|mkv|tiff?|bmp|webp|docx|xlsx?)(?![\p{L}\d])/giu, () => true],
];

const ATTACHMENT_TOPIC = /прикреп|приложи|вложен|файл|формат|размер/iu;

function checkAttachments(text: string, end: number, locale: Locale, findings: Finding[]): void {
  // Only sentences about attaching files are judged (sentences found in one pass, not by a regex scan).
  for (const s of segment(text, end)) {
    const sentence = text.slice(s.start, s.end);
    if (!ATTACHMENT_TOPIC.test(sentence)) continue;
    for (const [re, breaks] of ATTACHMENT_RULES) {
      for (const m of sentence.matchAll(re)) {
        if (!breaks(m)) continue;
        const start = s.start + m.index!;
        findings.push({ code: FindingCodes.attachments, severity: 'warning', message: say(M.attachments, locale, m[0].trim()), start, end: start + m[0].length, fixes: [] });
      }
    }
  }
}

function checkEntities(text: string, options: ValidateOptions, off: Set<string>, locale: Locale, findings: Finding[]): void {
  for (const e of findEntities(text)) {
    if (e.kind === 'vin') {
      const vin = decodeVin(e.text, options.now);
      if (vin.problems.includes('cyrillic-lookalikes') && !off.has(FindingCodes.vinLookalikes)) {
        const letters = [...e.text].filter((ch) => /[А-Яа-яЁё]/.test(ch)).join(', ');
        findings.push({
          code: FindingCodes.vinLookalikes,
          severity: 'warning',
          message: say(M.vinLookalikes, locale, letters, vin.normalized),
          start: e.start,
          end: e.end,
          fixes: [{ title: say(M.fixVin, locale, vin.normalized), edits: [{ start: e.start, end: e.end, newText: vin.normalized }], preferred: true }],
        });
      }
      const other = vin.problems.filter((p) => p !== 'cyrillic-lookalikes');
      if (other.length && !off.has(FindingCodes.vinInvalid)) {
        findings.push({ code: FindingCodes.vinInvalid, severity: 'warning', message: say(M.vinInvalid, locale, vin.normalized, other.map((p) => REASONS[p]![locale]).join('; ')), start: e.start, end: e.end, fixes: [] });
      }
    } else if (!off.has(FindingCodes.imeiInvalid)) {
      const imei = decodeImei(e.text);
      if (!imei.valid) {
        const reasons = imei.problems.map((p) => REASONS[p === 'length' ? 'imeiLength' : p === 'characters' ? 'imeiCharacters' : 'luhn']![locale]);
        findings.push({ code: FindingCodes.imeiInvalid, severity: 'warning', message: say(M.imeiInvalid, locale, imei.normalized, reasons.join('; ')), start: e.start, end: e.end, fixes: [] });
      }
    }
  }
}

/**
 * Topic words counted for a stretch of text: each checklist's strongest topic word, and a thousandth
 * more for each mention, so that of two equally strong topics the one named more often leads.
 */
function newTopicTally() {
  const best = new Map<string, number>();
  const mentions = new Map<string, number>();
  return {
    add(h: { checklist: string; weight: number }): void {
      best.set(h.checklist, Math.max(best.get(h.checklist) ?? 0, h.weight));
      mentions.set(h.checklist, (mentions.get(h.checklist) ?? 0) + 1);
    },
    weights: (): Map<string, number> => new Map([...best].map(([id, w]) => [id, w + 0.001 * mentions.get(id)!])),
  };
}
