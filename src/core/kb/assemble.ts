import { parseChecklists } from '../checklist/parse';
import type { Checklist } from '../checklist/types';
import { AliasTable, parseAliases } from '../search/aliases';
import { applyCategories, parseCategories, type CategoryRules } from './categories';
import { kbFileKind } from './kbFolder';
import { fileName, parseKbFile, UniqueIds, type ParsedKbFile } from './parse';
import { englishMessage, problemText, type KbMessageKey } from './problemMessages';
import { isUnreadable, type KbReadResult } from './read';
import { KbError, type Article, type KbProblem } from './types';

export interface AssembledKb {
  articles: Article[];
  /** The alias tables of all KB folders, merged. */
  aliases: AliasTable;
  /** The checklists of all KB folders; a later folder's checklist replaces one with the same id. */
  checklists: Checklist[];
  problems: KbProblem[];
  files: ParsedKbFile[];
}

/**
 * Parses several KB files into one article list with ids unique across files.
 *
 * A file that cannot be parsed does not take the rest down: its error is reported and, when
 * `lastGood` holds an earlier parse of the same file, those articles stay available, so an agent
 * saving a half-edited KB file never loses search results.
 *
 * `unchanged`: files known not to have changed since they were parsed (the saved index keeps their
 * parse), used as they are instead of parsing their text again.
 */
export function assembleKb(inputs: readonly KbReadResult[], lastGood?: ReadonlyMap<string, ParsedKbFile>, unchanged?: ReadonlyMap<string, ParsedKbFile>): AssembledKb {
  const problems: KbProblem[] = [];
  const files: ParsedKbFile[] = [];
  const aliasTables: AliasTable[] = [];
  const checklists = new Map<string, Checklist>();
  const categoryRules: CategoryRules[] = [];
  for (const input of inputs) {
    const kind = kbFileKind(fileName(input.file));
    if (isUnreadable(input)) {
      const previous = kind === 'articles' ? lastGood?.get(input.file) : undefined;
      if (previous) files.push(previous);
      problems.push(withConsequence(input.problem, previous ? 'then.last-version' : WHAT_IS_LOST[kind]));
      continue;
    }
    if (kind === 'checklists') {
      try {
        for (const c of parseChecklists(input.text, input.file)) checklists.set(c.id, c);
      } catch (e) {
        problems.push(withConsequence(asProblem(e, input.file), 'then.checklists-skipped'));
      }
      continue;
    }
    if (kind === 'aliases') {
      try {
        aliasTables.push(parseAliases(input.text, input.file));
      } catch (e) {
        problems.push(withConsequence(asProblem(e, input.file), 'then.aliases-skipped'));
      }
      continue;
    }
    if (kind === 'categories') {
      try {
        categoryRules.push(parseCategories(input.text, input.file));
      } catch (e) {
        problems.push(withConsequence(asProblem(e, input.file), 'then.categories-skipped'));
      }
      continue;
    }
    const known = unchanged?.get(input.file);
    if (known) {
      files.push(known);
      continue;
    }
    try {
      files.push(parseKbFile(input));
    } catch (e) {
      const previous = lastGood?.get(input.file);
      const problem = asProblem(e, input.file);
      problems.push(previous ? withConsequence(problem, 'then.last-version') : problem);
      if (previous) files.push(previous);
    }
  }

  // Ids are `source#slug`, unique within a file: a unique source per file makes them unique overall.
  // Two files named alike in different folders: the later one's source gets the first free suffix.
  const sources = new UniqueIds();
  const articles: Article[] = [];
  for (const parsed of files) {
    for (const p of parsed.problems) problems.push(p);
    const unique = sources.take(parsed.source);
    for (const a of parsed.articles) articles.push(unique === parsed.source ? a : { ...a, id: unique + a.id.slice(parsed.source.length) });
  }
  return { articles: applyCategories(articles, categoryRules), aliases: AliasTable.merge(aliasTables), checklists: [...checklists.values()], problems, files };
}

const WHAT_IS_LOST = { articles: 'then.articles-lost', aliases: 'then.aliases-lost', checklists: 'then.checklists-lost', categories: 'then.categories-lost', other: 'then.file-lost' } as const;

/** The problem, saying what became of its file: `… (still using the last version that loaded)`. */
function withConsequence(problem: KbProblem, consequence: KbMessageKey): KbProblem {
  return { ...problem, message: `${problem.message} (${englishMessage({ key: consequence })})`, consequence: { key: consequence } };
}

/**
 * A file that fails, for whatever reason, fails alone: an unexpected error (a bug, or a limit of
 * the engine such as a stack overflow) is reported against the file rather than thrown.
 */
function asProblem(e: unknown, file: string): KbProblem {
  if (e instanceof KbError) return e.problem;
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { severity: 'error', code: 'kb.file.internal', ...problemText('file.internal', { what }), file, line: 0 };
}
