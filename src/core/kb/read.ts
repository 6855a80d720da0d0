import { MAX_KB_FILE_BYTES, tooLargeMessage, type KbFileInput } from './parse';
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
  return { file, problem: { severity: 'error', code: 'kb.file.too-large', message: tooLargeMessage(bytes), file, line: 0 } };
}

const PERMISSION = 'permission denied; make the file readable for your user or remove it from the KB folder';
const NOT_FOUND = 'KB path not found; check the path in supportKb.kbPaths (or --kb)';
const NOT_A_FOLDER = 'a part of this path is a file, not a folder; check the path in supportKb.kbPaths (or --kb)';
const IS_A_FOLDER = 'is a folder where a file was expected; check the path';

/** Read errors by code, as Node names them and as VS Code's file system does (FileSystemError.code). */
const READ_ERRORS: Readonly<Record<string, string>> = {
  EACCES: PERMISSION, EPERM: PERMISSION, NoPermissions: PERMISSION,
  ENOENT: NOT_FOUND, FileNotFound: NOT_FOUND,
  ENOTDIR: NOT_A_FOLDER, FileNotADirectory: NOT_A_FOLDER,
  EISDIR: IS_A_FOLDER, FileIsADirectory: IS_A_FOLDER,
  ELOOP: 'symbolic links point at each other in a loop; fix or remove the link',
};

/**
 * A path that is neither a file nor a folder (a pipe, a device such as /dev/zero, a socket): reading
 * it could block or never end, so it is refused before it is opened.
 */
export function notARegularFile(file: string): UnreadableKbFile {
  return { file, problem: { severity: 'error', code: 'kb.file.unreadable', message: 'is not a regular file (a pipe, a device or a socket); put a markdown or JSON file here', file, line: 0 } };
}

/** A folder nested deeper than the walk goes: its files are not read, and that is said, not hidden. */
export function folderTooDeep(dir: string, maxDepth: number): UnreadableKbFile {
  return { file: dir, problem: { severity: 'warning', code: 'kb.folder.too-deep', message: `folder is nested more than ${maxDepth} levels below the KB path; its files are not read — move them up`, file: dir, line: 0 } };
}

/** Why a file or folder could not be read, in words for the person who maintains the KB. */
export function readFailure(file: string, error: unknown): UnreadableKbFile {
  const code = (error as { code?: unknown })?.code;
  const known = typeof code === 'string' && Object.hasOwn(READ_ERRORS, code) ? READ_ERRORS[code] : undefined;
  const message = known ?? `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  return { file, problem: { severity: 'error', code: 'kb.file.unreadable', message, file, line: 0 } };
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
    message: 'file is not valid UTF-8 from this line on; the bad bytes show as "�" — save the file as UTF-8',
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
export function parseKbJson(text: string, file: string, code: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    // JSON.parse does not always say where ("Unexpected token '}'"): find the place, on the error path only.
    const found = jsonSyntaxError(body);
    const offset = (found?.offset ?? 0) + (text.length - body.length);
    const { line, column } = lineAndColumn(text, offset);
    throw new KbError({
      severity: 'error',
      code,
      message: `${what} is not valid JSON at line ${line}, column ${column}: ${found?.reason ?? (e as Error).message}`,
      file,
      line,
    });
  }
}

/**
 * Where strict JSON first goes wrong, and why, in one pass with an explicit stack (no recursion:
 * deeply nested input must not overflow). Only called after JSON.parse failed.
 */
export function jsonSyntaxError(s: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const err = (reason: string) => ({ offset: Math.min(i, s.length), reason });
  const string = (): string | undefined => {
    i++; // opening quote
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return 'a line break or control character inside a string (a string not closed?)';
      if (c === 0x5c) {
        const n = s[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return 'a \\u escape is not valid';
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else return 'a backslash escape is not valid';
      } else i++;
    }
    return 'a string is not closed';
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  // What may come next: a value, or, inside a container, a comma or its end.
  const stack: ('{' | '[')[] = [];
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    ws();
    if (expect === 'value' || expect === 'key') {
      if (i >= s.length) return err('the file ends where a value is expected');
      const c = s[i]!;
      if (expect === 'key') {
        if (c !== '"') return err('a property name in double quotes is expected (a trailing comma?)');
        const bad = string();
        if (bad) return err(bad);
        ws();
        if (s[i] !== ':') return err('a colon is missing after the property name');
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
        if (!NUMBER.test(s)) return err(c === ']' || c === '}' ? 'a value is missing (a trailing comma?)' : 'this is not JSON (comments, single quotes and bare words are not allowed)');
        i = NUMBER.lastIndex;
      }
      expect = 'after';
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) return i < s.length ? err('there is more text after the end of the JSON') : undefined;
    const c = s[i];
    if (c === ',') {
      i++;
      expect = top === '{' ? 'key' : 'value';
    } else if (c === (top === '{' ? '}' : ']')) {
      stack.pop();
      i++;
    } else if (c === undefined) return err(`a closing ${top === '{' ? '}' : ']'} is missing`);
    else return err('a comma is missing');
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
