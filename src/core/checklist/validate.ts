import { decodeImei } from '../entities/imei';
import { findEntities } from '../entities/find';
import { decodeVin } from '../entities/vin';
import { fold } from '../text/normalize';
import { findPhrase, findRequests, phraseStems, replyEnd, wordsOf, type Request } from './draft';
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
 * Quoted customer text below the reply is left out. Findings carry offsets, stable codes and fixes.
 * @example
 * validateDraft('Пришлите, пожалуйста, VIN и IMEI.', { checklists }).checklists[0] // { id: 'kia-connect', missing: ['full_name', …] }
 */
export function validateDraft(text: string, options: ValidateOptions): DraftReport {
  const locale = options.locale ?? 'ru';
  const off = new Set(options.disabled ?? []);
  const end = replyEnd(text);
  const findings: Finding[] = [];
  const checklists = off.has(FindingCodes.missingItems) ? [] : checkRequests(text, end, options, locale, findings);
  if (!off.has(FindingCodes.placeholder)) findPlaceholders(text, end, locale, findings);
  if (!off.has(FindingCodes.formLink)) checkFormLink(text, end, locale, findings);
  if (!off.has(FindingCodes.attachments)) checkAttachments(text, end, locale, findings);
  checkEntities(text, options, off, locale, findings);
  findings.sort((a, b) => a.start - b.start);
  return { checklists, findings };
}

/**
 * Which checklists a draft's topic calls for: their terms, or their KB answers inserted into the
 * draft. The paragraphs that hold the requests speak first ("…Kia Connect… пришлите…"); only when
 * they name no topic does the rest of the reply decide.
 */
export function applicableChecklists(text: string, end: number, options: ValidateOptions, requests: readonly Request[] = findRequests(text, end)): Checklist[] {
  const flat = fold(text).replace(/\s+/g, ' ');
  const scoreIn = (words: ReturnType<typeof wordsOf>) =>
    options.checklists.map((c) => {
      let score = (c.appliesWhen.terms ?? []).filter((t) => findPhrase(words, phraseStems(t)) >= 0).length;
      for (const id of c.appliesWhen.articles ?? []) {
        const body = options.articleBodies?.get(id);
        if (body && flat.includes(fold(body).replace(/\s+/g, ' ').slice(0, 80))) score += 2;
      }
      return { c, score };
    });
  const paragraphs = requests.flatMap((r) => wordsOf(text, paragraphStart(text, r.start), paragraphEnd(text, r.end, end)));
  let scored = scoreIn(paragraphs);
  if (!scored.some((s) => s.score > 0)) scored = scoreIn(wordsOf(text, 0, end));
  const best = Math.max(0, ...scored.map((s) => s.score));
  const pinned = new Set(options.pinned ?? []);
  const unpinned = new Set(options.unpinned ?? []);
  return scored.filter(({ c, score }) => !unpinned.has(c.id) && (pinned.has(c.id) || (score >= 1 && score >= best / 2))).map((s) => s.c);
}

function paragraphStart(text: string, at: number): number {
  return text.lastIndexOf('\n\n', at) + 1;
}

function paragraphEnd(text: string, at: number, end: number): number {
  const i = text.indexOf('\n\n', at);
  return i < 0 || i > end ? end : i;
}

