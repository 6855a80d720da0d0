// Synthetic KBs for bench:scale: articles made of the bundled KB's sentences, recombined, with unique
// titles, 2,000 articles per file, written as KB markdown into a git-ignored folder. Deterministic
// (seeded), so runs on different days compare.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, KbLanguage } from '../src/core/kb/types';

export const ARTICLES_PER_FILE = 2000;
/** Bump when the generator changes, so stale folders are regenerated. */
const GENERATOR_VERSION = 2;

/** A small fast seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pool {
  sentences: string[];
  titleWords: string[];
  categories: string[];
}

function pools(articles: readonly Article[]): Record<'ru' | 'da', Pool> {
  const make = (lang: KbLanguage): Pool => {
    const mine = articles.filter((a) => a.lang === lang);
    const sentences = mine.flatMap((a) => a.body.split(/(?<=[.!?])\s+|\n+/)).map((s) => s.trim()).filter((s) => s.length > 20 && !s.startsWith('#'));
    const titleWords = [...new Set(mine.flatMap((a) => a.title.split(/\s+/)).filter((w) => /^[\p{L}\d-]{3,}$/u.test(w)))];
    const categories = [...new Set(mine.map((a) => a.category).filter(Boolean))];
    return { sentences, titleWords, categories: categories.length ? categories : ['general'] };
  };
  return { ru: make('ru'), da: make('da') };
}

/**
 * Writes (or reuses) a KB of `count` articles under `root/<count>/` and returns its folder. Every tenth
 * file is Danish, the rest Russian, as the bundled KB mixes them.
 */
export function syntheticKb(root: string, count: number, bundled: readonly Article[]): string {
  const dir = join(root, String(count));
  const stamp = join(dir, '.generated');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === `${GENERATOR_VERSION}`) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const byLang = pools(bundled);
  const rnd = random(count);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const titles = new Set<string>();
  const files = Math.ceil(count / ARTICLES_PER_FILE);
  for (let f = 0; f < files; f++) {
    const lang: 'ru' | 'da' = f % 10 === 9 ? 'da' : 'ru';
    const pool = byLang[lang];
    const n = Math.min(ARTICLES_PER_FILE, count - f * ARTICLES_PER_FILE);
    const lines = ['---', `lang: ${lang}`, `title: Synthetic KB ${f + 1}`, '---', ''];
    let category = '';
    for (let i = 0; i < n; i++) {
      if (i % 50 === 0) {
        category = `${pick(pool.categories)}-${f}-${i / 50}`;
        lines.push(`# ${category}`, '');
      }
      let title = '';
      for (let tries = 0; !title || titles.has(title); tries++) {
        const words = 2 + Math.floor(rnd() * 4);
        title = Array.from({ length: words }, () => pick(pool.titleWords)).join(' ');
        if (tries > 20) title += ` ${titles.size}`;
      }
      titles.add(title);
      const sentences = 2 + Math.floor(rnd() * 7);
      const body = Array.from({ length: sentences }, () => pick(pool.sentences)).join(' ');
      lines.push(`## ${title}`, '', body.replace(/^#/gm, '\\#'), '');
    }
    writeFileSync(join(dir, `synthetic-${String(f + 1).padStart(3, '0')}.md`), lines.join('\n'));
  }
  writeFileSync(stamp, `${GENERATOR_VERSION}`);
  return dir;
}
