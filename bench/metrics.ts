/** Search-quality measures of ../shared/docs/SEARCH-QUALITY.md, over ranked id lists. */
export interface GoldQuery {
  kind: string;
  query: string;
  relevant: string[];
  /** `tune` (default) or `holdout`: a holdout query was never used to choose a threshold. */
  split?: string;
}

export interface Scores {
  n: number;
  hit1: number;
  hit5: number;
  mrr10: number;
}

/** 1-based rank of the first acceptable result within the top ten, or 0. */
export function firstRelevantRank(ranked: readonly (readonly string[])[], relevant: ReadonlySet<string>): number {
  const i = ranked.slice(0, 10).findIndex((ids) => ids.some((id) => relevant.has(id)));
  return i + 1;
}

export function score(ranks: readonly number[]): Scores {
  const n = ranks.length;
  const share = (f: (r: number) => boolean) => (n ? ranks.filter(f).length / n : 0);
  return {
    n,
    hit1: share((r) => r === 1),
    hit5: share((r) => r >= 1 && r <= 5),
    mrr10: n ? ranks.reduce((s, r) => s + (r ? 1 / r : 0), 0) / n : 0,
  };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