function checkRequests(text: string, end: number, options: ValidateOptions, locale: Locale, findings: Finding[]): ChecklistResult[] {
  const requests = findRequests(text, end);
  if (!requests.length) return [];
  const results: ChecklistResult[] = [];
  const cyrillic = /[а-яё]/i.test(text.slice(0, end));
  const applicable = applicableChecklists(text, end, options, requests);
  // The customer answers the whole reply, so an item asked anywhere counts; but with two topics in
  // one reply, the warning and its fix go to the request whose paragraph names the checklist's topic.
  const topicsOf = requests.map((r) => {
    const words = wordsOf(text, paragraphStart(text, r.start), paragraphEnd(text, r.end, end));
    return applicable.filter((c) => (c.appliesWhen.terms ?? []).some((t) => findPhrase(words, phraseStems(t)) >= 0)).map((c) => c.id);
  });
  for (const c of applicable) {
    let mine = requests.filter((_, i) => topicsOf[i]!.includes(c.id) || topicsOf[i]!.length === 0);
    if (!mine.length) mine = requests;
    const asked = requests.flatMap((r) => wordsOf(text, r.start, r.end));
    const present = c.items.filter((it) => it.phrases.some((p) => findPhrase(asked, phraseStems(p)) >= 0));
    const missing = c.items.filter((it) => !present.includes(it));
    const first = mine[0]!;
    results.push({ id: c.id, title: c.title[locale], missing: missing.map((i) => i.id), missingLabels: missing.map((i) => i.label[locale]), present: present.map((i) => i.id), requestStart: first.start, requestEnd: first.end });
    if (!missing.length) continue;
    const target = mine[mine.length - 1]!;
    const inserts = missing.map((i) => (cyrillic ? i.insert.ru : i.insert.en));
    findings.push({
      code: FindingCodes.missingItems,
      severity: 'warning',
      message: say(M.missing, locale, c.title[locale], missing.map((i) => i.label[locale]).join(', ')),
      start: first.start,
      end: first.sentenceEnd,
      // The title in the UI language (the inserted words follow the reply's language).
      fixes: [{ title: say(M.addMissing, locale, missing.map((i) => i.label[locale]).join(', ')), edits: [addToRequest(text, target, inserts)], preferred: true }],
    });
  }
  return results;
}

/** Adds items to a request the way it is written: as more list lines, or at the end of its sentence. */
function addToRequest(text: string, r: Request, inserts: string[]): { start: number; end: number; newText: string } {
  if (r.bullet) {
    const numbered = /^(\d+)([.)])\s*$/.exec(r.bullet);
    const lines = inserts.map((t, i) => `\n${numbered ? `${r.listCount + i + 1}${numbered[2]} ` : r.bullet}${t}`);
    return { start: r.end, end: r.end, newText: lines.join('') };
  }
  const last = text[r.sentenceEnd - 1];
  const at = last && /[.!?:]/.test(last) ? r.sentenceEnd - 1 : r.sentenceEnd;
  return { start: at, end: at, newText: `${last === ':' ? ' ' : ', '}${inserts.join(', ')}` };
}

const PLACEHOLDERS = /\$\{[^}\n]*\}|\{\{[^}\n]*\}\}|\[[A-ZА-ЯЁ][A-ZА-ЯЁ0-9 _.…-]*\]|<(?![a-z]+:\/\/)[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё0-9 _-]{1,40}>/gu;

function findPlaceholders(text: string, end: number, locale: Locale, findings: Finding[]): void {
  for (const m of text.slice(0, end).matchAll(PLACEHOLDERS)) {
    findings.push({ code: FindingCodes.placeholder, severity: 'error', message: say(M.placeholder, locale, m[0]), start: m.index!, end: m.index! + m[0].length, fixes: [] });
  }
}

const FORM_MENTION = /(форм\p{L}*\s+(для\s+)?обратн\p{L}*\s+связ\p{L}*|обратн\p{L}*\s+связ\p{L}*)/iu;

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
  [/(\d{1,3})\s*(файл|вложени|фото|скриншот)\p{L}*/giu, (m) => Number(m[1]) > 3],
  [/(\d+(?:[.,]\d+)?)\s*(мб|mb|мегабайт\p{L}*|гб|gb)(?!\p{L})/giu, (m) => /^[гg]/i.test(m[2]!) || Number(m[1]!.replace(',', '.')) > 2],
  [/(?<![\p{L}\d])\.?(zip|rar|7z|heic|mp4|mov|avi|mkv|tiff?|bmp|webp|docx|xlsx?)(?![\p{L}\d])/giu, () => true],
];

function checkAttachments(text: string, end: number, locale: Locale, findings: Finding[]): void {
  const reply = text.slice(0, end);
  // Only sentences about attaching files are judged.
  for (const s of reply.matchAll(/[^.!?\n]*(прикреп|приложи|вложен|файл|формат|размер)[^.!?\n]*/giu)) {
    for (const [re, breaks] of ATTACHMENT_RULES) {
      for (const m of s[0].matchAll(re)) {
        if (!breaks(m)) continue;
        const start = s.index! + m.index!;
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
