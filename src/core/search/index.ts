import MiniSearch from 'minisearch';
import type { Article, KbLanguage } from '../kb/types';
import { fold } from '../text/normalize';
import { analyzeField, compoundTerm, findCompounds, isStopWord, stemWord, tokenize } from './analyze';
import { AliasTable } from './aliases';
import { clampQuery } from './limits';
import { switchLayout } from './layout';
import { planQuery, switchLayoutPerWord, type Alternative, type QueryPlan, type Vocabulary } from './query';

/** A character range `[start, end)` in an article's title or body. */
export type Range = [number, number];

export interface SearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
  /** Only articles from these KB files (by `source`, e.g. `kia-support-ru`). */
  sources?: readonly string[];
  langs?: readonly KbLanguage[];
  /** Only articles under these `#` categories. */
  categories?: readonly string[];
  /** Any other condition. */
  filter?: (article: Article) => boolean;
}

export interface SearchHit {
  article: Article;
  score: number;
  /** Where the query's words (by stem, alias, typo or prefix) stand in the title and body. */
  highlights: { title: Range[]; body: Range[] };
  /** Ids of articles with the same text that this result stands for ("+N similar"). */
  similar: string[];
}

/**
 * Field weights: a word in the title says far more about what an article answers than one in the
 * body; the enclosing headings (`17 Erstatningsansvar` › `17.5 Tyskland`) place a clause.
 */
const BOOST = { title: 3, path: 0.7, body: 1 } as const;
const FIELDS = ['title', 'path', 'body'] as const;
/** Prefix matches (the word being typed, or a derivation: Крым → Крымского) count a bit more than MiniSearch's default. */
const WEIGHTS = { fuzzy: 0.45, prefix: 0.6 };
/** MiniSearch's BM25 parameters (its defaults), used as it does. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** A wrong-layout reading that the KB understands better still leaves the literal one a say. */
const LITERAL_WHEN_SWITCHED = 0.6;
/** Results below this share of the best score are noise, not answers. */
const RELATIVE_FLOOR = 0.08;
/**
 * Bounded expansion: a short prefix or a typo-tolerant word may stand for many index terms; the
 * closest ones (shortest completions, fewest edits) are scored, the rest would only add noise and time.
 */
const MAX_PREFIX_TERMS = 64;
const MAX_FUZZY_TERMS = 32;
/** Queries of up to this many slots bound each document's phrase bonus by the slots it holds (bits of an int). */
const MASK_SLOTS = 31;
/** Phrase bonus per adjacent pair of query slots, in the title and in the body. */
const TITLE_PHRASE = 0.3;
const BODY_PHRASE = 0.1;

/** Postings loaded between two pauses when an index is reopened in slices (some 20 ms of work). */
const SLICE_POSTINGS = 100_000;

/** Bumped whenever the index's analysis, fields or snapshot layout change: older snapshots are rebuilt. */
export const INDEX_FORMAT_VERSION = 3;

/** MiniSearch's posting lists, by field id then document short id: term frequency. */
type FieldPostings = Map<number, Map<number, number>>;

/**
 * The parts of MiniSearch (7.2, pinned) the index builder uses directly: its radix tree of terms and
 * its per-field statistics. Searching reads the snapshot's typed arrays instead (see KbIndex).
 */
interface MiniInternals {
  _index: TermTree<FieldPostings> & { entries(): Iterable<[string, FieldPostings]>; size: number };
  _documentCount: number;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _idToShortId: Map<string, number>;
  _nextId: number;
}

/** MiniSearch's radix tree of terms (its `SearchableMap`), as the search uses it. */
interface TermTree<T> {
  get(term: string): T | undefined;
  set(term: string, value: T): unknown;
  has(term: string): boolean;
  atPrefix(prefix: string): { entries(): Iterable<[string, T]>; keys(): Iterator<string> };
  fuzzyGet(term: string, maxDistance: number): Map<string, [T, number]>;
}

/** What the index feeds MiniSearch for one article: the analysed terms of each field. */
interface Prepared {
  id: string;
  title: string[];
  path: string[];
  body: string[];
  titleSeq: string[];
  bodySeq: string[];
}

/**
 * The index as plain data: what the searcher reads (typed arrays it uses as they are, so reopening
 * a saved index decodes no posting list), what is saved, and what crosses from the index worker.
 */
export interface IndexSnapshot {
  formatVersion: number;
  /** Documents in the index, and the average length of each field (title, path, body), as BM25 needs them. */
  documentCount: number;
  averageFieldLength: number[];
  /** Per short id, the length of each field (3 per doc). */
  fieldLengths: Uint32Array;
  /** The terms of the index, in the order of `postings`. */
  indexTerms: string[];
  /** Per term, per field (title, path, body): the count n, n document short ids, n term frequencies. */
  postings: Uint32Array;
  /** The terms of the per-document sequences, by term id. */
  terms: string[];
  /** Article ids by short id (null for gaps left by removed documents). */
  docIds: (string | null)[];
  /** Per short id, title then body sequences as term ids: offsets into `sequences` (3 per doc: title start, body start, end). */
  offsets: Uint32Array;
  sequences: Uint32Array;
  /** Per short id, the duplicate-group key of the article's text. */
  groups: Float64Array;
  /** Per short id, the next member of its duplicate group (a ring; itself when alone). */
  groupNext: Uint32Array;
}

/** The snapshot's fields that are typed arrays. */
export type SnapshotArrayField = { [K in keyof IndexSnapshot]: IndexSnapshot[K] extends Uint32Array | Float64Array ? K : never }[keyof IndexSnapshot];

/**
 * The snapshot's typed arrays, in the one order in which they are transferred and saved (the cache
 * file lays them out in this order, `snapshotArrays` lists them, the decoder reads them back by it).
 * A new array is added here and nowhere else; the type check below fails until it is.
 */
