import { MAX_KB_FILE_BYTES, tooLargeText, type KbFileInput } from './parse';
import { englishMessage, problemText, type KbMessageKey, type KbText } from './problemMessages';
import { KbError, type KbProblem } from './types';

/**
 * Turning bytes on disk into KB input, the same way for the CLI and the extension: size checked
 * before reading, invalid UTF-8 and read errors reported with the file (and line) and what to do.
 */

/** A KB file that could not be read at all: it contributes a problem instead of text. */
export interface UnreadableKbFile {
  file: string;
  problem: KbProblem;
}

export type KbReadResult = KbFileInput | UnreadableKbFile;

export function isUnreadable(r: KbReadResult): r is UnreadableKbFile {
  return (r as UnreadableKbFile).problem !== undefined;
}

/** A file over the size limit, refused before it is read (a 600 MB file does not fit in a string). */
export function tooLarge(file: string, bytes: number): UnreadableKbFile | undefined {
  if (bytes <= MAX_KB_FILE_BYTES) return undefined;
  const text = tooLargeText(bytes);
  return { file, problem: { severity: 'error', code: 'kb.file.too-large', ...problemText(text.key, text.args), file, line: 0 } };
}

const PERMISSION = 'file.permission';
const NOT_FOUND = 'path.not-found';
const NOT_A_FOLDER = 'path.not-a-folder';
const IS_A_FOLDER = 'path.is-a-folder';

/** Read errors by code, as Node names them and as VS Code's file system does (FileSystemError.code). */
const READ_ERRORS: Readonly<Record<string, KbMessageKey>> = {
  EACCES: PERMISSION, EPERM: PERMISSION, NoPermissions: PERMISSION,
  ENOENT: NOT_FOUND, FileNotFound: NOT_FOUND,
  ENOTDIR: NOT_A_FOLDER, FileNotADirectory: NOT_A_FOLDER,
  EISDIR: IS_A_FOLDER, FileIsADirectory: IS_A_FOLDER,
  ELOOP: 'path.link-loop',
};

/**
 * A path that is neither a file nor a folder (a pipe, a device such as /dev/zero, a socket): reading
 * it could block or never end, so it is refused before it is opened.
 */
export function notARegularFile(file: string): UnreadableKbFile {
  return { file, problem: { severity: 'error', code: 'kb.file.unreadable', ...problemText('file.not-regular'), file, line: 0 } };
}

/** Folders deeper than this under a KB path are not walked (a KB is a few folders, not a file system). */
export const MAX_KB_DEPTH = 32;

/** A folder nested deeper than the walk goes: its files are not read, and that is said, not hidden. */
export function folderTooDeep(dir: string, maxDepth: number): UnreadableKbFile {
  return { file: dir, problem: { severity: 'warning', code: 'kb.folder.too-deep', ...problemText('folder.too-deep', { max: maxDepth }), file: dir, line: 0 } };
}

/** Why a file or folder could not be read, in words for the person who maintains the KB. */
export function readFailure(file: string, error: unknown): UnreadableKbFile {
  const code = (error as { code?: unknown })?.code;
  const known = typeof code === 'string' && Object.hasOwn(READ_ERRORS, code) ? READ_ERRORS[code] : undefined;
  const text = known ? problemText(known) : problemText('file.unreadable', { why: error instanceof Error ? error.message : String(error) });
  return { file, problem: { severity: 'error', code: 'kb.file.unreadable', ...text, file, line: 0 } };
}

/**
 * Decodes a KB file's bytes as UTF-8. Bytes that are not UTF-8 are shown as `�` (the file still
 * loads) and reported once, with the line of the first one.
 */
export function decodeKbBytes(file: string, bytes: Uint8Array): KbFileInput {
  const text = new TextDecoder('utf-8').decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { file, text, bytes: bytes.length };
  let line = 1;
  for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
  const problem: KbProblem = {
    severity: 'warning',
    code: 'kb.file.encoding',
    ...problemText('file.encoding'),
    file,
    line,
  };
  return { file, text, bytes: bytes.length, problems: [problem] };
}

/** Offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Parses a KB JSON file (aliases, checklists): a UTF-8 BOM is accepted, as in the markdown files;
 * a syntax error is reported with its line and column.
 * @throws KbError with `code` naming the file, line and column.
 */
export function parseKbJson(text: string, file: string, code: string, what: 'json.aliases' | 'json.checklists'): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    // JSON.parse does not always say where ("Unexpected token '}'"): find the place, on the error path only.
    const found = jsonSyntaxError(body);
    const offset = (found?.offset ?? 0) + (text.length - body.length);
    const { line, column } = lineAndColumn(text, offset);
    throw new KbError({ severity: 'error', code, ...problemText(what, { line, column, why: found?.why ?? (e as Error).message }), file, line });
  }
}

/**
 * Where strict JSON first goes wrong, and why, in one pass with an explicit stack (no recursion:
 * deeply nested input must not overflow). Only called after JSON.parse failed.
 */
export function jsonSyntaxError(s: string): { offset: number; reason: string; why: KbText } | undefined {
  let i = 0;
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const err = (why: KbMessageKey | KbText) => {
    const text = typeof why === 'string' ? { key: why } : why;
    return { offset: Math.min(i, s.length), reason: englishMessage(text), why: text };
  };
  const string = (): KbMessageKey | undefined => {
    i++; // opening quote
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return 'json.control-in-string';
      if (c === 0x5c) {
        const n = s[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return 'json.bad-u-escape';
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else return 'json.bad-escape';
      } else i++;
    }
    return 'json.string-unclosed';
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  // What may come next: a value, or, inside a container, a comma or its end.
  const stack: ('{' | '[')[] = [];
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    ws();
    if (expect === 'value' || expect === 'key') {
      if (i >= s.length) return err('json.ends-early');
      const c = s[i]!;
      if (expect === 'key') {
        if (c !== '"') return err('json.key-expected');
        const bad = string();
        if (bad) return err(bad);
        ws();
        if (s[i] !== ':') return err('json.colon-missing');
        i++;
        expect = 'value';
        continue;
      }
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        ws();
        if (s[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          expect = 'after';
        } else expect = c === '{' ? 'key' : 'value';
        continue;
      }
      if (c === '"') {
        const bad = string();
        if (bad) return err(bad);
      } else if (s.startsWith('true', i)) i += 4;
      else if (s.startsWith('false', i)) i += 5;
      else if (s.startsWith('null', i)) i += 4;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(s)) return err(c === ']' || c === '}' ? 'json.value-missing' : 'json.not-json');
        i = NUMBER.lastIndex;
      }
      expect = 'after';
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) return i < s.length ? err('json.text-after-end') : undefined;
    const c = s[i];
    if (c === ',') {
      i++;
      expect = top === '{' ? 'key' : 'value';
    } else if (c === (top === '{' ? '}' : ']')) {
      stack.pop();
      i++;
    } else if (c === undefined) return err({ key: 'json.close-missing', args: { bracket: top === '{' ? '}' : ']' } });
    else return err('json.comma-missing');
  }
}

/** 1-based line and column of `offset`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
