import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as zlib from 'node:zlib';
import * as path from 'node:path';
import { assembleKb, type AssembledKb } from '../core/kb/assemble';
import type { ParsedKbFile } from '../core/kb/parse';
import { isUnreadable } from '../core/kb/read';
import type { Article } from '../core/kb/types';
import { INDEX_FORMAT_VERSION, KbIndex, SNAPSHOT_ARRAYS, snapshotArrays, type IndexSnapshot, type SnapshotArrayField } from '../core/search/index';
import { nodeCrypto } from './lazyBuiltin';
import { cacheFileFor } from './cacheFile';
import { readKbFile, readKbInputs } from './loadKb';

export { cacheFileFor, defaultCacheDir } from './cacheFile';

/**
 * The saved index: one file per KB (the set of KB paths), holding the index snapshot and, per KB
 * file, its content hash and the ids of its articles. Opening a KB compares the hashes: all equal →
 * the index is loaded, not built; some changed → only those files' articles are re-indexed; the
 * file unreadable, truncated, altered (checksum) or of another format version → rebuilt, never trusted.
 */
export type CacheOutcome = 'hit' | 'partial' | 'miss' | 'corrupt' | 'stale' | 'off';

export interface CachedFile {
  file: string;
  hash: string;
  ids: string[];
}

const MAGIC = 'SKBIDX03';
/** Magic, header length, checksum of everything after them. */
const PREFIX = 16;
/** Text sections (header, parsed files, bodies) are UTF-16: decoding them is a copy, not a UTF-8 walk over megabytes of Cyrillic. */
const TEXT = 'utf16le';

/**
 * The cache file's checksum: CRC-32 (zlib's, some ten times faster than a SHA-1 over hundreds of
 * megabytes; it detects truncation and accidental damage, which is what it is for: the cache is not
 * a security boundary). A Node without `zlib.crc32` (before 20.15) uses the first 32 bits of a SHA-1;
 * a file written with the other one reads as corrupt and is rebuilt.
 */
function checksum(bytes: Uint8Array): number {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  return crc32 ? crc32(bytes) >>> 0 : nodeCrypto().createHash('sha1').update(bytes).digest().readUInt32LE(0);
}

/** Content hash of a KB file's text. */
export function contentHash(text: string): string {
  return nodeCrypto().createHash('sha1').update(text).digest('hex');
}

/** Per KB file that has articles: its hash and its articles' ids, in article order. */
export function fileKeys(articles: readonly Article[], hashes: ReadonlyMap<string, string>): CachedFile[] {
  const byFile = new Map<string, CachedFile>();
  for (const a of articles) {
    let entry = byFile.get(a.file);
    if (!entry) byFile.set(a.file, (entry = { file: a.file, hash: hashes.get(a.file) ?? '', ids: [] }));
    entry.ids.push(a.id);
  }
  return [...byFile.values()];
}

/**
 * A KB file's parse, kept with its size and modification time: a file whose size and time are
 * unchanged (and older than the cache, so not written in the same instant) is taken as unchanged
 * without being read, as git's index does.
 */
export interface CachedParse {
  file: string;
  hash: string;
  size: number;
  mtimeMs: number;
  parsed: ParsedKbFile;
}

export interface DecodedCache {
  snapshot: IndexSnapshot;
  files: CachedFile[];
  parsedFiles: CachedParse[];
  writtenAt: number;
}

interface Header {
  formatVersion: number;
  writtenAt: number;
  files: CachedFile[];
  documentCount: number;
  averageFieldLength: number[];
  indexTerms: string[];
  terms: string[];
  docIds: (string | null)[];
  /** Element counts of the typed arrays that follow the header, in `SNAPSHOT_ARRAYS` order. */
  arrayLengths: number[];
  /** Byte lengths of the parsed files (JSON, bodies left out) and of the article bodies that follow the arrays. */
  parsedBytes: number;
  bodiesBytes: number;
}

/**
 * A parsed KB file as saved: the articles' fields in a row each, their bodies apart (one run of text
 * for all the file's articles: read back as slices of one string, not as a million JSON strings).
 */
interface SavedParse extends Omit<CachedParse, 'parsed'> {
  parsed: Omit<ParsedKbFile, 'articles'> & { articles: SavedArticle[] };
}
/** id, title, lang, category, line, level, path, body length; file and source are the file's. */
type SavedArticle = [string, string, Article['lang'], string, number, number, string[], number];

const align8 = (n: number) => (n + 7) & ~7;

/**
 * The cache file's bytes: magic, header length, checksum, the header (JSON), then, 8-byte aligned, the
 * index's typed arrays, the parsed KB files and the article bodies.
 */
