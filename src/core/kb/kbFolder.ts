import { CATEGORIES_FILE } from './categories';
import { folderTooDeep, MAX_KB_DEPTH, notARegularFile, readFailure, type KbReadResult } from './read';

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

/** What a folder entry is, a symbolic link taken as its target; `broken`: a link to nothing (or a loop), with why. */
export type KbEntryKind = 'folder' | 'file' | 'other' | { broken: unknown };

/**
 * The file-system calls a KB folder walk makes, over paths of type `P`: Node's `fs` (CLI, index
 * worker) and VS Code's `workspace.fs` (the extension) each implement it.
 */
export interface KbFolderFs<P> {
  /** Where the folder really is, links resolved: a folder is walked once, however many links lead to it. */
  realKey(dir: P): Promise<string>;
  /** The folder's entries by name, each with what it is. */
  readDir(dir: P): Promise<readonly (readonly [name: string, kind: KbEntryKind])[]>;
  join(dir: P, name: string): P;
  /** The path as problems name it; the listing is sorted by it. */
  show(path: P): string;
}

/**
 * The KB files under the folder `root` (their `*.md`, `aliases.json`, `checklists.json` and
 * `categories.json`, recursively, sorted by `show`), symbolic links followed but every folder walked
 * once. What cannot be used is a problem in its place in the listing: a folder that cannot be read,
 * one nested deeper than `maxDepth`, a KB-named entry that is a broken link or not a regular file.
 */
export async function walkKbFolder<P>(fs: KbFolderFs<P>, root: P, maxDepth = MAX_KB_DEPTH): Promise<(P | KbReadResult)[]> {
  const out: [key: string, entry: P | KbReadResult][] = [];
  const problem = (p: KbReadResult) => out.push([p.file, p]);
  const visited = new Set<string>();
  const walk = async (dir: P, depth: number): Promise<void> => {
    let entries;
    try {
      const key = await fs.realKey(dir);
      if (visited.has(key)) return; // a symbolic link back into a folder already walked
      visited.add(key);
      entries = await fs.readDir(dir);
    } catch (e) {
      problem(readFailure(fs.show(dir), e));
      return;
    }
    for (const [name, kind] of entries) {
      const child = fs.join(dir, name);
      if (kind === 'folder') {
        if (depth < maxDepth) await walk(child, depth + 1);
        else problem(folderTooDeep(fs.show(child), maxDepth));
      } else if (kbFileKind(name) === 'other') continue; // not KB's business, whatever it is
      else if (kind === 'file') out.push([fs.show(child), child]);
      else if (kind === 'other') problem(notARegularFile(fs.show(child)));
      else problem(readFailure(fs.show(child), kind.broken));
    }
  };
  await walk(root, 0);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}
