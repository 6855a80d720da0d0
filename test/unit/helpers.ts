import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { assembleKb } from '../../src/core/kb/assemble';
import type { Article } from '../../src/core/kb/types';

/** Tests run from dist-test/unit; the repository is two levels up. */
export const REPO = path.resolve(__dirname, '..', '..');
export const SEEDS = path.resolve(REPO, '..', 'shared', 'seeds');
export const RU_KB = path.join(REPO, 'kb', 'kia-support-ru.md');
export const DA_KB = path.join(REPO, 'kb', 'kia-connect-terms-da.md');
export const RU_SEED = path.join(SEEDS, '000_7dee62e9759c37e1.txt');
export const DA_SEED = path.join(SEEDS, '004_c5cba4510556a379.txt');
/** The Danish source text, kept in the repo so the importer's output can be rebuilt and checked anywhere. */
export const DA_SOURCE = path.join(REPO, 'kb', 'sources', 'kia-connect-terms-da.txt');
export const CLI = path.join(REPO, 'dist', 'cli.js');

export const read = (file: string) => readFileSync(file, 'utf8');

export const ALIASES = path.join(REPO, 'kb', 'aliases.json');
export const CHECKLISTS = path.join(REPO, 'kb', 'checklists.json');
export const CATEGORIES = path.join(REPO, 'kb', 'categories.json');

/** The bundled KB, parsed the way the extension and CLI do. */
export function bundledKb() {
  const kb = assembleKb([RU_KB, DA_KB, ALIASES, CHECKLISTS, CATEGORIES].map((file) => ({ file, text: read(file) })));
  if (kb.problems.length) throw new Error(`bundled KB has problems: ${JSON.stringify(kb.problems)}`);
  return kb;
}

export function bundledArticles(): Article[] {
  return bundledKb().articles;
}

/** The shared seeds sit beside the repository on team machines and in CI, not in every clone. */
export const seedsPresent = existsSync(RU_SEED) && existsSync(DA_SEED);