export const SNAPSHOT_ARRAYS = [
  { field: 'groups', type: Float64Array },
  { field: 'fieldLengths', type: Uint32Array },
  { field: 'postings', type: Uint32Array },
  { field: 'offsets', type: Uint32Array },
  { field: 'sequences', type: Uint32Array },
  { field: 'groupNext', type: Uint32Array },
] as const satisfies readonly { [K in SnapshotArrayField]: { field: K; type: new (buffer: ArrayBuffer, byteOffset: number, length: number) => IndexSnapshot[K] } }[SnapshotArrayField][];

// Every typed-array field of IndexSnapshot is listed in SNAPSHOT_ARRAYS (a compile error names the missing one).
type UnlistedArray = Exclude<SnapshotArrayField, (typeof SNAPSHOT_ARRAYS)[number]['field']>;
const everyArrayListed: [UnlistedArray] extends [never] ? true : UnlistedArray = true;
void everyArrayListed;

/** The typed arrays of a snapshot, in `SNAPSHOT_ARRAYS` order (to transfer them to another thread, or to save them). */
export function snapshotArrays(s: IndexSnapshot): (Uint32Array | Float64Array)[] {
  return SNAPSHOT_ARRAYS.map(({ field }) => s[field]);
}

/** One query interpretation (as typed, or in the other keyboard layout) scored over the index. */
interface Run {
  plan: QueryPlan;
  /** Short ids of the documents that matched something. */
  docs: Int32Array;
  count: number;
  /** By short id: score before the phrase bonus, and the share of the query matched. */
  base: Float64Array;
  coverage: Float64Array;
  stamp: Int32Array;
  epoch: number;
  /** The best a phrase bonus can multiply a score by, for pruning (any document). */
  maxBonus: number;
  /**
   * By short id (when the query has at most MASK_SLOTS slots): the slots whose terms the document
   * holds, as bits. A phrase pair needs both of its slots' terms, so this bounds a document's bonus.
   */
  slotMask: Int32Array | undefined;
  maskStamp: Int32Array;
  /** Term id → the slots it answers (for phrase adjacency). */
  termSlots: Map<number, number[]>;
  /** Every index term the query expanded to (for highlights). */
  terms: Set<string>;
}

/** Reusable per-document scratch arrays: a query allocates nothing per document. */
class Scratch {
  stamp: Int32Array;
  base: Float64Array;
  coverage: Float64Array;
  weight: Float64Array;
  touched: Int32Array;
  slotStamp: Int32Array;
  slotBest: Float64Array;
  slotTouched: Int32Array;
  altStamp: Int32Array;
  altScore: Float64Array;
  altSources: Int32Array;
  altWords: Int32Array;
  altTouched: Int32Array;
  slotMask: Int32Array;
  maskStamp: Int32Array;
  epoch = 0;
  slotEpoch = 0;
  altEpoch = 0;
  constructor(readonly size: number) {
    this.stamp = new Int32Array(size);
    this.base = new Float64Array(size);
    this.coverage = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.slotStamp = new Int32Array(size);
    this.slotBest = new Float64Array(size);
    this.slotTouched = new Int32Array(size);
    this.altStamp = new Int32Array(size);
    this.altScore = new Float64Array(size);
    this.altSources = new Int32Array(size);
    this.altWords = new Int32Array(size);
    this.altTouched = new Int32Array(size);
    this.slotMask = new Int32Array(size);
    this.maskStamp = new Int32Array(size);
  }
}

/**
 * The full-text index over KB articles: MiniSearch over per-language stems of title and body, with
 * query planning (stems, aliases, layout and transliteration variants, typo tolerance by length,
 * filler words down-weighted), coverage and phrase bonuses, duplicate collapsing, a score floor
 * and highlight ranges.
 *
 * At scale (100k articles): one pass over the postings of the (boundedly expanded) query terms into
 * typed arrays, a score floor and an upper bound that prune before the phrase bonus, which is then
 * computed for the top candidates only, from compact per-document term-id sequences; highlights are
 * computed for the results shown. The index can be saved (`toSnapshot`) and reopened without
 * re-analysing (`fromSnapshot`), and updated per KB file (`replaceArticles`, or `updateSnapshot` on a saved one).
 * @example
 * const index = new KbIndex(articles, aliases);
 * index.search('rbf rjyytrn')[0].article.title // an article about Kia Connect (wrong layout)
 */
export class KbIndex {
  /** The index data the search reads: postings, field lengths, sequences and groups, as typed arrays. */
  private snap!: IndexSnapshot;
  /** Term → offset of its posting block in `snap.postings` (MiniSearch's radix tree, for prefix and fuzzy look-ups). */
  private tree!: TermTree<number>;
  private byIdMap: Map<string, Article> | undefined;
  /** By short id. */
  private docAt: (Article | undefined)[] = [];
  private termIds = new Map<string, number>();
  /** Per short id and field: the length part of BM25's denominator, k·(1 − b + b·length/average). */
  private norm = new Float64Array(0);
  private scratch: [Scratch, Scratch] | undefined;
  private readonly vocab: Vocabulary = {
    has: (t) => this.tree.has(t),
    hasPrefix: (p) => !this.tree.atPrefix(p).keys().next().done,
  };
  articles: readonly Article[];

  constructor(articles: readonly Article[], private aliases: AliasTable = new AliasTable(), options: { onProgress?: (done: number, total: number) => void; snapshot?: IndexSnapshot; tree?: TermTree<number> } = {}) {
    this.articles = articles;
    if (options.snapshot) {
      this.restore(options.snapshot, options.tree);
      return;
    }
    const builder = new IndexBuilder();
    builder.add(articles, options.onProgress);
    this.restore(builder.toSnapshot());
  }

  /**
   * Reopens a saved index over the same articles. Returns undefined when the snapshot does not fit
   * them (another format version, other ids): the caller rebuilds.
   */
  static fromSnapshot(snapshot: IndexSnapshot, articles: readonly Article[], aliases?: AliasTable): KbIndex | undefined {
    if (!fits(snapshot, articles)) return undefined;
    return new KbIndex(articles, aliases, { snapshot });
  }

