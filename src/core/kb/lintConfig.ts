import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, isLintCode, LINT_RULES, type LintCode, type LintSeverity } from './lintRules';

/** The lint settings file a KB folder may hold beside its articles (schema: kb/support-kb-lint.schema.json). */
export const LINT_CONFIG_FILE = '.support-kb-lint.json';

export type RuleLevel = LintSeverity | 'off';

/** A rule switched by code: a level, or a level with the rule's options. */
export type RuleSetting = RuleLevel | { severity?: RuleLevel; threshold?: number; maxChars?: number; minShare?: number };

export interface LintConfig {
  rules: Partial<Record<LintCode, RuleSetting>>;
  /** Settings for some KB files only, matched by file name (`*` matches any characters). */
  overrides: { files: string[]; rules: Partial<Record<LintCode, RuleSetting>> }[];
}

export const DEFAULT_LINT_CONFIG: LintConfig = { rules: {}, overrides: [] };

/** Options of the rules that have some, with their defaults. */
export const RULE_OPTIONS = {
  nearThreshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  longMaxChars: 5000,
  titleMinShare: 0.1,
};

export interface ResolvedRule {
  level: RuleLevel;
  threshold: number;
  maxChars: number;
  minShare: number;
}

/** What a rule does for one file: the file's overrides win over the top-level rules, which win over defaults. */
export function resolveRule(config: LintConfig, code: LintCode, file: string): ResolvedRule {
  const out: ResolvedRule = { level: LINT_RULES[code].severity, threshold: RULE_OPTIONS.nearThreshold, maxChars: RULE_OPTIONS.longMaxChars, minShare: RULE_OPTIONS.titleMinShare };
  const apply = (s: RuleSetting | undefined) => {
    if (s === undefined) return;
    if (typeof s === 'string') {
      out.level = s;
      return;
    }
    if (s.severity) out.level = s.severity;
    if (s.threshold !== undefined) out.threshold = s.threshold;
    if (s.maxChars !== undefined) out.maxChars = s.maxChars;
    if (s.minShare !== undefined) out.minShare = s.minShare;
  };
  apply(config.rules[code]);
  const name = baseName(file);
  for (const o of config.overrides) if (o.files.some((g) => globMatch(g, name))) apply(o.rules[code]);
  return out;
}

function baseName(file: string): string {
  return file.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? file;
}

/** `*` matches any run of characters, everything else itself; no regex, at worst pattern × name steps. */
export function globMatch(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (g < glob.length && glob[g] === name[n]) {
      g++;
      n++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = n;
    } else if (star >= 0) {
      g = star + 1;
      n = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

const LEVELS = new Set(['error', 'warning', 'info', 'off']);

/**
 * Reads a `.support-kb-lint.json`, checking what its schema says. Problems come back as messages
 * (the file's bad parts are ignored, the rest applies): a typo in the settings never stops the lint.
 */
export function parseLintConfig(text: string): { config: LintConfig; problems: string[] } {
  const problems: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { config: DEFAULT_LINT_CONFIG, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { config: DEFAULT_LINT_CONFIG, problems: ['must be a JSON object'] };
  const obj = data as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!['$schema', 'rules', 'overrides'].includes(k)) problems.push(`unknown key "${k}" (expected "rules" or "overrides")`);
  const rules = readRules(obj['rules'], 'rules', problems);
  const overrides: LintConfig['overrides'] = [];
  if (obj['overrides'] !== undefined) {
    if (!Array.isArray(obj['overrides'])) problems.push('"overrides" must be a list');
    else {
      obj['overrides'].forEach((o: unknown, i: number) => {
        const files = (o as { files?: unknown })?.files;
        if (!Array.isArray(files) || !files.length || files.some((f) => typeof f !== 'string' || !f)) {
          problems.push(`overrides[${i}].files must list file names (with * as a wildcard)`);
          return;
        }
        overrides.push({ files: files as string[], rules: readRules((o as { rules?: unknown }).rules, `overrides[${i}].rules`, problems) });
      });
    }
  }
  return { config: { rules, overrides }, problems };
}

function readRules(raw: unknown, where: string, problems: string[]): Partial<Record<LintCode, RuleSetting>> {
  const out: Partial<Record<LintCode, RuleSetting>> = {};
  if (raw === undefined) return out;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`"${where}" must be an object of rule codes`);
    return out;
  }
  for (const [code, value] of Object.entries(raw)) {
    if (!isLintCode(code)) {
      problems.push(`${where}: unknown rule "${code}"`);
      continue;
    }
    if (typeof value === 'string') {
      if (LEVELS.has(value)) out[code] = value as RuleLevel;
      else problems.push(`${where}.${code}: "${value}" is not one of error, warning, info, off`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${where}.${code} must be a level or an object`);
      continue;
    }
    const v = value as Record<string, unknown>;
    const setting: Exclude<RuleSetting, string> = {};
    if (v['severity'] !== undefined) {
      if (typeof v['severity'] === 'string' && LEVELS.has(v['severity'])) setting.severity = v['severity'] as RuleLevel;
      else problems.push(`${where}.${code}.severity must be one of error, warning, info, off`);
    }
    const num = (key: 'threshold' | 'maxChars' | 'minShare', min: number, max: number) => {
      if (v[key] === undefined) return;
      const n = v[key];
      if (typeof n === 'number' && n >= min && n <= max) setting[key] = n;
      else problems.push(`${where}.${code}.${key} must be a number from ${min} to ${max}`);
    };
    num('threshold', 0.05, 1);
    num('maxChars', 1, 10_000_000);
    num('minShare', 0, 1);
    out[code] = setting;
  }
  return out;
}
