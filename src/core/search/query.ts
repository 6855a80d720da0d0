import { cyrillicToLatin, latinToCyrillic } from '../text/translit';
import { compoundTerm, findCompounds, isFiller, isStopWord, queryStems, tokenize } from './analyze';
import type { AliasTable } from './aliases';

/** How a query word found its way to the index; kept for tests and for tuning. */
export type Via = 'literal' | 'compound' | 'alias' | 'translit';

/** One way to match a slot: words that must all match (AND), each any of its stems (OR). */
export interface Alternative {
  words: string[][];
  weight: number;
  /** Edit distance allowed (0: none). */
  fuzzy: number;
  prefix: boolean;
  via: Via;
}

/** One thing the query asks about: a word, a compound, or an alias phrase. */
export interface Slot {
  text: string;
  alternatives: Alternative[];
  /** How much the slot counts: 1, or little for greetings and politeness. */
  weight: number;
  /** Some alternative names a term the KB really has. */
  known: boolean;
}

export interface QueryPlan {
  slots: Slot[];
  /** Sum of known slots' weights: how much of the query the KB understands. */
  known: number;
}

/** The KB's terms, to tell a word the KB knows from a typo or a wrong layout. */
export interface Vocabulary {
  has(term: string): boolean;
  hasPrefix(prefix: string): boolean;
}

/** A compound of more words than this is matched whole only (hostile input: a 500-part `1.1.1.…` was an AND of 500 words). */
export const MAX_COMPOUND_PARTS = 8;

/** Weight of an alias's other names against the name typed. */
export const ALIAS_WEIGHT = 0.85;

/** Weight of a slot made of politeness or greetings ("Здравствуйте", "подскажите пожалуйста"). */
export const FILLER_WEIGHT = 0.15;

/** Typos tolerated by word length: none for short words, where one letter changes the meaning. */
export function fuzzyFor(word: string): number {
  if (word.length <= 4) return 0;
  return word.length <= 7 ? 1 : 2;
}

/**
 * Turns what an agent typed into slots with their alternatives: stems (all languages for Latin
 * words), compounds and phone numbers whole, alias phrases, transliteration for unknown words,
 * typo tolerance scaled by length, prefix matching for the word being typed.
 */
export function planQuery(raw: string, vocab: Vocabulary, aliases: AliasTable): QueryPlan {
  const words = tokenize(raw);
  const informative = words.filter((w) => !isStopWord(w.text));
  const keepStop = informative.length === 0; // a query of stop words alone is still a query
  const compounds = findCompounds(raw, words);
  const aliasMatches = aliases.find(words, raw);
  const slots: Slot[] = [];
  const lastIndex = words.length - 1;
  const known = (stems: string[], prefix: boolean) => stems.some((s) => vocab.has(s) || (prefix && s.length >= 3 && vocab.hasPrefix(s)));

  for (let i = 0; i < words.length; ) {
    const alias = aliasMatches.find((m) => m.from === i);
    if (alias) {
      // What the agent typed counts a little more than its equivalents.
      const alternatives = alias.phrases.map((p, k): Alternative => ({ words: p, weight: k === alias.typed ? 1 : ALIAS_WEIGHT, fuzzy: 0, prefix: false, via: 'alias' }));
      // The phrase stands for as many query words as it covers ("личный кабинет" counts as two).
      const covered = words.slice(i, alias.to).filter((w) => !isStopWord(w.text)).length;
      slots.push({
        text: raw.slice(words[i]!.start, words[alias.to - 1]!.end),
        alternatives,
        weight: Math.max(1, covered),
        known: alternatives.some((a) => a.words.every((w) => known(w, false))),
      });
      i = alias.to;
      continue;
    }
    const word = words[i]!;
    const compound = compounds.find((c) => c.start <= word.start && c.end >= word.end);
    if (compound) {
      const parts = compound.parts.filter((p) => !isStopWord(p.text)).map((p) => queryStems(p.text));
      // Latin words may be stemmed as English or Danish in the index: try both spellings of the compound.
      const wholes = [...new Set([0, 1].map((v) => compoundTerm(compound, (w) => queryStems(w)[v] ?? queryStems(w)[0]!)))];
      const alternatives: Alternative[] = [{ words: [wholes], weight: 1, fuzzy: 0, prefix: false, via: 'compound' }];
      // Its words one by one too, for a real compound (`VIN-номер`); `1.1.1.…` of 500 parts is not one.
      if (!compound.phone && parts.length && parts.length <= MAX_COMPOUND_PARTS) alternatives.push({ words: parts, weight: 0.5, fuzzy: 0, prefix: false, via: 'literal' });
      slots.push({ text: compound.text, alternatives, weight: 1, known: wholes.some((w) => vocab.has(w)) || parts.every((p) => known(p, false)) });
      i += compound.parts.length;
      continue;
    }
    i++;
    if (isStopWord(word.text) && !keepStop) continue;
    const isLast = i - 1 === lastIndex;
    const stems = queryStems(word.text);
    if (isFiller(word.text)) {
      // Politeness is matched as written, never expanded: it must not cost time or pull in noise.
      slots.push({ text: word.text, alternatives: [{ words: [stems], weight: 1, fuzzy: 0, prefix: false, via: 'literal' }], weight: FILLER_WEIGHT, known: known(stems, false) });
      continue;
    }
    // The word being typed is a prefix; finished words with a stem of four letters or more also match
    // longer words they start (derivations the stemmer keeps apart: Крым → Крымского).
    const prefix = (isLast && word.text.length >= 3) || stems.every((s) => s.length >= 4);
    const literalKnown = known(stems, prefix);
    const alternatives: Alternative[] = [{ words: [stems], weight: 1, fuzzy: literalKnown ? 0 : fuzzyFor(word.text), prefix, via: 'literal' }];
    let slotKnown = literalKnown;
    // Transliteration is for names typed in the other alphabet (lichniy, мобикей): short words.
    if (!literalKnown && word.text.length >= 3 && word.text.length <= 12) {
      const other = /[a-z]/.test(word.text) ? latinToCyrillic(word.text) : cyrillicToLatin(word.text);
      if (other !== word.text) {
        const otherStems = queryStems(other);
        const otherKnown = known(otherStems, prefix);
        slotKnown ||= otherKnown;
        alternatives.push({ words: [otherStems], weight: 0.9, fuzzy: otherKnown ? 0 : Math.min(1, fuzzyFor(other)), prefix, via: 'translit' });
      }
    }
    slots.push({ text: word.text, alternatives, weight: 1, known: slotKnown });
  }
  const merged = mergeRepeats(slots);
  return { slots: merged, known: merged.reduce((sum, s) => sum + (s.known ? s.weight : 0), 0) };
}