  /**
   * `fromSnapshot` in slices: the term tree is filled in small steps with `pause()` between them, so
   * a large KB reopens without freezing the thread it runs on (the extension host).
   */
  static async fromSnapshotAsync(
    snapshot: IndexSnapshot,
    articles: readonly Article[],
    aliases?: AliasTable,
    { pause = () => new Promise<void>((r) => setTimeout(r, 0)), slice = SLICE_POSTINGS }: { pause?: () => Promise<void>; slice?: number } = {},
  ): Promise<KbIndex | undefined> {
    if (!fits(snapshot, articles)) return undefined;
    const tree = newTermTree();
    for (const step of fillTree(tree, snapshot, slice)) if (step) await pause();
    return new KbIndex(articles, aliases, { snapshot, tree });
  }

  /** The same index, searching with `aliases` (an index built in the worker knows none). */
  withAliases(aliases: AliasTable): this {
    this.aliases = aliases;
    return this;
  }

  get size(): number {
    return this.articles.length;
  }

  get(id: string): Article | undefined {
    if (!this.byIdMap) {
      this.byIdMap = new Map();
      for (const a of this.articles) this.byIdMap.set(a.id, a);
    }
    return this.byIdMap.get(id);
  }

  /**
   * Replaces some articles (those of changed KB files) without re-analysing the rest: `removed` ids
   * leave the index, `added` articles are analysed and indexed, `articles` is the new full list.
   */
  replaceArticles(removed: readonly string[], added: readonly Article[], articles: readonly Article[]): void {
    const snapshot = KbIndex.updateSnapshot(this.snap, removed, added);
    this.articles = articles;
    this.byIdMap = undefined;
    this.restore(snapshot);
  }

  /**
   * `replaceArticles` on a saved snapshot, giving the updated snapshot and no index: the term tree is
   * not filled, so whoever opens the result (`fromSnapshot`) fills it once. Throws when the snapshot's
   * postings do not match its terms.
   */
  static updateSnapshot(snapshot: IndexSnapshot, removed: readonly string[], added: readonly Article[]): IndexSnapshot {
    const builder = IndexBuilder.fromSnapshot(snapshot);
    builder.remove(removed);
    builder.add(added);
    return builder.toSnapshot();
  }

  /** Plain data to save; `new KbIndex(articles, aliases, { snapshot })` reopens it. */
  toSnapshot(): IndexSnapshot {
    return this.snap;
  }

  private restore(snapshot: IndexSnapshot, tree?: TermTree<number>): void {
    this.snap = snapshot;
    if (tree) this.tree = tree;
    else {
      this.tree = newTermTree();
      for (const step of fillTree(this.tree, snapshot, Infinity)) void step;
    }
    this.termIds = new Map();
    const { terms, docIds, fieldLengths, averageFieldLength } = snapshot;
    this.norm = new Float64Array(fieldLengths.length);
    for (let i = 0; i < fieldLengths.length; i++) this.norm[i] = BM25.k * (1 - BM25.b + (BM25.b * fieldLengths[i]!) / averageFieldLength[i % 3]!);
    for (let i = 0; i < terms.length; i++) this.termIds.set(terms[i]!, i);
    this.docAt = new Array<Article | undefined>(docIds.length);
    // Usually the snapshot lists the articles in their order: no look-up by id needed.
    let k = 0;
    for (let s = 0; s < docIds.length; s++) {
      const id = docIds[s];
      if (id === null || id === undefined) continue;
      const next = this.articles[k];
      if (next && next.id === id) {
        this.docAt[s] = next;
        k++;
      } else this.docAt[s] = this.get(id);
    }
    this.scratch = undefined;
  }

  /** Ranked articles for what an agent typed; an empty, wordless or nonsense query gives no results. */
  search(typed: string, options: SearchOptions = {}): SearchHit[] {
    const query = clampQuery(typed);
    const literal = planQuery(query, this.vocab, this.aliases);
    const switchedText = switchLayout(fold(query));
    const wholeSwitched = switchedText === undefined ? undefined : planQuery(switchedText, this.vocab, this.aliases);
    // A slip in some words only (`ьщишлун не работает`): switch those words, keep the rest.
    const perWordText = switchLayoutPerWord(query, this.vocab, this.aliases, switchLayout);
    const perWord = perWordText === undefined ? undefined : planQuery(perWordText, this.vocab, this.aliases);
    const switched = perWord && (!wholeSwitched || perWord.known > wholeSwitched.known) ? perWord : wholeSwitched;
    this.scratch ??= [new Scratch(this.snap.docIds.length), new Scratch(this.snap.docIds.length)];
    if (switched && switched.known > literal.known) {
      return this.rank([this.run(switched, 1, this.scratch[0]), this.run(literal, LITERAL_WHEN_SWITCHED, this.scratch[1])], minimumCoverage(switched), options);
    }
    return this.rank([this.run(literal, 1, this.scratch[0])], minimumCoverage(literal), options);
  }

