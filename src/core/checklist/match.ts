import { findPhrase, innerVowelDrops, phraseAt, phraseStems, sameWord, wordsOf, type Word } from './draft';
import type { Checklist } from './types';

/** A checklist item's or topic's phrase found in the draft, by word index. */
export interface PhraseHit {
  checklist: string;
  /** The item asked for; absent for a topic term. */
  item?: string;
  /** First and last word of the phrase. */
  word: number;
  last: number;
  /** Words in the phrase (fewer than last - word + 1 when other words stand between them). */
  size: number;
  /** The phrase, as its stems joined by spaces. */
  key: string;
  /** The phrase is itself a clause ("где проводили активацию", "на который регистрировали"), not a noun. */
  clausal?: boolean;
  /**
   * An item's composite phrase (its parts a few words apart: "когда примерно вы его создавали"): it
   * says the item was asked, but it is too loose to tell which checklist the request is about.
   */
  loose?: boolean;
}

/** A phrase word that makes the phrase a clause: a relative or question word, or a verb by its ending. */
const CLAUSE_WORD = /^(котор|где|когда|куда|which|where|when|who|you$)|\p{L}{2}(ли|ла|ть|ться|лся|лись|ете|ите)$/u;

interface Entry {
  key: string;
  stems: string[];
  clausal: boolean;
  owners: { checklist: string; item?: string }[];
}

export interface Matcher {
  /** Every item and topic phrase in `words` (of `source`, when given: it tells what stands between them), in order of their first word. One pass; a few map look-ups per word. */
  find(words: readonly Word[], source?: string): PhraseHit[];
}

const cache = new WeakMap<readonly Checklist[], Matcher>();
/** Owner of the phrases that are parts of composite terms; never reported itself. */
const COMPOSITE_PART = '\u0000part';
/** "с / со / with": a modifier hung on the noun before it. */
const WITH = new Set(['с', 'со', 'with']);
/** How near the parts of a composite term must stand, in words. */
const COMPOSITE_WINDOW = 10;
/**
 * How near the parts of a composite item phrase must stand: a noun and what is said of it in one
 * clause ("на какой номер телефона или почту он оформлен": the login).
 */
const COMPOSITE_ITEM_WINDOW = 6;

/**
 * The parts of a phrase and each part's alternatives: "исправить|удалить + автомобиль|модель" is
 * [["исправить", "удалить"], ["автомобиль", "модель"]]; a plain phrase is one part of one alternative.
 */
export function phraseParts(phrase: string): string[][] {
  return phrase.split(' + ').map((part) => part.split('|'));
}

/** A phrase made of parts that must stand near each other ("исправить|удалить + автомобиль|модель"), for a topic or an item. */
interface Composite {
  checklist: string;
  item?: string;
  key: string;
  parts: Set<string>[];
}

/**
 * Hits of composite phrases: every part found within {@link COMPOSITE_WINDOW} words of the others
 * ({@link COMPOSITE_ITEM_WINDOW} for an item's). One sweep per phrase over the part hits, keeping the
 * last position of each part.
 */
function compositeHits(words: readonly Word[], hits: readonly PhraseHit[], composites: readonly Composite[]): PhraseHit[] {
  const partHits = hits.filter((h) => h.checklist === COMPOSITE_PART && !nounAfterArticle(words, h));
  const out: PhraseHit[] = [];
  /** Per checklist: where item phrases of the other checklists end, with where the earliest of them ending there starts. */
  const endsByOthers = new Map<string, Map<number, number>>();
  const othersEnd = (id: string): Map<number, number> => {
    let ends = endsByOthers.get(id);
    if (!ends) {
      ends = new Map();
      for (const h of hits) if (h.item && h.checklist !== id) ends.set(h.last, Math.min(ends.get(h.last) ?? Infinity, h.word));
      endsByOthers.set(id, ends);
    }
    return ends;
  };
  /** Per checklist: where its own item phrases end. */
  const endsByOwn = new Map<string, Set<number>>();
  const ownEnd = (id: string): Set<number> => {
    let ends = endsByOwn.get(id);
    if (!ends) endsByOwn.set(id, (ends = new Set(hits.filter((h) => h.item && h.checklist === id).map((h) => h.last))));
    return ends;
  };
  /**
   * Does the part hit end another checklist's item phrase that starts before it ("скриншот с ошибкой")?
   * Or hang on one right before it by "с" ("снимок экрана с сообщением об ошибке" is the screenshot's
   * content), when no item of the composite's own checklist ends there ("модель с ошибкой" is a wrong model).
   */
  const endsOthersItem = (id: string, h: PhraseHit) => {
    if ((othersEnd(id).get(h.last) ?? Infinity) < h.word) return true;
    const before = h.word - 1;
    return before >= 0 && WITH.has(words[h.word]!.text) && othersEnd(id).has(before) && !ownEnd(id).has(before) && words[h.word]!.start - words[before]!.end === 1;
  };
  for (const c of composites) {
    const lastAt = c.parts.map(() => -Infinity);
    let reported = -Infinity;
    for (const h of partHits) {
      c.parts.forEach((p, k) => {
        // A modifier that ends another checklist's item belongs to that item ("скриншот с ошибкой":
        // "фото экрана с ошибкой и документ на автомобиль" is no wrong car).
        if (p.has(h.key) && !(k === 0 && !c.item && endsOthersItem(c.checklist, h))) lastAt[k] = h.word;
      });
      const first = Math.min(...lastAt);
      if (h.word - first <= (c.item ? COMPOSITE_ITEM_WINDOW : COMPOSITE_WINDOW) && first > reported) {
        out.push({ checklist: c.checklist, item: c.item, word: first, last: h.last, size: c.parts.length, key: c.key, clausal: !!c.item, loose: !!c.item });
        reported = h.word;
      }
    }
  }
  return out;
}

