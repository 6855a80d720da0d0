import type { Article } from './types';

/**
 * Where an article sits, as an agent reads it: its category and section path
 * (`Kia Connect`, `KIA CONNECT BRUGERVILKÅR › 4 Tjenesterne`), never internal ids such as
 * `kia-support-ru:131`. Empty when the KB gives neither.
 */
export function articlePlace(article: Pick<Article, 'category' | 'path'>): string {
  return [article.category, ...article.path].map((p) => p.trim()).filter(Boolean).join(' › ');
}