  /**
   * Scores every document the plan's terms reach, as MiniSearch's BM25 would for each alternative
   * (an OR of stems per word, an AND of words, prefix and fuzzy expansions weighted by distance,
   * times the number of query terms matched), keeping per slot the best alternative.
   */
  private run(plan: QueryPlan, factor: number, sc: Scratch): Run {
    const epoch = ++sc.epoch;
    let count = 0;
    const totalWeight = plan.slots.reduce((s, x) => s + x.weight, 0);
    const termSlots = new Map<number, number[]>();
    const terms = new Set<string>();
    const P = this.snap.postings;
    const documentCount = this.snap.documentCount;
    const norm = this.norm;
    const masked = plan.slots.length <= MASK_SLOTS;
    plan.slots.forEach((slot, k) => {
      const slotBit = 1 << k;
      const slotEpoch = ++sc.slotEpoch;
      let slotCount = 0;
      for (const alt of slot.alternatives) {
        const altEpoch = ++sc.altEpoch;
        let altCount = 0;
        const sources = new Map<string, number>();
        alt.words.forEach((stems, w) => {
          for (const stem of stems) {
            if (!sources.has(stem)) sources.set(stem, Math.min(30, sources.size));
            const sourceBit = 1 << sources.get(stem)!;
            for (const [term, offset, weight] of this.expand(stem, alt)) {
              terms.add(term);
              const id = this.termIds.get(term);
              if (id !== undefined) {
                const slots = termSlots.get(id);
                if (!slots) termSlots.set(id, [k]);
                else if (slots[slots.length - 1] !== k) slots.push(k);
              }
              // The term's posting block: per field the count n, n short ids, n term frequencies.
              let at = offset;
              for (let f = 0; f < FIELDS.length; f++) {
                const df = P[at]!;
                const docsAt = at + 1;
                at = docsAt + 2 * df;
                if (!df) continue;
                const boost = BOOST[FIELDS[f]!] * weight;
                const idf = Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
                const boostIdf = boost * idf;
                for (let i = 0; i < df; i++) {
                  const doc = P[docsAt + i]!;
                  const tf = P[docsAt + df + i]!;
                  // BM25 as MiniSearch computes it; the length part of the denominator is per document and field, computed once.
                  const score = boostIdf * (BM25.d + (tf * (BM25.k + 1)) / (tf + norm[doc * 3 + f]!));
                  if (masked) {
                    if (sc.maskStamp[doc] !== epoch) {
                      sc.maskStamp[doc] = epoch;
                      sc.slotMask[doc] = slotBit;
                    } else sc.slotMask[doc] |= slotBit;
                  }
                  if (sc.altStamp[doc] !== altEpoch) {
                    sc.altStamp[doc] = altEpoch;
                    sc.altScore[doc] = score;
                    sc.altSources[doc] = sourceBit;
                    sc.altWords[doc] = 1 << w;
                    sc.altTouched[altCount++] = doc;
                  } else {
                    sc.altScore[doc] += score;
                    sc.altSources[doc] |= sourceBit;
                    sc.altWords[doc] |= 1 << w;
                  }
                }
              }
            }
          }
        });
        // MiniSearch sums an AND's words and multiplies by their count: bring a phrase back to one word's scale.
        const words = alt.words.length;
        const allWords = words >= 31 ? -1 : (1 << words) - 1;
        const scale = alt.weight / (words * words);
        for (let i = 0; i < altCount; i++) {
          const doc = sc.altTouched[i]!;
          if (words > 1 && (sc.altWords[doc]! & allWords) !== allWords) continue;
          const score = sc.altScore[doc]! * popcount(sc.altSources[doc]!) * scale;
          if (sc.slotStamp[doc] !== slotEpoch) {
            sc.slotStamp[doc] = slotEpoch;
            sc.slotBest[doc] = score;
            sc.slotTouched[slotCount++] = doc;
          } else if (score > sc.slotBest[doc]!) sc.slotBest[doc] = score;
        }
      }
      for (let i = 0; i < slotCount; i++) {
        const doc = sc.slotTouched[i]!;
        if (sc.stamp[doc] !== epoch) {
          sc.stamp[doc] = epoch;
          sc.base[doc] = 0;
          sc.weight[doc] = 0;
          sc.touched[count++] = doc;
        }
        sc.base[doc] += sc.slotBest[doc]! * slot.weight;
        sc.weight[doc] += slot.weight;
      }
    });
    for (let i = 0; i < count; i++) {
      const doc = sc.touched[i]!;
      const coverage = totalWeight ? sc.weight[doc]! / totalWeight : 0;
      sc.coverage[doc] = coverage;
      sc.base[doc] *= (0.2 + 0.8 * coverage * coverage) * factor;
    }
    const maxBonus = 1 + TITLE_PHRASE * Math.max(0, plan.slots.length - 1);
    return { plan, docs: sc.touched, count, base: sc.base, coverage: sc.coverage, stamp: sc.stamp, epoch, maxBonus, slotMask: masked ? sc.slotMask : undefined, maskStamp: sc.maskStamp, termSlots, terms };
  }

