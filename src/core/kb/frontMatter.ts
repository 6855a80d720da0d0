import type { KbText } from './problemMessages';

/**
 * The small front matter a KB file may start with:
 * ```
 * ---
 * lang: da
 * title: Kia Connect – Juridiske dokumenter
 * ---
 * ```
 * Only flat `key: value` pairs; we do not pull in a YAML parser for two keys.
 */
export interface FrontMatter {
  fields: Record<string, string>;
  /** Number of lines the front matter occupies, including both `---` lines (0 when absent). */
  lineCount: number;
}

export type FrontMatterResult = { ok: true; value: FrontMatter } | { ok: false; line: number; text: KbText };

export function parseFrontMatter(lines: readonly string[]): FrontMatterResult {
  if (lines[0]?.trimEnd() !== '---') return { ok: true, value: { fields: {}, lineCount: 0 } };
  const fields: Record<string, string> = {};
  let bad = 0; // first line that is not "key: value" (0-based; 0 = none)
  let heading = 0; // first "#" line: a comment inside front matter, a heading if it is never closed
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimEnd() === '---') {
      if (bad) return { ok: false, line: bad + 1, text: { key: 'front-matter.bad-line', args: { text: lines[bad]!.length > 80 ? `${lines[bad]!.slice(0, 80)}…` : lines[bad]! } } };
      return { ok: true, value: { fields, lineCount: i + 1 } };
    }
    if (!line.trim()) continue;
    if (line.trimStart().startsWith('#')) {
      heading ||= i;
      continue;
    }
    if (bad) continue;
    // Split at the first colon rather than one regex over the line: `\s*(.*)$` backtracked over long runs of spaces.
    const colon = line.indexOf(':');
    const key = colon < 0 ? '' : line.slice(0, colon).trimEnd();
    if (/^[A-Za-z][\w-]*$/.test(key)) fields[key] = unquote(line.slice(colon + 1).trim());
    else bad = i;
  }
  // Never closed: point where the "---" is missing (the first line that cannot be front matter, or
  // the last line), not at line 1, so the Problems panel takes the agent to the fix.
  const end = Math.min(...[bad, heading].filter((n) => n > 0));
  const at = Number.isFinite(end) ? end + 1 : lines.length;
  return { ok: false, line: at, text: { key: Number.isFinite(end) ? 'front-matter.unclosed-above' : 'front-matter.unclosed-after' } };
}

function unquote(v: string): string {
  const q = v[0];
  return (q === '"' || q === "'") && v.endsWith(q) && v.length >= 2 ? v.slice(1, -1) : v;
}

export function renderFrontMatter(fields: Record<string, string>): string {
  const body = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n');
  return `---\n${body}\n---\n`;
}
