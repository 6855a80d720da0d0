import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isUnreadable, type KbReadResult } from '../core/kb/read';
import { DEFAULT_LINT_CONFIG, LINT_CONFIG_FILE, parseLintConfig, type LintConfig } from '../core/kb/lintConfig';
import { readKbInputs } from './loadKb';

export interface LintSources {
  /** Every file read, or why it could not be (the lint reports it as kb.file.invalid). */
  inputs: KbReadResult[];
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
  const shown = (file: string) => path.relative(cwd, path.resolve(cwd, file)) || file;
  const inputs = (await readKbInputs(paths)).map((read): KbReadResult => {
    const file = shown(read.file);
    return isUnreadable(read) ? { file, problem: { ...read.problem, file } } : { ...read, file };
  });
  let found = configPath;
  for (const p of paths) {
    if (!found) {
      const dir = await fs.stat(p).then((s) => (s.isDirectory() ? p : path.dirname(p)), () => undefined);
      const candidate = dir && path.join(dir, LINT_CONFIG_FILE);
      if (candidate && (await fs.stat(candidate).then((s) => s.isFile(), () => false))) found = candidate;
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