  /**
   * The index terms a query stem stands for, with the offsets of their postings and their weights:
   * itself, then bounded prefix and fuzzy expansions.
   */
  private expand(stem: string, alt: Alternative): [string, number, number][] {
    const tree = this.tree;
    const out: [string, number, number][] = [];
    const own = tree.get(stem);
    if (own !== undefined) out.push([stem, own, 1]);
    const seen = new Set<string>([stem]);
    if (alt.prefix) {
      const longer: [string, number][] = [];
      for (const entry of tree.atPrefix(stem).entries()) if (entry[0] !== stem) longer.push(entry);
      if (longer.length > MAX_PREFIX_TERMS) longer.sort((a, b) => a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1)).length = MAX_PREFIX_TERMS;
      for (const [term, offset] of longer) {
        seen.add(term);
        out.push([term, offset, (WEIGHTS.prefix * term.length) / (term.length + 0.3 * (term.length - stem.length))]);
      }
    }
    if (alt.fuzzy) {
      const near: [string, number, number][] = [];
      for (const [term, [offset, distance]] of tree.fuzzyGet(stem, alt.fuzzy)) if (distance && !seen.has(term)) near.push([term, offset, distance]);
      if (near.length > MAX_FUZZY_TERMS) near.sort((a, b) => a[2] - b[2] || (a[0] < b[0] ? -1 : 1)).length = MAX_FUZZY_TERMS;
      for (const [term, offset, distance] of near) out.push([term, offset, (WEIGHTS.fuzzy * term.length) / (term.length + distance)]);
    }
    return out;
  }

  /**
   * Top-k ranking: candidates whose best possible score (phrase bonus included) is under the floor are
   * dropped unseen; the others are taken best-bound first, in rounds, and get their exact phrase bonus
   * until the results shown are certain. Highlights only for those.
   */
  private rank(runs: Run[], minCoverage: number, options: SearchOptions): SearchHit[] {
    const limit = options.limit ?? 20;
    const keep = (a: Article) =>
      (!options.sources || options.sources.includes(a.source)) &&
      (!options.langs || options.langs.includes(a.lang)) &&
      (!options.categories || options.categories.includes(a.category)) &&
      (!options.filter || options.filter(a));
    const filtered = !!(options.sources || options.langs || options.categories || options.filter);

    // Candidates: (run, doc) with their upper bounds.
    let n = 0;
    for (const r of runs) n += r.count;
    const candRun = new Uint8Array(n);
    const candDoc = new Int32Array(n);
    const bound = new Float64Array(n);
    let at = 0;
    for (let ri = 0; ri < runs.length; ri++) {
      const r = runs[ri]!;
      for (let i = 0; i < r.count; i++) {
        const doc = r.docs[i]!;
        candRun[at] = ri;
        candDoc[at] = doc;
        bound[at++] = r.base[doc]! * bonusBound(r, doc);
      }
    }
    if (n === 0 || noGoodMatch(runs)) return [];
    const exact = new Map<number, number>(); // candidate → final score
    const finalOf = (c: number): number => {
      let s = exact.get(c);
      if (s === undefined) {
        const r = runs[candRun[c]!]!;
        const doc = candDoc[c]!;
        s = r.base[doc]! * this.phraseBonus(doc, r);
        exact.set(c, s);
      }
      return s;
    };

    // The best score of all: evaluate the best bounds until the best exact score beats the next bound.
    const order = (from: Int32Array | number[]) => [...from].sort((a, b) => bound[b]! - bound[a]!);
    const all = order(selectTop(bound, Math.min(n, 64)));
    let top = 0;
    let evaluated = 0;
    for (; evaluated < all.length; evaluated++) {
      const c = all[evaluated]!;
      if (bound[c]! <= top) break;
      top = Math.max(top, finalOf(c));
    }
    if (evaluated === all.length && all.length < n) {
      // Rare: 64 candidates were not enough to be sure; take the exact maximum over all.
      for (let c = 0; c < n; c++) if (bound[c]! > top) top = Math.max(top, finalOf(c));
    }
    const floor = top * RELATIVE_FLOOR;

    // Everything that might be shown: above the floor by its bound, matching enough of the query, kept by the filters.
    const eligible = (c: number) => {
      const r = runs[candRun[c]!]!;
      const doc = candDoc[c]!;
      return bound[c]! >= floor && r.coverage[doc]! >= minCoverage && (!filtered || keep(this.docAt[doc]!));
    };
    const pool: number[] = [];
    for (let c = 0; c < n; c++) if (eligible(c)) pool.push(c);
    const poolBound = Float64Array.from(pool, (c) => bound[c]!);

    let take = Math.min(pool.length, Math.max(64, limit * 4));
    for (;;) {
      const picked = selectTop(poolBound, take).map((i) => pool[i]!);
      // Everything not picked is bounded by the smallest picked bound: results above it are certain.
      let certainAbove = -Infinity;
      if (take < pool.length) {
        certainAbove = Infinity;
        for (const c of picked) certainAbove = Math.min(certainAbove, bound[c]!);
      }
      const ranked = picked.map((c) => [c, finalOf(c)] as const).sort((a, b) => b[1] - a[1]);
      const hits: SearchHit[] = [];
      const hitDocs: number[] = [];
      const shownDocs = new Set<number>();
      const shownGroups = new Set<number>();
      let certain = true;
      for (const [c, score] of ranked) {
        if (hits.length >= limit) break;
        if (score < floor) break;
        if (score < certainAbove) {
          certain = false;
          break;
        }
        const doc = candDoc[c]!;
        if (shownDocs.has(doc)) continue; // the same document, from the other layout reading
        shownDocs.add(doc);
        const group = this.snap.groups[doc]!;
        if (shownGroups.has(group)) continue;
        shownGroups.add(group);
        hits.push(this.hit(doc, score, runs[candRun[c]!]!));
        hitDocs.push(doc);
      }
      if (certain || take >= pool.length) {
        hits.forEach((h, i) => (h.similar = this.similar(hitDocs[i]!, runs, floor, minCoverage, filtered ? keep : undefined)));
        return hits;
      }
      take = Math.min(pool.length, take * 4);
    }
  }

  private hit(doc: number, score: number, run: Run): SearchHit {
    const article = this.docAt[doc]!;
    // Compounds and phone numbers are looked for only when the query matched one (a costly scan of a long body).
    const compounds = [...run.terms].some((t) => !/^[\p{L}\p{N}]+$/u.test(t) || /^\d{10,}$/.test(t));
    const highlights = { title: highlight(article.title, article.lang, run.terms, compounds), body: highlight(article.body, article.lang, run.terms, compounds) };
    return { article, score, highlights, similar: [] };
  }

  /** Other articles with the hit's text that the query also found (by score, best first). */
  private similar(self: number, runs: Run[], floor: number, minCoverage: number, keep: ((a: Article) => boolean) | undefined): string[] {
    const { groupNext } = this.snap;
    if (groupNext[self] === self) return [];
    const members: number[] = [];
    for (let doc = groupNext[self]!; doc !== self && members.length < groupNext.length; doc = groupNext[doc]!) members.push(doc);
    members.sort((a, b) => a - b); // in KB order, as ties keep it
    const found: [string, number][] = [];
    for (const doc of members) {
      if (doc === self) continue;
      let best = -1;
      for (const r of runs) {
        if (r.stamp[doc] !== r.epoch || r.coverage[doc]! < minCoverage) continue;
        best = Math.max(best, r.base[doc]! * this.phraseBonus(doc, r));
      }
      if (best >= floor && (!keep || keep(this.docAt[doc]!))) found.push([this.docAt[doc]!.id, best]);
    }
    return found.sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  /** Consecutive query slots found next to each other in the title (or body) say "this is the phrase". */
  private phraseBonus(doc: number, run: Run): number {
    if (run.plan.slots.length < 2) return 1;
    const { offsets, sequences } = this.snap;
    const inTitle = adjacentSlots(sequences, offsets[doc * 3]!, offsets[doc * 3 + 1]!, run.termSlots);
    const inBody = adjacentSlots(sequences, offsets[doc * 3 + 1]!, offsets[doc * 3 + 2]!, run.termSlots);
    let bonus = 1 + TITLE_PHRASE * inTitle.size;
    for (const k of inBody) if (!inTitle.has(k)) bonus += BODY_PHRASE;
    return bonus;
  }
}

