import type { Article } from '../kb/types';
import { fold } from '../text/normalize';

/**
 * Titles the agent half-remembers ("обнов навиг спортейдж"): every word typed is the start of a word
 * of the title, in any order. A sorted array of (title word, article) answers each typed word with a
 * binary search, so a keystroke costs the titles that match, not all titles.
 */
export class TitleMatcher {
  private readonly words: string[] = [];
  private readonly owners: Int32Array;

  constructor(private readonly articles: readonly Article[]) {
    const pairs: [string, number][] = [];
    articles.forEach((a, i) => {
      for (const w of new Set(fold(a.title).match(WORD) ?? [])) pairs.push([w, i]);
    });
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    this.owners = new Int32Array(pairs.length);
    pairs.forEach(([w, i], k) => {
      this.words.push(w);
      this.owners[k] = i;
    });
  }

  /** Articles whose title has a word starting with each typed word (two letters or more), best first. */
  search(query: string, limit: number): Article[] {
    const typed = [...new Set(fold(query).match(WORD) ?? [])].filter((w) => w.length >= 2);
    if (!typed.length) return [];
    // Rarest typed word first: the candidates never grow past its matches.
    const ranges = typed.map((w) => this.range(w)).sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
    let candidates: Set<number> | undefined;
    for (const [from, to] of ranges) {
      const next = new Set<number>();
      for (let k = from; k < to; k++) {
        const owner = this.owners[k]!;
        if (!candidates || candidates.has(owner)) next.add(owner);
      }
      candidates = next;
      if (!candidates.size) return [];
    }
    return [...candidates!]
      .map((i) => this.articles[i]!)
      .sort((a, b) => a.title.length - b.title.length || (a.title < b.title ? -1 : 1))
      .slice(0, limit);
  }

  /** The index range of title words starting with `prefix`. */
  private range(prefix: string): [number, number] {
    const lower = (p: string) => {
      let lo = 0;
      let hi = this.words.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.words[mid]! < p) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [lower(prefix), lower(prefix + '\uffff')];
  }
}

const WORD = /[\p{L}\p{N}]+/gu;