const ARTICLES = new Set(['a', 'an', 'the']);
/** English verbs of fixing that are nouns too ("an update", "the change"): the noun names no correction. */
const VERB_NOUNS = new Set(['update', 'change', 'fix']);

/** "whether an update exists — send the VIN and the car model": after an article the word is a noun, no "update the car model". */
function nounAfterArticle(words: readonly Word[], h: PhraseHit): boolean {
  return h.word > 0 && VERB_NOUNS.has(words[h.word]!.text) && ARTICLES.has(words[h.word - 1]!.text);
}

function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/**
 * Indexes the phrases of every checklist's items and topic terms by their first word, so that a
 * draft is matched in one pass: for each word, only the phrases that could start there are tried
 * (same stem, a prefix of its stem, or one typo away, as {@link sameWord} decides).
 */
export function matcherFor(checklists: readonly Checklist[]): Matcher {
  const cached = cache.get(checklists);
  if (cached) return cached;
  const entries = new Map<string, Entry>();
  const add = (phrase: string, owner: { checklist: string; item?: string }) => {
    const stems = phraseStems(phrase);
    if (!stems.length) return;
    const key = stems.join(' ');
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { key, stems, clausal: wordsOf(phrase).some((w) => CLAUSE_WORD.test(w.text)), owners: [] }));
    if (!e.owners.some((o) => o.checklist === owner.checklist && o.item === owner.item)) e.owners.push(owner);
  };
  /** Phrases made of parts that must stand near each other ("исправить|удалить + автомобиль|модель"). */
  const composites: Composite[] = [];
  const addPhrase = (t: string, checklist: string, item?: string) => {
    const alternatives = phraseParts(t);
    if (alternatives.length < 2) return add(t, { checklist, item });
    const parts = alternatives.map((part) => new Set(part.map((p) => phraseStems(p).join(' ')).filter(Boolean)));
    composites.push({ checklist, item, key: t, parts });
    for (const part of alternatives) for (const p of part) add(p, { checklist: COMPOSITE_PART });
  };
  for (const c of checklists) {
    for (const t of c.appliesWhen.terms ?? []) addPhrase(t, c.id);
    for (const it of c.items) for (const p of it.phrases) addPhrase(p, c.id, it.id);
  }
  const byFirst = new Map<string, Entry[]>();
  const byTypo = new Map<string, Entry[]>();
  const push = (map: Map<string, Entry[]>, key: string, e: Entry) => {
    const list = map.get(key);
    if (!list) map.set(key, [e]);
    else if (!list.includes(e)) list.push(e);
  };
  for (const e of entries.values()) {
    const first = e.stems[0]!;
    push(byFirst, first, e);
    if (first.length >= 6) for (const k of [first, ...deletions(first)]) push(byTypo, k, e);
    else for (const k of innerVowelDrops(first)) push(byTypo, k, e);
  }
  /** Phrases that may start at a word, by the word's folded text (words repeat, so this is mostly a look-up). */
  const candidates = new Map<string, Entry[]>();
  const candidatesFor = (w: Word): Entry[] => {
    let list = candidates.get(w.text);
    if (list) return list;
    const found = new Set<Entry>();
    const addAll = (l: Entry[] | undefined) => l?.forEach((e) => found.add(e));
    addAll(byFirst.get(w.stem));
    addAll(byFirst.get(w.text));
    for (let n = 4; n < w.stem.length; n++) addAll(byFirst.get(w.stem.slice(0, n)));
    if (w.stem.length >= 6) {
      addAll(byTypo.get(w.stem));
      for (const d of deletions(w.stem)) addAll(byTypo.get(d));
    } else if (w.stem.length >= 4) addAll(byTypo.get(w.stem));
    list = [...found].filter((e) => sameWord(w, e.stems[0]!));
    if (candidates.size < 50_000) candidates.set(w.text, list);
    return list;
  };
  const matcher: Matcher = {
    find(words, source) {
      const hits: PhraseHit[] = [];
      for (let i = 0; i < words.length; i++) {
        for (const e of candidatesFor(words[i]!)) {
          const last = phraseAt(words, i, e.stems);
          // One object shape for every hit (no spreads): a long draft makes hundreds of thousands of them.
          if (last >= 0) for (const o of e.owners) hits.push({ checklist: o.checklist, item: o.item, word: i, last, size: e.stems.length, key: e.key, clausal: e.clausal });
        }
      }
      return dropSources(words, dropAttached(words, dropNested(composites.length ? [...hits.filter((h) => h.checklist !== COMPOSITE_PART), ...compositeHits(words, hits, composites)].sort((a, b) => a.word - b.word) : hits), source));
    },
  };
  cache.set(checklists, matcher);
  return matcher;
}

