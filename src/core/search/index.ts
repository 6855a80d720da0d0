import MiniSearch, { type Query, type SearchResult as MiniResult } from 'minisearch';
import type { Article } from '../kb/types';
import { analyzeField, queryStems, tokenize } from './analyze';

export interface SearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
  /** Keep only articles this returns true for. */
  filter?: (article: Article) => boolean;
}

export interface SearchHit {
  article: Article;
  score: number;
}

/** Field weights: a word in the title says far more about what the article answers than one in the body. */
const BOOST = { title: 3, body: 1 };

/**
 * The full-text index over KB articles: MiniSearch over per-language stems of title and body.
 *
 * Stemming happens before MiniSearch sees the text (so each article is stemmed in its own language);
 * MiniSearch adds BM25 ranking, prefix matching (for as-you-type) and fuzzy matching (typos).
 * @example
 * const index = new KbIndex(articles);
 * index.search('забыл паролем')[0].article.title // 'Восстановление пароля …'
 */
export class KbIndex {
  private readonly mini: MiniSearch<Article>;
  private readonly byId = new Map<string, Article>();

  constructor(readonly articles: readonly Article[]) {
    this.mini = new MiniSearch<Article>({
      fields: ['title', 'body'],
      storeFields: [],
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term || null,
      extractField: (doc, field) => (field === 'id' ? doc.id : analyzeField(field === 'title' ? doc.title : doc.body, doc.lang)),
    });
    for (const a of articles) this.byId.set(a.id, a);
    this.mini.addAll(articles as Article[]);
  }

  get size(): number {
    return this.articles.length;
  }

  get(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** Ranked articles for what an agent typed; an empty or wordless query gives no results. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const words = tokenize(query);
    if (words.length === 0) return [];
    const last = words.length - 1;
    const perWord: Query[] = words.map((w, i) => ({
      queries: queryStems(w.text),
      combineWith: 'OR',
      // The word being typed is still incomplete; finished words only tolerate typos.
      prefix: i === last,
      fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
    }) as Query);
    const filter = options.filter;
    const results: MiniResult[] = this.mini.search(
      { queries: perWord, combineWith: 'OR' },
      { boost: BOOST, ...(filter ? { filter: (r: MiniResult) => filter(this.byId.get(r.id)!) } : {}) },
    );
    return results.slice(0, options.limit ?? 20).map((r) => ({ article: this.byId.get(r.id)!, score: r.score }));
  }
}