/** Does a term's posting block (three fields) hold no document at all. */
function isEmptyTerm(postings: Uint32Array, start: number, end: number): boolean {
  return end - start === 3 && postings[start] === 0 && postings[start + 1] === 0 && postings[start + 2] === 0;
}

/** Does the snapshot hold exactly these articles (by id) in this format, and are its arrays whole. */
function fits(snapshot: IndexSnapshot, articles: readonly Article[]): boolean {
  if (snapshot.formatVersion !== INDEX_FORMAT_VERSION) return false;
  const n = snapshot.docIds.length;
  if (snapshot.offsets.length !== n * 3 || snapshot.fieldLengths.length !== n * 3 || snapshot.groups.length !== n || snapshot.groupNext.length !== n) return false;
  // Usually the same ids in the same order: one pass, no set.
  let k = 0;
  let inOrder = true;
  for (let s = 0; s < n && inOrder; s++) {
    const id = snapshot.docIds[s];
    if (id === null || id === undefined) continue;
    if (articles[k]?.id === id) k++;
    else inOrder = false;
  }
  if (inOrder) return k === articles.length;
  const ids = new Set(articles.map((a) => a.id));
  const live = snapshot.docIds.filter((id): id is string => id !== null);
  return live.length === ids.size && live.every((id) => ids.has(id));
}

/** MiniSearch's radix tree (its `SearchableMap`), empty: the same structure its search walks. */
function newTermTree(): TermTree<number> {
  return (newMini() as unknown as { _index: TermTree<number> })._index;
}

/**
 * Fills the term tree with the snapshot's terms and the offsets of their posting blocks, yielding
 * `true` every `slice` postings so that an async caller can pause. No posting list is decoded.
 */
function fillTree(tree: TermTree<number>, snapshot: IndexSnapshot, slice: number): Generator<boolean> {
  return postingBlocks(snapshot, slice, (term, at) => tree.set(term, at));
}

/**
 * Walks the snapshot's posting blocks (per term, per field: the count n, n document short ids, n
 * term frequencies), calling `visit` with each term and the offset of its block, and yielding `true`
 * every `slice` postings so that an async caller can pause. Throws when the postings do not match
 * their terms (a damaged snapshot).
 */
function* postingBlocks(snapshot: IndexSnapshot, slice: number, visit: (term: string, at: number) => void): Generator<boolean> {
  const { postings, indexTerms } = snapshot;
  let at = 0;
  let sinceBreak = 0;
  for (const term of indexTerms) {
    const start = at;
    for (let f = 0; f < FIELDS.length; f++) {
      const n = postings[at]!;
      at += 1 + 2 * n;
      sinceBreak += n;
    }
    if (!(at <= postings.length)) break;
    visit(term, start);
    if (sinceBreak >= slice) {
      sinceBreak = 0;
      yield true;
    }
  }
  if (at !== postings.length) throw new Error('index snapshot: postings do not match their terms');
  yield false;
}

/** The posting block at `at` as MiniSearch holds it: by field id, document short id → term frequency. */
function decodeBlock(postings: Uint32Array, at: number): FieldPostings {
  const fields: FieldPostings = new Map();
  for (let f = 0; f < FIELDS.length; f++) {
    const n = postings[at++]!;
    if (!n) continue;
    const docs = new Map<number, number>();
    for (let i = 0; i < n; i++) docs.set(postings[at + i]!, postings[at + n + i]!);
    fields.set(f, docs);
    at += 2 * n;
  }
  return fields;
}

/**
 * Builds and updates the index with MiniSearch (analysis, term tree, BM25 statistics); its product is
 * a snapshot, which KbIndex searches. Kept apart so that a reopened index never pays for MiniSearch's
 * per-posting Maps: only an update (`updateSnapshot`) reopens them.
 */
