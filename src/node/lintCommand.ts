import { parseLocale } from './cliLocale';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { hasErrors, lintKb, type LintFinding } from '../core/kb/lint';
import type { LintLocale } from '../core/kb/lintRules';
import { toSarif } from '../core/kb/lintSarif';
import { readLintSources } from './lintFiles';
import { BUNDLED_KB_DIR } from './loadKb';

interface LintArgs {
  values: { json?: boolean | undefined; sarif?: boolean | undefined; 'fix-titles-dry-run'?: boolean | undefined; config?: string | undefined; locale?: string | undefined };
  positionals: string[];
}

/** `support-kb lint`: findings as text, JSON or SARIF on stdout; exit code 1 when one is an error. */
export async function lintCommand(args: LintArgs, usage: (message: string) => Error): Promise<number> {
  const { values, positionals } = args;
  if (values.json && values.sarif) throw usage('choose one of --json and --sarif');
  const locale: LintLocale = parseLocale(values.locale, usage);
  const cwd = process.cwd();
  const sources = await readLintSources(positionals.length ? positionals : [BUNDLED_KB_DIR], cwd, values.config);
  const findings = lintKb(sources.inputs, {
    config: sources.config,
    locale,
    ...(sources.configFile && sources.configProblems.length ? { configProblems: { file: sources.configFile, messages: sources.configProblems } } : {}),
  });
  const out = (s: string) => process.stdout.write(s);

  if (values.json) {
    out(JSON.stringify({
      findings: findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, file: f.file, line: f.line, related: f.related.map((r) => ({ file: r.file, line: r.line })) })),
    }) + '\n');
  } else if (values.sarif) {
    out(JSON.stringify(toSarif(findings, { version: toolVersion() }), null, 2) + '\n');
  } else if (values['fix-titles-dry-run']) {
    out(titleFixesDiff(findings));
  } else {
    for (const f of findings) {
      out(`${f.file}:${f.line}${f.column ? `:${f.column}` : ''}: ${f.severity} ${f.code}: ${f.message}\n`);
      for (const r of f.related.slice(0, 10)) out(`    ${r.file}:${r.line}\n`);
      if (f.related.length > 10) out(`    … +${f.related.length - 10}\n`);
    }
    const count = (s: string) => findings.filter((f) => f.severity === s).length;
    out(locale === 'ru'
      ? `Файлов: ${sources.inputs.length}, замечаний: ${findings.length} (ошибок ${count('error')}, предупреждений ${count('warning')}, сведений ${count('info')})\n`
      : `${sources.inputs.length} files, ${findings.length} findings (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)\n`);
  }
  return hasErrors(findings) ? 1 : 0;
}

/** The title fixes as a unified diff, per file; nothing is written. */
export function titleFixesDiff(findings: readonly LintFinding[]): string {
  const byFile = new Map<string, LintFinding[]>();
  for (const f of findings) {
    if (!f.fix) continue;
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  if (!byFile.size) return '';
  let diff = '';
  for (const [file, list] of byFile) {
    diff += `--- a/${file}\n+++ b/${file}\n`;
    for (const f of list) {
      const prefix = `${'#'.repeat(f.fix!.level)} `;
      diff += `@@ -${f.line} +${f.line} @@\n-${prefix}${f.fix!.title}\n+${prefix}${f.fix!.newTitle}\n`;
    }
  }
  return diff;
}

function toolVersion(): string {
  try {
    // dist/cli.js → package.json one level up.
    return (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