/**
 * A word (or alias, or compound) repeated in a query is one slot that counts as often as it was
 * typed: the same scores and coverage, searched once. Without this a pasted text of one word
 * repeated (`ЛК ЛК ЛК …`, `+7 +7 …`) searched the index hundreds of times.
 */
function mergeRepeats(slots: Slot[]): Slot[] {
  const byKey = new Map<string, Slot>();
  const out: Slot[] = [];
  for (const slot of slots) {
    const key = JSON.stringify(slot.alternatives);
    const first = byKey.get(key);
    if (first) first.weight += slot.weight;
    else {
      byKey.set(key, slot);
      out.push(slot);
    }
  }
  return out;
}

/**
 * The query with each word read in the other keyboard layout where the KB knows the switched word
 * and not the word as typed (`ьщишлун не работает` → `mobikey не работает`): a layout slip is often
 * fixed half-way through typing, so switching the whole query alone is not enough. Undefined when
 * no word is worth switching. Linear: each word is planned on its own, twice at most.
 */
export function switchLayoutPerWord(raw: string, vocab: Vocabulary, aliases: AliasTable, switchWord: (w: string) => string | undefined): string | undefined {
  let changed = false;
  const parts = raw.split(/(\s+)/);
  let last = parts.length - 1;
  while (last > 0 && !parts[last]!.trim()) last--;
  const out = parts.map((part, k) => {
    if (!part || /\s/.test(part[0]!)) return part;
    const switched = switchWord(part.toLowerCase());
    // Only a whole word of three letters or more: short switched words (`и` → `b`, `где` → `ult`)
    // and punctuation-split ones (`бухгалтерия` → `,e[ufknthbz`) are chance hits in a large vocabulary.
    const tokens = switched === undefined ? [] : tokenize(switched);
    if (switched === undefined || tokens.length !== 1 || tokens[0]!.text.length < 3) return part;
    // Known as a whole word; as a prefix only while it is being typed (the last word).
    const strict: Vocabulary = { has: (t) => vocab.has(t), hasPrefix: (p) => k === last && p.length >= 4 && vocab.hasPrefix(p) };
    if (planQuery(switched, strict, aliases).known > planQuery(part, vocab, aliases).known) {
      changed = true;
      return switched;
    }
    return part;
  });
  return changed ? out.join('') : undefined;
}