export function encodeCache(snapshot: IndexSnapshot, files: CachedFile[], parsedFiles: CachedParse[] = []): Buffer {
  const bodies: string[] = [];
  const saved = parsedFiles.map(({ parsed, ...rest }): SavedParse => ({
    ...rest,
    parsed: {
      ...parsed,
      articles: parsed.articles.map((a) => {
        if (a.file !== parsed.file || a.source !== parsed.source) throw new Error(`article ${a.id} is not of ${parsed.file}`);
        bodies.push(a.body);
        return [a.id, a.title, a.lang, a.category, a.line, a.level, a.path, a.body.length];
      }),
    },
  }));
  const parsedBytes = Buffer.from(JSON.stringify(saved), TEXT);
  const bodyBytes = Buffer.from(bodies.join(''), TEXT);
  const arrays = snapshotArrays(snapshot);
  const header: Header = {
    formatVersion: snapshot.formatVersion,
    writtenAt: Date.now(),
    files,
    documentCount: snapshot.documentCount,
    averageFieldLength: snapshot.averageFieldLength,
    indexTerms: snapshot.indexTerms,
    terms: snapshot.terms,
    docIds: snapshot.docIds,
    arrayLengths: arrays.map((a) => a.length),
    parsedBytes: parsedBytes.length,
    bodiesBytes: bodyBytes.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), TEXT);
  const parts: Uint8Array[] = [Buffer.alloc(PREFIX), headerBytes];
  let size = PREFIX + headerBytes.length;
  const pad = () => {
    const n = align8(size) - size;
    if (n) parts.push(Buffer.alloc(n));
    size += n;
  };
  pad();
  for (const a of arrays) {
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    size += a.byteLength;
    pad();
  }
  parts.push(parsedBytes, bodyBytes);
  const out = Buffer.concat(parts);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 8);
  out.writeUInt32LE(checksum(out.subarray(PREFIX)), 12);
  return out;
}

export class CorruptCacheError extends Error {}
/** A cache file of another layout (an older or newer version of the extension wrote it). */
export class StaleCacheError extends CorruptCacheError {}

/** Reads a cache file's bytes back; throws CorruptCacheError for anything that does not check out. */
export function decodeCache(bytes: Buffer): DecodedCache {
  const fail = (why: string): never => {
    throw new CorruptCacheError(why);
  };
  if (bytes.length < PREFIX || bytes.toString('latin1', 0, 8) !== MAGIC) {
    if (bytes.toString('latin1', 0, 6) === MAGIC.slice(0, 6)) throw new StaleCacheError(`cache layout ${bytes.toString('latin1', 6, 8)}, current ${MAGIC.slice(6)}`);
    fail('not an index cache file');
  }
  const headerLength = bytes.readUInt32LE(8);
  if (PREFIX + headerLength > bytes.length) fail('truncated header');
  if (checksum(bytes.subarray(PREFIX)) !== bytes.readUInt32LE(12)) fail('checksum mismatch (truncated or altered)');
  let header: Header;
  try {
    header = JSON.parse(bytes.toString(TEXT, PREFIX, PREFIX + headerLength)) as Header;
  } catch {
    return fail('unreadable header');
  }
  // The typed arrays, in SNAPSHOT_ARRAYS order: one copy of their bytes (so the file's buffer is not kept), viewed in place.
  const lengths = SNAPSHOT_ARRAYS.map((_, i) => header.arrayLengths?.[i] ?? 0);
  const start = align8(PREFIX + headerLength);
  const arraysEnd = start + SNAPSHOT_ARRAYS.reduce((sum, { type }, i) => sum + align8(lengths[i]! * type.BYTES_PER_ELEMENT), 0);
  if (arraysEnd + header.parsedBytes + header.bodiesBytes !== bytes.length) fail('length mismatch (truncated)');
  const region = (bytes.buffer as ArrayBuffer).slice(bytes.byteOffset + start, bytes.byteOffset + arraysEnd);
  const arrays: Partial<Record<SnapshotArrayField, Uint32Array | Float64Array>> = {};
  let at = 0;
  SNAPSHOT_ARRAYS.forEach(({ field, type }, i) => {
    arrays[field] = new type(region, at, lengths[i]!);
    at += align8(lengths[i]! * type.BYTES_PER_ELEMENT);
  });
  const snapshot = {
    formatVersion: header.formatVersion,
    documentCount: header.documentCount,
    averageFieldLength: header.averageFieldLength,
    indexTerms: header.indexTerms,
    terms: header.terms,
    docIds: header.docIds,
    ...arrays,
  } as IndexSnapshot;
  let parsedFiles: CachedParse[];
  try {
    const saved = JSON.parse(bytes.toString(TEXT, arraysEnd, arraysEnd + header.parsedBytes)) as SavedParse[];
    const bodies = bytes.toString(TEXT, arraysEnd + header.parsedBytes);
    let pos = 0;
    parsedFiles = saved.map(({ parsed, ...rest }) => {
      const { file, source } = parsed;
      const articles = parsed.articles.map(([id, title, lang, category, line, level, path, length]): Article => {
        const body = bodies.slice(pos, (pos += length));
        return { id, title, body, lang, category, source, file, line, level, path };
      });
      return { ...rest, parsed: { ...parsed, articles } };
    });
    if (pos !== bodies.length) fail('article bodies do not match');
  } catch (e) {
    if (e instanceof CorruptCacheError) throw e;
    return fail('unreadable parsed files');
  }
  return { files: header.files, parsedFiles, writtenAt: header.writtenAt, snapshot };
}