class IndexBuilder {
  private mini = newMini();
  private internals = this.mini as unknown as MiniInternals;
  /** By short id: the article's id (undefined once removed), its sequences and its group. */
  private ids: (string | undefined)[] = [];
  private titleSeq: (Uint32Array | undefined)[] = [];
  private bodySeq: (Uint32Array | undefined)[] = [];
  private groupKey: number[] = [];
  private readonly groups = new Map<number, number[]>();
  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];

  /** A builder holding what a snapshot holds (MiniSearch's posting Maps refilled), to update it. */
  static fromSnapshot(snapshot: IndexSnapshot): IndexBuilder {
    const b = new IndexBuilder();
    const { docIds, fieldLengths, offsets, sequences } = snapshot;
    const documentIds: Record<number, string> = {};
    const fieldLength: Record<number, number[]> = {};
    for (let s = 0; s < docIds.length; s++) {
      const id = docIds[s];
      if (id === null || id === undefined) continue;
      documentIds[s] = id;
      fieldLength[s] = [fieldLengths[s * 3]!, fieldLengths[s * 3 + 1]!, fieldLengths[s * 3 + 2]!];
      b.ids[s] = id;
      b.titleSeq[s] = sequences.subarray(offsets[s * 3]!, offsets[s * 3 + 1]!);
      b.bodySeq[s] = sequences.subarray(offsets[s * 3 + 1]!, offsets[s * 3 + 2]!);
      b.joinGroup(s, snapshot.groups[s]!);
    }
    const js = {
      documentCount: snapshot.documentCount,
      nextId: docIds.length,
      documentIds,
      fieldIds: Object.fromEntries(FIELDS.map((f, i) => [f, i])),
      fieldLength,
      averageFieldLength: snapshot.averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    };
    b.mini = MiniSearch.loadJS(js as never, miniOptions());
    b.internals = b.mini as unknown as MiniInternals;
    const index = b.internals._index;
    for (const step of postingBlocks(snapshot, Infinity, (term, at) => index.set(term, decodeBlock(snapshot.postings, at)))) void step;
    b.terms = [...snapshot.terms];
    for (let i = 0; i < b.terms.length; i++) b.termIds.set(b.terms[i]!, i);
    return b;
  }

  add(articles: readonly Article[], onProgress?: (done: number, total: number) => void): void {
    const BATCH = 500;
    for (let i = 0; i < articles.length; i += BATCH) {
      const batch = articles.slice(i, i + BATCH);
      for (const article of batch) {
        const short = this.internals._nextId;
        const p = prepare(article);
        this.mini.add(p);
        this.ids[short] = article.id;
        this.titleSeq[short] = this.toIds(p.titleSeq);
        this.bodySeq[short] = this.toIds(p.bodySeq);
        this.addToGroup(short, article);
      }
      onProgress?.(Math.min(articles.length, i + BATCH), articles.length);
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const short = this.internals._idToShortId.get(id);
      if (short === undefined) continue;
      this.mini.discard(id);
      const g = this.groupKey[short]!;
      const members = this.groups.get(g);
      if (members) {
        const rest = members.filter((m) => m !== short);
        if (rest.length) this.groups.set(g, rest);
        else this.groups.delete(g);
      }
      this.ids[short] = this.titleSeq[short] = this.bodySeq[short] = undefined;
    }
  }

  private toIds(seq: readonly string[]): Uint32Array {
    const out = new Uint32Array(seq.length);
    for (let i = 0; i < seq.length; i++) out[i] = this.termId(seq[i]!);
    return out;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    return id;
  }

  /** Articles with the same text (folded, whitespace collapsed) form a group: one result, "+N similar". */
  private addToGroup(short: number, article: Article): void {
    const key = groupHash(fold(article.body));
    // An empty body is like no other: its own group (negative keys never collide with hashes).
    this.joinGroup(short, key ?? -1 - short);
  }

  private joinGroup(short: number, key: number): void {
    this.groupKey[short] = key;
    const members = this.groups.get(key);
    if (members) members.push(short);
    else this.groups.set(key, [short]);
  }

  /** The index as plain data; postings of removed documents are left out, as clean as a fresh build. */
  toSnapshot(): IndexSnapshot {
    const m = this.internals;
    const live = (doc: number) => this.ids[doc] !== undefined;
    // A document's field length is the number of distinct terms in it (MiniSearch's count): together
    // they bound the postings, so one pass fills them.
    let size = 3 * m._index.size;
    for (const [short, lengths] of m._fieldLength) if (live(short)) for (const n of lengths) size += 2 * n;
    const postings = new Uint32Array(size);
    const indexTerms: string[] = [];
    let at = 0;
    for (const [term, fields] of m._index.entries()) {
      const start = at;
      for (let f = 0; f < FIELDS.length; f++) {
        const docs = fields.get(f);
        const countAt = at++;
        let n = 0;
        if (docs) for (const doc of docs.keys()) if (live(doc)) postings[at + n++] = doc;
        postings[countAt] = n;
        let k = at;
        if (docs) for (const [doc, tf] of docs) if (live(doc)) postings[k++ + n] = tf;
        at += 2 * n;
      }
      // A term only removed documents had is dropped.
      if (isEmptyTerm(postings, start, at)) at = start;
      else indexTerms.push(term);
    }
    if (at > postings.length) throw new Error('index: more postings than the field lengths allow');
    const n = m._nextId;
    const fieldLengths = new Uint32Array(n * 3);
    for (const [short, lengths] of m._fieldLength) {
      if (!live(short)) continue;
      for (let f = 0; f < FIELDS.length; f++) fieldLengths[short * 3 + f] = lengths[f] ?? 0;
    }
    const offsets = new Uint32Array(n * 3);
    let total = 0;
    for (let s = 0; s < n; s++) total += (this.titleSeq[s]?.length ?? 0) + (this.bodySeq[s]?.length ?? 0);
    const sequences = new Uint32Array(total);
    let seqAt = 0;
    const docIds: (string | null)[] = [];
    const groups = new Float64Array(n);
    const groupNext = new Uint32Array(n);
    for (let s = 0; s < n; s++) {
      docIds.push(this.ids[s] ?? null);
      groups[s] = this.groupKey[s] ?? 0;
      groupNext[s] = s;
      offsets[s * 3] = seqAt;
      if (this.titleSeq[s]) sequences.set(this.titleSeq[s]!, seqAt);
      seqAt += this.titleSeq[s]?.length ?? 0;
      offsets[s * 3 + 1] = seqAt;
      if (this.bodySeq[s]) sequences.set(this.bodySeq[s]!, seqAt);
      seqAt += this.bodySeq[s]?.length ?? 0;
      offsets[s * 3 + 2] = seqAt;
    }
    for (const members of this.groups.values()) {
      for (let i = 0; i < members.length; i++) groupNext[members[i]!] = members[(i + 1) % members.length]!;
    }
    return {
      formatVersion: INDEX_FORMAT_VERSION,
      documentCount: m._documentCount,
      averageFieldLength: [...m._avgFieldLength],
      fieldLengths,
      indexTerms,
      postings: postings.subarray(0, at).slice(),
      terms: [...this.terms],
      docIds,
      offsets,
      sequences,
      groups,
      groupNext,
    };
  }
}

