import { nodeCrypto } from './lazyBuiltin';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseGapLine, type GapEntry } from '../core/gaps/gaps';

/** A log file may grow to this size; then it becomes `….1.jsonl` (replacing the older one). */
export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024;

/** The log file of this machine: its id hashed, so a shared folder does not collect machine ids. */
export function gapLogName(machineId: string): string {
  return `gaps-${nodeCrypto().createHash('sha256').update(machineId).digest('hex').slice(0, 12)}.jsonl`;
}

/**
 * Appends search-gap entries as JSON lines to one file, one write at a time, rotating it when it
 * would pass `maxBytes`: at most two files (current and previous) per machine, so the log's size
 * is capped at twice the limit. Entries must be redacted before they get here.
 */
export class GapLogWriter {
  private queue: Promise<void> = Promise.resolve();
  private size: number | undefined;

  constructor(readonly file: string, private readonly maxBytes = DEFAULT_MAX_LOG_BYTES, private readonly onError: (e: unknown) => void = () => undefined) {}

  append(entry: GapEntry): Promise<void> {
    const line = JSON.stringify(entry) + '\n';
    this.queue = this.queue.then(() => this.write(line)).catch((e) => {
      this.size = undefined;
      this.onError(e);
    });
    return this.queue;
  }

  /** Resolves when everything appended so far is on disk. */
  flushed(): Promise<void> {
    return this.queue;
  }

  private async write(line: string): Promise<void> {
    const bytes = Buffer.byteLength(line);
    if (this.size === undefined) {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      this.size = await fs.stat(this.file).then((s) => s.size, () => 0);
    }
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      await fs.rename(this.file, rotatedName(this.file));
      this.size = 0;
    }
    await fs.appendFile(this.file, line, 'utf8');
    this.size += bytes;
  }
}

export function rotatedName(file: string): string {
  return file.replace(/\.jsonl$/, '') + '.1.jsonl';
}

export interface GapFolderRead {
  entries: GapEntry[];
  files: string[];
  /** Lines that were not entries, named by file and line; they are skipped, never fatal. */
  problems: string[];
}

/** Reads every `*.jsonl` log in a folder (every machine's, current and rotated). */
export async function readGapFolder(folder: string): Promise<GapFolderRead> {
  let names: string[];
  try {
    names = (await fs.readdir(folder)).filter((n) => n.endsWith('.jsonl')).sort();
  } catch (e) {
    throw new Error(`support-kb: cannot read the search-gap folder ${folder}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const out: GapFolderRead = { entries: [], files: [], problems: [] };
  for (const name of names) {
    const file = path.join(folder, name);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      out.problems.push(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    out.files.push(file);
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const e = parseGapLine(line);
      if (typeof e === 'string') out.problems.push(`${file}:${i + 1}: ${e}; line skipped`);
      else out.entries.push(e);
    });
  }
  return out;
}