/**
 * Within one checklist, an item phrase inside a longer phrase of another item is not that item:
 * "дилеру" in "дату обращения к дилеру" is the date, not the dealer. Hits are in word order.
 */
function dropNested(hits: PhraseHit[]): PhraseHit[] {
  // One sweep in word order; per checklist, the gapless hit that reaches furthest so far, and the
  // last hit with words between its own ("когда примерно вы регистрировались": its last word is the
  // registration date's, not a second item "регистрировали"; a word in its gap may be another item).
  const reach: Record<string, PhraseHit | undefined> = {};
  const gapped: Record<string, PhraseHit | undefined> = {};
  const keep = new Uint8Array(hits.length).fill(1);
  let dropped = 0;
  const inside = (r: PhraseHit | undefined, h: PhraseHit) => !!r && r.item !== h.item && r.word <= h.word && r.last >= h.last && r.size > h.size;
  // A shorter phrase that starts on the last word of a longer one and runs past it shares that word
  // with it, and the longer one has it: "когда вы были в дилерском центре" is the visit's date, its
  // "дилерском центре" is where, not which dealer.
  const overlaps = (r: PhraseHit | undefined, h: PhraseHit) => !!r && r.item !== h.item && r.word < h.word && h.word === r.last && h.last > r.last && r.size > h.size;
  hits.forEach((h, k) => {
    if (!h.item) return;
    const r = reach[h.checklist];
    const g = gapped[h.checklist];
    if (inside(r, h) || overlaps(r, h) || (inside(g, h) && (h.word === g!.word || h.last === g!.last))) {
      keep[k] = 0;
      dropped++;
    }
    if (h.last - h.word + 1 === h.size) {
      if (!r || h.last > r.last || (h.last === r.last && h.size > r.size)) reach[h.checklist] = h;
    } else if (!g || h.last >= g.last) gapped[h.checklist] = h;
  });
  return dropped ? hits.filter((_, k) => keep[k]) : hits;
}

/** "с / со" before a word in the genitive (-а, -я, -ы, -и, -ого, -его), and "from": where something comes from. */
const FROM = new Set(['с', 'со']);
const DETERMINERS = new Set(['your', 'the', 'a', 'my', 'вашего', 'своего', 'вашей', 'своей', 'моего', 'моей']);
const GENITIVE = /\p{Script=Cyrillic}(а|я|ы|и|ого|его)$/u;

/**
 * An item named as where something comes from or is done from is not asked for: "отправьте с
 * телефона любую команду", "скриншот с почты", "a screenshot from your phone", "the VIN from the
 * registration certificate". Not "с телефоном" (with it, instrumental) nor "с СТС" (undeclined).
 */
function dropSources(words: readonly Word[], hits: PhraseHit[]): PhraseHit[] {
  const source = (h: PhraseHit) => {
    if (!h.item || h.word < 1) return false;
    // A possessive or article may stand between: "from your phone", "с вашего телефона".
    const at = h.word >= 2 && DETERMINERS.has(words[h.word - 1]!.text) ? h.word - 2 : h.word - 1;
    const before = words[at]!.text;
    return before === 'from' || (FROM.has(before) && GENITIVE.test(words[h.word]!.text));
  };
  return hits.some(source) ? hits.filter((h) => !source(h)) : hits;
}

const PICTURE = 'error_photo';
const DESCRIPTION = 'description';

/** Words that hang a content clause on the noun before them: "скрин того, что …", "a screenshot of what …". */
const OF_THAT = new Set(['того', 'тех', 'of']);
const CLAUSE_OPENERS = new Set(['что', 'как', 'где', 'what', 'how', 'where']);
/** Prepositions of place that hang a noun on the one before it: "дата визита в ДЦ", "VIN из СТС". */
const PLACE_OF = new Set(['в', 'во', 'к', 'ко', 'у', 'из']);

