import { parseChecklists } from '../checklist/parse';
import type { Checklist } from '../checklist/types';
import { AliasTable, parseAliases } from '../search/aliases';
import { applyCategories, parseCategories, type CategoryRules } from './categories';
import { kbFileKind } from './kbFolder';
import { fileName, parseKbFile, type KbFileInput, type ParsedKbFile } from './parse';
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
 */
export function assembleKb(inputs: readonly KbFileInput[], lastGood?: ReadonlyMap<string, ParsedKbFile>): AssembledKb {
  const problems: KbProblem[] = [];
  const files: ParsedKbFile[] = [];
  const aliasTables: AliasTable[] = [];
  const checklists = new Map<string, Checklist>();
  const categoryRules: CategoryRules[] = [];
  for (const input of inputs) {
    const kind = kbFileKind(fileName(input.file));
    if (kind === 'categories') {
      try {
        categoryRules.push(parseCategories(input.text, input.file));
      } catch (e) {
        if (!(e instanceof KbError)) throw e;
        problems.push({ ...e.problem, message: `${e.problem.message} (categories from this file are not used)` });
      }
      continue;
    }
    if (kind === 'checklists') {
      try {
        for (const c of parseChecklists(input.text, input.file)) checklists.set(c.id, c);
      } catch (e) {
        if (!(e instanceof KbError)) throw e;
        problems.push({ ...e.problem, message: `${e.problem.message} (checklists from this file are not used)` });
      }
      continue;
    }
    if (kind === 'aliases') {
      try {
        aliasTables.push(parseAliases(input.text, input.file));
      } catch (e) {
        if (!(e instanceof KbError)) throw e;
        problems.push({ ...e.problem, message: `${e.problem.message} (aliases from this file are not used)` });
      }
      continue;
    }
    try {
      files.push(parseKbFile(input));
    } catch (e) {
      if (!(e instanceof KbError)) throw e;
      const previous = lastGood?.get(input.file);
      problems.push({
        ...e.problem,
        message: previous ? `${e.problem.message} (still using the last version that loaded)` : e.problem.message,
      });
      if (previous) files.push(previous);
    }
  }

  const seenSources = new Map<string, number>();
  const articles: Article[] = [];
  for (const parsed of files) {
    problems.push(...parsed.problems);
    const n = (seenSources.get(parsed.source) ?? 0) + 1;
    seenSources.set(parsed.source, n);
    // Two files named alike in different folders: the later one's ids get a suffix so ids stay unique.
    const rename = n === 1 ? undefined : `${parsed.source}-${n}`;
    for (const a of parsed.articles) {
      articles.push(rename ? { ...a, id: rename + a.id.slice(parsed.source.length) } : a);
    }
  }
  return { articles: applyCategories(articles, categoryRules), aliases: AliasTable.merge(aliasTables), checklists: [...checklists.values()], problems, files };
}