/** Writes the cache atomically (a temporary file renamed over it): a crash never leaves half a file. */
export function writeCache(cacheFile: string, snapshot: IndexSnapshot, files: CachedFile[], parsedFiles: CachedParse[] = []): void {
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, encodeCache(snapshot, files, parsedFiles));
    renameSync(tmp, cacheFile);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export interface SnapshotResult {
  snapshot: IndexSnapshot;
  outcome: CacheOutcome;
  /** The index, when it had to be built or updated here (a hit only decodes the snapshot). */
  index?: KbIndex;
  /** Why the cache was not used as it was, for the log. */
  detail?: string;
}

/**
 * The index snapshot of `articles`: from the cache when it matches the files' hashes, updated for
 * the files that changed, or built. Writes the cache back when it changed. Synchronous: runs in the
 * index worker (extension) or the CLI.
 */
export function loadOrBuildSnapshot(
  articles: readonly Article[],
  hashes: ReadonlyMap<string, string>,
  cacheFile: string | undefined,
  onProgress?: (done: number, total: number) => void,
  options: { read?: CacheRead; parsedFiles?: CachedParse[] } = {},
): SnapshotResult {
  const files = fileKeys(articles, hashes);
  const parsedFiles = options.parsedFiles ?? [];
  const build = (outcome: CacheOutcome, detail?: string): SnapshotResult => {
    const index = new KbIndex(articles, undefined, onProgress ? { onProgress } : {});
    const snapshot = index.toSnapshot();
    if (cacheFile) save(cacheFile, snapshot, files, parsedFiles);
    return { snapshot, outcome, index, ...(detail ? { detail } : {}) };
  };
  if (!cacheFile) return build('off');
  const read = options.read ?? readCache(cacheFile);
  if (!read.cached) return build(read.outcome, read.detail);
  const cached = read.cached;
  if (cached.snapshot.formatVersion !== INDEX_FORMAT_VERSION) return build('stale', `format ${cached.snapshot.formatVersion}, current ${INDEX_FORMAT_VERSION}`);

  const { before, changed, gone } = compareFiles(cached.files, files);
  if (!changed.length && !gone.length) {
    // Same content; refresh the saved sizes and times if files were touched without changing.
    const stamp = (ps: CachedParse[]) => ps.map((p) => `${p.file}\u0000${p.size}\u0000${p.mtimeMs}\u0000${p.hash}`).join('\n');
    if (options.parsedFiles && stamp(parsedFiles) !== stamp(cached.parsedFiles)) save(cacheFile, cached.snapshot, files, parsedFiles);
    return { snapshot: cached.snapshot, outcome: 'hit' };
  }
  // Re-index only what changed: the old articles of changed and removed files out, their new ones in.
  if (changed.length + gone.length > Math.max(1, files.length / 2)) return build('stale', 'most files changed');
  try {
    const removed = [...changed.flatMap((f) => before.get(f.file)?.ids ?? []), ...gone.flatMap((f) => f.ids)];
    const changedFiles = new Set(changed.map((f) => f.file));
    const added = articles.filter((a) => changedFiles.has(a.file));
    // Only the snapshot is updated: its term tree is filled once, by whoever opens it (the CLI here,
    // the extension host after the worker), from the clean snapshot (no postings of removed articles left).
    const snapshot = KbIndex.updateSnapshot(cached.snapshot, removed, added);
    save(cacheFile, snapshot, files, parsedFiles);
    return { snapshot, outcome: 'partial', detail: `${changed.length + gone.length} of ${files.length} files re-indexed` };
  } catch (e) {
    return build('corrupt', (e as Error).message);
  }
}

