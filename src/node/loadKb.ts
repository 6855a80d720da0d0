import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { assembleKb, type AssembledKb } from '../core/kb/assemble';
import { kbFileKind } from '../core/kb/kbFolder';
import { decodeKbBytes, folderTooDeep, MAX_KB_DEPTH, notARegularFile, readFailure, tooLarge, type KbReadResult } from '../core/kb/read';

/** The KB shipped with the extension and the CLI: `kb/` beside `dist/`. */
export const BUNDLED_KB_DIR = path.resolve(__dirname, '..', 'kb');

/**
 * Reads KB files from folders (their `*.md`, `aliases.json` and `checklists.json`, recursively,
 * sorted, symbolic links followed but never in a loop) and files, and assembles them. A file or
 * path that cannot be read is a problem naming it; the others load.
 */
export async function loadKbFromPaths(paths: readonly string[]): Promise<AssembledKb> {
  return assembleKb(await readKbInputs(paths));
}

/**
 * The KB files under `paths`, read one at a time in order (the saved index needs their text to hash
 * it before assembling); `read` may stand in for `readKbFile` (the saved index skips unchanged files).
 */
export async function readKbInputs(paths: readonly string[], read: (file: string) => Promise<KbReadResult> = readKbFile): Promise<KbReadResult[]> {
  const inputs: KbReadResult[] = [];
  for (const p of paths) {
    const listed = await listKbFiles(p);
    for (const entry of listed) inputs.push(typeof entry === 'string' ? await read(entry) : entry);
  }
  return inputs;
}

/** One KB file: its size checked before it is read, its bytes decoded as UTF-8 (bad bytes reported). */
export async function readKbFile(file: string): Promise<KbReadResult> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return stat.isDirectory() ? readFailure(file, { code: 'EISDIR' }) : notARegularFile(file);
    const refused = tooLarge(file, stat.size);
    if (refused) return refused;
    return decodeKbBytes(file, await fs.readFile(file));
  } catch (e) {
    return readFailure(file, e);
  }
}

/** The KB files under `p` (or `p` itself), or a problem saying why `p` cannot be used. */
export async function listKbFiles(p: string): Promise<(string | KbReadResult)[]> {
  let stat;
  try {
    stat = await fs.stat(p);
  } catch (e) {
    return [readFailure(p, e)];
  }
  if (!stat.isDirectory()) return [p];
  const out: (string | KbReadResult)[] = [];
  const visited = new Set<string>();
  const walk = async (dir: string, depth: number): Promise<void> => {
    let real: string;
    let entries;
    try {
      real = await fs.realpath(dir);
      if (visited.has(real)) return; // a symbolic link back into a folder already walked
      visited.add(real);
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      out.push(readFailure(dir, e));
      return;
    }
    for (const e of entries) {
      const child = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const target = await fs.stat(child);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (err) {
          // A dangling or looping link that looks like a KB file is worth a word; others are not KB's business.
          if (kbFileKind(e.name) !== 'other') out.push(readFailure(child, err));
          continue;
        }
      }
      if (isDir) {
        if (depth < MAX_KB_DEPTH) await walk(child, depth + 1);
        else out.push(folderTooDeep(child, MAX_KB_DEPTH));
      } else if (kbFileKind(e.name) !== 'other') out.push(isFile ? child : notARegularFile(child));
    }
  };
  await walk(p, 0);
  const name = (x: string | KbReadResult) => (typeof x === 'string' ? x : x.file);
  return out.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}
