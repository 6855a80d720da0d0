import { parseKbJson } from '../kb/read';
import { problemText, type KbMessageArgs, type KbMessageKey } from '../kb/problemMessages';
import { KbError } from '../kb/types';
import { fold } from '../text/normalize';
import { isStopWord, queryStems, tokenize, type Token } from './analyze';

/**
 * Equivalent names agents use for the same thing (`ЛК` ⇄ `личный кабинет`, `Киа Коннект` ⇄
 * `Kia Connect`). KB maintainers edit them in `kb/aliases.json` (schema: `kb/aliases.schema.json`).
 */
export interface AliasFile {
  groups: { terms: string[]; caseSensitive?: string[]; note?: string }[];
}

interface Phrase {
  /** Stem alternatives of each word, stop words included (to recognise the phrase in a query). */
  words: string[][];
  /** The same without stop words: what the index holds (`свидетельство о регистрации` → 2 words). */
  indexed: string[][];
  /** Original spelling, when inside a longer query it only counts typed exactly so (`ТО` is maintenance, `то` is "that"). */
  exact?: string;
}

export interface AliasMatch {
  /** Index of the first and one past the last query token the alias covers. */
  from: number;
  to: number;
  /** Every phrase of the group, each as stem alternatives per indexed word. */
  phrases: string[][][];
  /** Which of `phrases` is the one typed. */
  typed: number;
}

export class AliasTable {
  private readonly groups: Phrase[][];
  /** Phrases by a stem of their first word, so a query looks up only the phrases it can start. */
  private byFirstStem: Map<string, { phrase: Phrase; group: Phrase[] }[]> | undefined;

  constructor(file: AliasFile = { groups: [] }) {
    this.groups = file.groups.map((g) =>
      g.terms.map((term) => {
        const tokens = tokenize(term);
        const phrase: Phrase = {
          words: tokens.map((t) => queryStems(t.text)),
          indexed: tokens.filter((t) => !isStopWord(t.text)).map((t) => queryStems(t.text)),
        };
        if (g.caseSensitive?.includes(term)) phrase.exact = term;
        return phrase;
      }).filter((p) => p.words.length > 0),
    );
  }

  private phrasesStartingWith(stem: string): { phrase: Phrase; group: Phrase[] }[] {
    if (!this.byFirstStem) {
      this.byFirstStem = new Map();
      for (const group of this.groups) {
        for (const phrase of group) {
          for (const s of phrase.words[0]!) {
            let list = this.byFirstStem.get(s);
            if (!list) this.byFirstStem.set(s, (list = []));
            list.push({ phrase, group });
          }
        }
      }
    }
    return this.byFirstStem.get(stem) ?? [];
  }

  get size(): number {
    return this.groups.length;
  }

  /** Merges several tables (the bundled one and those of `supportKb.kbPaths` folders). */
  static merge(tables: readonly AliasTable[]): AliasTable {
    const merged = new AliasTable();
    for (const t of tables) for (const g of t.groups) merged.groups.push(g); // no push(...spread): it overflows the stack on large tables
    return merged;
  }

  /**
   * Alias phrases found in the query, longest first and left to right, not overlapping.
   * `tokens` are the query's words; `raw` the query as typed (for case-sensitive phrases).
   */
  find(tokens: readonly Token[], raw: string): AliasMatch[] {
    const stems = tokens.map((t) => queryStems(t.text));
    const candidates: (AliasMatch & { len: number })[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const starting = new Set(stems[i]!.flatMap((s) => this.phrasesStartingWith(s)));
      for (const { phrase, group } of starting) {
        const n = phrase.words.length;
        if (i + n > tokens.length) continue;
        const same = phrase.words.every((alts, k) => alts.some((s) => stems[i + k]!.includes(s)));
        if (!same) continue;
        // A case-sensitive alias (`ТО`, also the stop word "то") counts in any case when it is the whole
        // query (`то` alone asks about nothing else); inside a longer query only as written.
        if (phrase.exact && tokens.length > n && raw.slice(tokens[i]!.start, tokens[i + n - 1]!.end) !== phrase.exact) continue;
        const indexed = group.filter((p) => p.indexed.length > 0);
        candidates.push({ from: i, to: i + n, len: n, phrases: indexed.map((p) => p.indexed), typed: indexed.indexOf(phrase) });
      }
    }
    candidates.sort((a, b) => b.len - a.len || a.from - b.from);
    const taken: AliasMatch[] = [];
    for (const c of candidates) {
      if (taken.some((t) => c.from < t.to && t.from < c.to)) continue;
      taken.push({ from: c.from, to: c.to, phrases: c.phrases, typed: c.typed });
    }
    return taken.sort((a, b) => a.from - b.from);
  }
}

/**
 * Reads an aliases file, checking it the way its JSON schema does, with messages for the person
 * editing it.
 * @throws KbError naming the file.
 */
export function parseAliases(text: string, file: string): AliasTable {
  const data = parseKbJson(text, file, 'kb.aliases.json', 'json.aliases');
  const fail = (key: KbMessageKey, args?: KbMessageArgs): never => {
    throw new KbError({ severity: 'error', code: 'kb.aliases.shape', ...problemText(key, args), file, line: 0 });
  };
  if (typeof data !== 'object' || data === null || !Array.isArray((data as AliasFile).groups)) fail('aliases.not-object');
  const groups = (data as AliasFile).groups;
  groups.forEach((g, i) => {
    if (typeof g !== 'object' || g === null || !Array.isArray(g.terms) || g.terms.length < 2) fail('aliases.terms', { group: i });
    g.terms.forEach((t, k) => {
      if (typeof t !== 'string' || !fold(t).trim()) fail('aliases.term', { group: i, term: k });
    });
    if (g.note !== undefined && typeof g.note !== 'string') fail('aliases.note', { group: i });
    if (g.caseSensitive !== undefined && (!Array.isArray(g.caseSensitive) || g.caseSensitive.some((c) => !g.terms.includes(c)))) {
      fail('aliases.case-sensitive', { group: i });
    }
  });
  return new AliasTable(data as AliasFile);
}
