import { isStopWord, stemWord, tokenize } from '../search/analyze';
import type { KbLanguage } from './types';

// The threshold lives with the lint rules (the settings read it without loading the analysis code).
export { DEFAULT_NEAR_DUPLICATE_THRESHOLD } from './lintRules';

/**
 * Near-duplicate detection for KB lint: TF-IDF vectors of word stems, cosine similarity, and an
 * exact candidate generation (AllPairs-style prefix bound) so the work grows with the articles'
 * sizes and the number of real matches, not with the number of pairs: 10 000 articles never mean
 * 50 million comparisons.
 *
 * Why TF-IDF cosine of stems: the KB's duplicates are the same answer in other words or with a
 * clause added; weighting words by rarity keeps two articles that merely share the KB's everyday
 * vocabulary ("Kia Connect", "личный кабинет") apart. Measured against the maintainers' own list
 * (test/fixtures/lint/gold.json) in bench/lintDuplicates.ts, where word-shingle Jaccard lost.
 */

/** The stems of a text's words, stop words left out. */
export function stems(text: string, lang: KbLanguage): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (!isStopWord(t.text)) out.push(stemWord(t.text, lang));
  return out;
}

/** A unit-length sparse vector: term ids in ascending id order, with their weights. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/**
 * TF-IDF vectors ((1 + ln tf) · ln(N / df), unit length) of documents given as term lists.
 * Term ids are numbered from the most common term to the rarest, which the pair search relies on.
 */
export function tfidfVectors(docs: readonly (readonly string[])[]): SparseVector[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const order = [...df].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const id = new Map(order.map(([t], i) => [t, i]));
  return docs.map((d) => {
    const tf = new Map<number, number>();
    for (const t of d) {
      const i = id.get(t)!;
      tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const entries = [...tf].map(([i, n]) => [i, (1 + Math.log(n)) * Math.log(docs.length / df.get(order[i]![0])!)] as const)
      .filter(([, w]) => w > 0)
      .sort((x, y) => x[0] - y[0]);
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return { ids: Int32Array.from(entries, ([i]) => i), weights: Float64Array.from(entries, ([, w]) => w / norm) };
  });
}

export interface SimilarPair {
  /** Indexes into the documents given, a < b. */
  a: number;
  b: number;
  /** Cosine similarity, 0–1. */
  score: number;
}

/**
 * Every pair of vectors with cosine ≥ `threshold`, exactly.
 *
 * Each vector's terms run from common to rare. Its leading (common, low-weight) terms whose weights'
 * norm stays under the threshold are left out of the inverted index: a pair that shares none of
 * the indexed terms of the earlier vector has cosine ≤ that norm < threshold (Cauchy–Schwarz). So
 * common words never produce candidates, and each candidate is verified by a merge of two vectors.
 */
export function similarPairs(vectors: readonly SparseVector[], threshold: number): SimilarPair[] {
  if (!(threshold > 0 && threshold <= 1)) throw new Error('threshold must be in (0, 1]');
  const postings = new Map<number, number[]>();
  const pairs: SimilarPair[] = [];
  vectors.forEach((x, i) => {
    const candidates = new Set<number>();
    for (const t of x.ids) for (const j of postings.get(t) ?? []) candidates.add(j);
    for (const j of candidates) {
      const score = dot(x, vectors[j]!);
      if (score >= threshold - 1e-9) pairs.push({ a: j, b: i, score: Math.min(1, score) });
    }
    let prefixSquares = 0;
    for (let k = 0; k < x.ids.length; k++) {
      prefixSquares += x.weights[k]! * x.weights[k]!;
      if (Math.sqrt(prefixSquares) < threshold - 1e-9) continue;
      const list = postings.get(x.ids[k]!);
      if (list) list.push(i);
      else postings.set(x.ids[k]!, [i]);
    }
  });
  return pairs.sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
}

/** Dot product of two sparse vectors (a merge of their sorted ids). */
export function dot(x: SparseVector, y: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < x.ids.length && j < y.ids.length) {
    if (x.ids[i] === y.ids[j]) s += x.weights[i++]! * y.weights[j++]!;
    else if (x.ids[i]! < y.ids[j]!) i++;
    else j++;
  }
  return s;
}

/** Groups pairs into clusters (connected components), each sorted, clusters by their first member. */
export function clusters(count: number, pairs: readonly SimilarPair[]): number[][] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const p of pairs) parent[find(p.a)] = find(p.b);
  const groups = new Map<number, Set<number>>();
  for (const p of pairs) {
    for (const i of [p.a, p.b]) {
      const root = find(i);
      const g = groups.get(root) ?? new Set<number>();
      g.add(i);
      groups.set(root, g);
    }
  }
  return [...groups.values()].map((g) => [...g].sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}