/**
 * A phrase hung on an item says which one it is, not another item: a clause after "того" ("скрин
 * того, что видите на экране" is the screenshot, not a description; "a photo of what the app shows"),
 * or a place after a preposition ("дата визита в ДЦ" is the date, not which dealer; "VIN из СТС" is
 * the VIN, not the document). Only an item of the same checklist ends right before. Hits are in word
 * order; one look-up per hit.
 */
function dropAttached(words: readonly Word[], hits: PhraseHit[], source?: string): PhraseHit[] {
  /** Per word index: checklists with an item phrase ending there. */
  const endsAt = new Map<number, Set<string>>();
  for (const h of hits) if (h.item) (endsAt.get(h.last) ?? endsAt.set(h.last, new Set()).get(h.last)!).add(h.checklist);
  /** Per word index: checklists with a screenshot phrase starting or ending there. */
  const pictureEnds = new Map<number, Set<string>>();
  const pictureStarts = new Map<number, Set<string>>();
  for (const h of hits) {
    if (h.item !== PICTURE) continue;
    (pictureEnds.get(h.last) ?? pictureEnds.set(h.last, new Set()).get(h.last)!).add(h.checklist);
    (pictureStarts.get(h.word) ?? pictureStarts.set(h.word, new Set()).get(h.word)!).add(h.checklist);
  }
  const attached = (h: PhraseHit) => {
    // What a screenshot shows, said right beside it, is the screenshot's content, not a description:
    // "скрин что пишет приложение", "что пишет сайт (скрин)".
    if (h.item === DESCRIPTION && CLAUSE_OPENERS.has(words[h.word]!.text)) {
      if (h.word >= 1 && pictureEnds.get(h.word - 1)?.has(h.checklist) && words[h.word]!.start - words[h.word - 1]!.end === 1) return true;
      // The bracket may close the clause a word or two later ("что пишет сайт (скрин)").
      for (let j = h.last + 1; source !== undefined && j <= h.last + 3 && j < words.length; j++) {
        const gap = source.slice(words[j - 1]!.end, words[j]!.start);
        if (pictureStarts.get(j)?.has(h.checklist) && /^\s?\($/.test(gap)) return true;
        if (gap.trim()) break;
      }
    }
    if (!h.item || h.word < 2 || !endsAt.get(h.word - 2)?.has(h.checklist)) return false;
    const before = words[h.word - 1]!.text;
    // One space on each side of the preposition: "б. VIN\nв. IMEI" is two list lines, the "в" their letter.
    const spaced = words[h.word - 1]!.start - words[h.word - 2]!.end === 1 && words[h.word]!.start - words[h.word - 1]!.end === 1;
    return (OF_THAT.has(before) && CLAUSE_OPENERS.has(words[h.word]!.text)) || (PLACE_OF.has(before) && spaced);
  };
  return hits.some(attached) ? hits.filter((h) => !attached(h)) : hits;
}

const weightCache = new WeakMap<readonly Checklist[], WeakMap<object, Map<string, Map<string, number>>>>();

/**
 * How much each topic term says about its checklist: 1 / the number of checklists whose KB articles
 * use it. "Kia Connect" belongs to one checklist's articles; "пароль" or "личный кабинет" come up in
 * several, so they decide less when two checklists explain a request equally well.
 * Keyed by checklist id, then by the term's stems joined by spaces.
 */
export function termWeights(checklists: readonly Checklist[], bodies: ReadonlyMap<string, string> | undefined): Map<string, Map<string, number>> {
  const byBodies = weightCache.get(checklists) ?? weightCache.set(checklists, new WeakMap()).get(checklists)!;
  const key = bodies ?? checklists;
  const cached = byBodies.get(key);
  if (cached) return cached;
  const texts = checklists.map((c) => {
    const ids = new Set([...(c.appliesWhen.articles ?? []), ...(c.sources ?? [])]);
    return wordsOf([...ids].map((id) => bodies?.get(id) ?? '').join('\n'));
  });
  const out = new Map<string, Map<string, number>>();
  for (const c of checklists) {
    const weights = new Map<string, number>();
    for (const t of c.appliesWhen.terms ?? []) {
      if (phraseParts(t).length > 1) continue; // composite terms weigh 1
      const stems = phraseStems(t);
      if (!stems.length) continue;
      const df = texts.filter((words, i) => checklists[i]!.id === c.id || findPhrase(words, stems) >= 0).length;
      weights.set(stems.join(' '), 1 / Math.max(df, 1));
    }
    out.set(c.id, weights);
  }
  byBodies.set(key, out);
  return out;
}
