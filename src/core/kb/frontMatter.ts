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

export type FrontMatterResult = { ok: true; value: FrontMatter } | { ok: false; line: number; message: string };

export function parseFrontMatter(lines: readonly string[]): FrontMatterResult {
  if (lines[0]?.trimEnd() !== '---') return { ok: true, value: { fields: {}, lineCount: 0 } };
  const fields: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimEnd() === '---') return { ok: true, value: { fields, lineCount: i + 1 } };
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    // Split at the first colon rather than one regex over the line: `\s*(.*)$` backtracked over long runs of spaces.
    const colon = line.indexOf(':');
    const key = colon < 0 ? '' : line.slice(0, colon).trimEnd();
    if (!/^[A-Za-z][\w-]*$/.test(key)) return { ok: false, line: i + 1, message: `front matter line is not "key: value": ${JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line)}` };
    fields[key] = unquote(line.slice(colon + 1).trim());
  }
  return { ok: false, line: 1, message: 'front matter opened with "---" is never closed; add a "---" line after it' };
}

function unquote(v: string): string {
  const q = v[0];
  return (q === '"' || q === "'") && v.endsWith(q) && v.length >= 2 ? v.slice(1, -1) : v;
}

export function renderFrontMatter(fields: Record<string, string>): string {
  const body = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n');
  return `---\n${body}\n---\n`;
}
