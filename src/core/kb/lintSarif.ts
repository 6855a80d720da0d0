import type { LintFinding } from './lint';
import { LINT_CODES, LINT_RULES, type LintSeverity } from './lintRules';

/**
 * Lint findings as a SARIF 2.1.0 log, the format code-scanning UIs (GitHub, Azure DevOps, VS Code's
 * SARIF viewer) read. File paths stay as given (relative to the folder the CLI ran in), as URIs.
 */
export function toSarif(findings: readonly LintFinding[], tool: { version: string }): object {
  const level = (s: LintSeverity) => (s === 'info' ? 'note' : s);
  const location = (file: string, line: number, column?: number, endColumn?: number) => ({
    physicalLocation: {
      artifactLocation: { uri: fileUri(file) },
      region: { startLine: Math.max(1, line), ...(column ? { startColumn: column } : {}), ...(column && endColumn && endColumn > column ? { endColumn } : {}) },
    },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'support-kb',
            version: tool.version,
            rules: LINT_CODES.map((code) => ({
              id: code,
              shortDescription: { text: LINT_RULES[code].en },
              defaultConfiguration: { level: level(LINT_RULES[code].severity) },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: LINT_CODES.indexOf(f.code),
          level: level(f.severity),
          message: { text: f.message },
          locations: [location(f.file, f.line, f.column, f.endColumn)],
          ...(f.related.length ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.line) })) } : {}),
        })),
      },
    ],
  };
}

/** A path as a relative URI reference: forward slashes, each segment percent-encoded. */
function fileUri(file: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
