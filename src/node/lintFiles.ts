import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { KbFileInput } from '../core/kb/parse';
import { DEFAULT_LINT_CONFIG, LINT_CONFIG_FILE, parseLintConfig, type LintConfig } from '../core/kb/lintConfig';
import { listKbFiles } from './loadKb';

export interface LintSources {
  inputs: KbFileInput[];
  config: LintConfig;
  /** The settings file used, if any. */
  configFile?: string;
  /** What was wrong with it (its good parts still apply). */
  configProblems: string[];
}

/**
 * Reads what `support-kb lint` checks: the KB files under the given folders and files, named
 * relative to `cwd` as the findings show them, and the first `.support-kb-lint.json` found in
 * the given folders (or the one named explicitly).
 */
export async function readLintSources(paths: readonly string[], cwd: string, configPath?: string): Promise<LintSources> {
  const inputs: KbFileInput[] = [];
  let found = configPath;
  for (const p of paths) {
    for (const file of await listKbFiles(p)) inputs.push({ file: path.relative(cwd, path.resolve(cwd, file)) || file, text: await fs.readFile(file, 'utf8') });
    if (!found) {
      const candidate = path.join((await fs.stat(p)).isDirectory() ? p : path.dirname(p), LINT_CONFIG_FILE);
      if (await fs.stat(candidate).then((s) => s.isFile(), () => false)) found = candidate;
    }
  }
  if (!found) return { inputs, config: DEFAULT_LINT_CONFIG, configProblems: [] };
  let text: string;
  try {
    text = await fs.readFile(found, 'utf8');
  } catch (e) {
    throw new Error(`support-kb: cannot read ${found}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { config, problems } = parseLintConfig(text);
  return { inputs, config, configFile: path.relative(cwd, path.resolve(cwd, found)) || found, configProblems: problems };
}