function miniOptions() {
  return {
    fields: [...FIELDS],
    idField: 'id',
    storeFields: [],
    // Discarded documents are dropped from the saved index (toSnapshot), not by background vacuuming.
    autoVacuum: false,
    // Documents arrive analysed: each field is its list of index terms already.
    extractField: (doc: Prepared, field: string) => (field === 'id' ? doc.id : doc[field as 'title' | 'path' | 'body']),
    stringifyField: (value: unknown) => value,
    tokenize: (terms: unknown) => (typeof terms === 'string' ? terms.split(' ') : (terms as string[])),
    processTerm: (term: string) => term || null,
  } as unknown as ConstructorParameters<typeof MiniSearch<Prepared>>[0];
}

function newMini(): MiniSearch<Prepared> {
  return new MiniSearch<Prepared>(miniOptions());
}

function prepare(article: Article): Prepared {
  const title = analyzeField(article.title, article.lang);
  const body = analyzeField(article.body, article.lang);
  return {
    id: article.id,
    title: title.occurrences.map((o) => o.term),
    path: analyzeField(article.path.join(' '), article.lang).occurrences.map((o) => o.term),
    body: body.occurrences.map((o) => o.term),
    titleSeq: title.sequence,
    bodySeq: body.sequence,
  };
}

/** Slots k such that a term of slot k stands right before a term of slot k + 1 in `seq[from, to)`. */
function adjacentSlots(seq: Uint32Array, from: number, to: number, termSlots: ReadonlyMap<number, number[]>): Set<number> {
  const found = new Set<number>();
  if (from >= to) return found;
  let prev = termSlots.get(seq[from]!);
  for (let i = from + 1; i < to; i++) {
    const next = termSlots.get(seq[i]!);
    if (prev && next) for (const k of prev) if (next.includes(k + 1)) found.add(k);
    prev = next;
  }
  return found;
}

/** The most the phrase bonus can give a document: 0.3 per adjacent pair of slots it holds terms of both of. */
function bonusBound(run: Run, doc: number): number {
  if (!run.slotMask || run.maskStamp[doc] !== run.epoch) return run.maxBonus;
  const mask = run.slotMask[doc]!;
  return 1 + TITLE_PHRASE * popcount(mask & (mask >>> 1));
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Indexes of the `k` largest values (ties at the boundary included), in no particular order: O(n) on average. */
function selectTop(values: Float64Array, k: number): number[] {
  const n = values.length;
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  if (k <= 0) return [];
  const copy = Float64Array.from(values);
  // Quickselect for the k-th largest value.
  let lo = 0;
  let hi = n - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = copy[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (copy[i]! > pivot) i++;
      while (copy[j]! < pivot) j--;
      if (i <= j) {
        const t = copy[i]!;
        copy[i] = copy[j]!;
        copy[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else break;
  }
  const threshold = copy[want]!;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (values[i]! >= threshold) out.push(i);
  return out;
}

/** What `\s` matches in a JavaScript regular expression. */
function isSpace(ch: number): boolean {
  return (
    (ch >= 9 && ch <= 13) || ch === 32 || ch === 0xa0 || ch === 0x1680 || (ch >= 0x2000 && ch <= 0x200a) ||
    ch === 0x2028 || ch === 0x2029 || ch === 0x202f || ch === 0x205f || ch === 0x3000 || ch === 0xfeff
  );
}

/**
 * A 53-bit hash (cyrb53) of the text with its runs of white space made one space and its ends
 * trimmed (`text.replace(/\s+/g, ' ').trim()`, without building that string for every article);
 * undefined when nothing but white space is left. Group keys without a copy of every body.
 */
function groupHash(text: string): number | undefined {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let any = false;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isSpace(ch)) {
      space = any;
      continue;
    }
    if (space) {
      h1 = Math.imul(h1 ^ 32, 2654435761);
      h2 = Math.imul(h2 ^ 32, 1597334677);
      space = false;
    }
    any = true;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  if (!any) return undefined;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * How much of the query a result must match to be shown. A query the KB does not understand at all
 * (only typo-tolerant matches) must be matched mostly, or it is nonsense; a long pasted e-mail
 * only in part.
 */
function minimumCoverage(plan: QueryPlan): number {
  const n = plan.slots.length;
  if (n === 0) return Infinity;
  if (plan.known === 0) return 0.6;
  return n >= 6 ? 0.1 : 0.2;
}

/**
 * The score floor, chosen by measurement on the off-topic queries of the gold set (kind `none`,
 * tuning split; README "No good match"): when the KB knows at most half of the query's words and no
 * article matches more than half of it, the matches are chance words ("заголовок статьи" → статус),
 * and nothing is better than noise. Every on-topic gold query stays above it.
 */
const NO_MATCH_COVERAGE = 0.5;

function noGoodMatch(runs: readonly Run[]): boolean {
  const plan = runs[0]!.plan; // the interpretation the search went with
  const total = plan.slots.reduce((sum, s) => sum + s.weight, 0);
  if (!total || plan.known > total * NO_MATCH_COVERAGE) return false;
  for (const r of runs) for (let i = 0; i < r.count; i++) if (r.coverage[r.docs[i]!]! > NO_MATCH_COVERAGE) return false;
  return true;
}

/** Where `terms` occur in `text`, as `analyzeField` would find them, merged into ranges. */
function highlight(text: string, lang: KbLanguage, terms: ReadonlySet<string>, compounds: boolean): Range[] {
  const words = tokenize(text);
  const hits: Range[] = [];
  for (const w of words) if (!isStopWord(w.text) && terms.has(stemWord(w.text, lang))) hits.push([w.start, w.end]);
  if (compounds) {
    for (const c of findCompounds(text, words)) if (terms.has(compoundTerm(c, (w) => stemWord(w, lang)))) hits.push([c.start, c.end]);
  }
  hits.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: Range[] = [];
  for (const r of hits) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}
