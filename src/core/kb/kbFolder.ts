import { CATEGORIES_FILE } from './categories';

/** Which files of a KB folder are what: article files, the alias table, and files to leave alone. */
export type KbFileKind = 'articles' | 'aliases' | 'checklists' | 'categories' | 'other';

export const ALIASES_FILE = 'aliases.json';
export const CHECKLISTS_FILE = 'checklists.json';

export function kbFileKind(name: string): KbFileKind {
  const lower = name.toLowerCase();
  if (lower === ALIASES_FILE) return 'aliases';
  if (lower === CHECKLISTS_FILE) return 'checklists';
  if (lower === CATEGORIES_FILE) return 'categories';
  if (lower.endsWith('.md') && lower !== 'readme.md') return 'articles';
  return 'other';
}
