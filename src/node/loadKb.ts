import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { assembleKb, type AssembledKb } from '../core/kb/assemble';
import { walkKbFolder, type KbEntryKind, type KbFolderFs } from '../core/kb/kbFolder';
import { decodeKbBytes, notARegularFile, readFailure, tooLarge, type KbReadResult } from '../core/kb/read';

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

/** Node's file system as a KB folder walk uses it: a symbolic link is stat'ed for what it points at. */
const NODE_FS: KbFolderFs<string> = {
  realKey: (dir) => fs.realpath(dir),
  readDir: async (dir) => {
    const out: [string, KbEntryKind][] = [];
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      let kind: KbEntryKind = e.isDirectory() ? 'folder' : e.isFile() ? 'file' : 'other';
      if (e.isSymbolicLink()) {
        try {
          const target = await fs.stat(path.join(dir, e.name));
          kind = target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
        } catch (err) {
          kind = { broken: err };
        }
      }
      out.push([e.name, kind]);
    }
    return out;
  },
  join: (dir, name) => path.join(dir, name),
  show: (p) => p,
};

/** The KB files under `p` (or `p` itself), or a problem saying why `p` cannot be used. */
export async function listKbFiles(p: string): Promise<(string | KbReadResult)[]> {
  let stat;
  try {
    stat = await fs.stat(p);
  } catch (e) {
    return [readFailure(p, e)];
  }
  if (!stat.isDirectory()) return [p];
  return walkKbFolder(NODE_FS, p);
}
