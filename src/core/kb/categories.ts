import { fold } from '../text/normalize';
import { problemText, type KbMessageArgs, type KbMessageKey } from './problemMessages';
import { KbError, type Article } from './types';

/**
 * Topic categories for a KB file whose own `#` headings do not categorise it. The Russian KB came
 * as one export under a single `# apps` heading, so every article had the category "apps" and the
 * category filter said nothing. The KB text stays word for word; `categories.json` beside it says
 * which topic an article belongs to by the words of its title (the first rule that matches wins),
 * and the heading it sits under stays in the article's `path`.
 * @example
 * // categories.json
 * { "sources": ["kia-support-ru"], "otherwise": "Другое",
 *   "categories": [{ "name": "Mobikey", "titleWords": ["mobikey", "мобикей"] }] }
 */
export interface CategoryRules {
  /** KB files (by `source`) whose articles are categorised by these rules. */
  sources: string[];
  categories: { name: string; titleWords: string[] }[];
  /** The category of an article no rule matches. */
  otherwise: string;
}

export const CATEGORIES_FILE = 'categories.json';

export function parseCategories(text: string, file: string): CategoryRules {
  const fail = (key: KbMessageKey, args?: KbMessageArgs): never => {
    throw new KbError({ severity: 'error', code: 'kb.categories.shape', ...problemText(key, args), file, line: 0 });
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new KbError({ severity: 'error', code: 'kb.categories.json', ...problemText('json.categories', { why: (e as Error).message }), file, line: 0 });
  }
  const d = data as Partial<CategoryRules> | null;
  const isText = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';
  if (typeof d !== 'object' || d === null) return fail('categories.not-object');
  if (!Array.isArray(d.sources) || !d.sources.every(isText)) fail('categories.sources');
  if (!isText(d.otherwise)) fail('categories.otherwise');
  if (!Array.isArray(d.categories)) fail('categories.list');
  d.categories!.forEach((c, i) => {
    if (typeof c !== 'object' || c === null || !isText(c.name)) fail('categories.name', { index: i });
    if (!Array.isArray(c.titleWords) || !c.titleWords.length || !c.titleWords.every(isText)) fail('categories.title-words', { index: i });
  });
  return { sources: d.sources!, otherwise: d.otherwise!, categories: d.categories!.map((c) => ({ name: c.name, titleWords: c.titleWords.map(fold) })) };
}

/** The articles with the categories the rules give them; other articles (and all text) unchanged. */
export function applyCategories(articles: readonly Article[], rules: readonly CategoryRules[]): Article[] {
  if (!rules.length) return [...articles];
  const bySource = new Map<string, CategoryRules>();
  for (const r of rules) for (const s of r.sources) bySource.set(s, r);
  return articles.map((a) => {
    const r = bySource.get(a.source);
    if (!r) return a;
    const title = fold(a.title);
    const category = r.categories.find((c) => c.titleWords.some((w) => title.includes(w)))?.name ?? r.otherwise;
    return { ...a, category };
  });
}