/** Which KB files changed (content or articles) or went away since the cache was written. */
function compareFiles(cachedFiles: readonly CachedFile[], files: readonly CachedFile[]) {
  const before = new Map(cachedFiles.map((f) => [f.file, f]));
  const same = (a: CachedFile, b: CachedFile | undefined) => !!b && a.hash === b.hash && a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i]);
  const changed = files.filter((f) => !same(f, before.get(f.file)));
  const now = new Set(files.map((f) => f.file));
  const gone = cachedFiles.filter((f) => !now.has(f.file));
  return { before, changed, gone };
}

/** Can the cache be used as it is for these files (same format, same contents, same articles). */
export function isCurrent(cached: DecodedCache, files: readonly CachedFile[]): boolean {
  if (cached.snapshot.formatVersion !== INDEX_FORMAT_VERSION) return false;
  const { changed, gone } = compareFiles(cached.files, files);
  return !changed.length && !gone.length;
}

export interface CacheRead {
  outcome: CacheOutcome;
  cached?: DecodedCache;
  detail?: string;
}

/** The cache file, decoded; `miss` when there is none, `corrupt` when it does not check out. */
export function readCache(cacheFile: string): CacheRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return { outcome: 'miss' };
  }
  try {
    return { outcome: 'hit', cached: decodeCache(bytes) };
  } catch (e) {
    return { outcome: e instanceof StaleCacheError ? 'stale' : 'corrupt', detail: (e as Error).message };
  }
}

function save(cacheFile: string, snapshot: IndexSnapshot, files: CachedFile[], parsedFiles: CachedParse[]): void {
  try {
    writeCache(cacheFile, snapshot, files, parsedFiles);
  } catch {
    // A cache that cannot be written (read-only home, full disk) costs the next start time, nothing else.
  }
}

export interface OpenedIndex {
  kb: AssembledKb;
  index: KbIndex;
  cache: CacheOutcome;
  detail?: string;
}

/**
 * The CLI's (and the benchmark's) way in: reads the KB paths, assembles them, and opens the index
 * through the cache in `cacheDir` (none: always built).
 */
export async function openIndex(paths: readonly string[], options: { cacheDir?: string; onProgress?: (done: number, total: number) => void } = {}): Promise<OpenedIndex> {
  const cacheFile = options.cacheDir ? cacheFileFor(options.cacheDir, paths.map((p) => path.resolve(p))) : undefined;
  const read = cacheFile ? readCache(cacheFile) : undefined;
  const before = new Map((read?.cached?.parsedFiles ?? []).map((p) => [p.file, p]));
  // Only files older than the cache by a second can be judged by size and time (a file saved in the
  // same instant as the cache might have changed without its time showing it).
  const trustedBefore = (read?.cached?.writtenAt ?? 0) - 1000;
  const unchanged = new Map<string, ParsedKbFile>();
  const hashes = new Map<string, string>();
  const stats = new Map<string, { size: number; mtimeMs: number }>();
  const inputs = await readKbInputs(paths, async (file) => {
    const stat = await fs.stat(file).catch(() => undefined);
    const previous = before.get(file);
    if (stat) stats.set(file, { size: stat.size, mtimeMs: stat.mtimeMs });
    if (stat && previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs && stat.mtimeMs < trustedBefore) {
      unchanged.set(file, previous.parsed);
      hashes.set(file, previous.hash);
      return { file, text: '' };
    }
    const input = await readKbFile(file);
    if (!isUnreadable(input)) hashes.set(file, contentHash(input.text));
    return input;
  });
  const kb = assembleKb(inputs, undefined, unchanged);
  const parsedFiles = kb.files.flatMap((f): CachedParse[] => {
    const hash = hashes.get(f.file);
    const stat = stats.get(f.file);
    return hash && stat ? [{ file: f.file, hash, ...stat, parsed: f }] : [];
  });
  const result = loadOrBuildSnapshot(kb.articles, hashes, cacheFile, options.onProgress, { ...(read ? { read } : {}), parsedFiles });
  const index = result.index
    ? result.index.withAliases(kb.aliases)
    : KbIndex.fromSnapshot(result.snapshot, kb.articles, kb.aliases) ?? new KbIndex(kb.articles, kb.aliases);
  return { kb, index, cache: result.outcome, ...(result.detail ? { detail: result.detail } : {}) };
}

/** Removes a cache file (for `--no-cache` runs that must not leave one, and for tests). */
export async function removeCache(cacheFile: string): Promise<void> {
  await fs.rm(cacheFile, { force: true });
}
