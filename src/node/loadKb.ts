import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { assembleKb, type AssembledKb } from '../core/kb/assemble';
import { kbFileKind } from '../core/kb/kbFolder';
import type { KbFileInput } from '../core/kb/parse';

/** The KB shipped with the extension and the CLI: `kb/` beside `dist/`. */
export const BUNDLED_KB_DIR = path.resolve(__dirname, '..', 'kb');


/** Reads KB files from folders (their `*.md` and `aliases.json`, recursively, sorted) and files, and assembles them. */
export async function loadKbFromPaths(paths: readonly string[]): Promise<AssembledKb> {
  const inputs: KbFileInput[] = [];
  for (const p of paths) {
    for (const file of await listKbFiles(p)) inputs.push({ file, text: await fs.readFile(file, 'utf8') });
  }
  return assembleKb(inputs);
}

export async function listKbFiles(p: string): Promise<string[]> {
  let stat;
  try {
    stat = await fs.stat(p);
  } catch {
    throw new Error(`support-kb: KB path not found: ${p}`);
  }
  if (stat.isFile()) return [p];
  const entries = await fs.readdir(p, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && kbFileKind(e.name) !== 'other')
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}
