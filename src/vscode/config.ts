import vscode = require('vscode');
import { DEFAULT_REPLY_PARTS } from '../core/answers/answerSnippet';

/** The `supportKb.*` settings, read in one place, with broken values replaced by defaults. */
export interface SupportKbConfig {
  /** KB folders or files, already resolved to URIs (relative entries against their workspace folder). */
  kbUris: vscode.Uri[];
  includeBundledKb: boolean;
  maxResults: number;
  /** Snippet text around an inserted answer. */
  reply: { greeting: string; signature: string };
  /** Where answers are offered while typing: these language ids, and files matching the glob. */
  draftLanguages: string[];
  draftGlob: string;
  completionTrigger: string;
  /** The `supportKb.checks.*` switches (`missingItems`, `vin`, …); a value that is not true/false counts as on. */
  checks: Record<CheckSetting, boolean>;
  /** What was wrong with the settings, for the log: the agent's settings are never rewritten. */
  problems: string[];
}

export const CHECK_SETTINGS = ['missingItems', 'placeholders', 'formLink', 'attachments', 'vin', 'imei'] as const;
export type CheckSetting = (typeof CHECK_SETTINGS)[number];

/**
 * Settings a workspace may not set for itself in Restricted Mode (also declared in package.json's
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`): what is read as KB, what counts as a
 * draft, and what is written into drafts. Only the user's own settings (or defaults) apply there.
 */
export const RESTRICTED_SETTINGS = [
  'kbPaths', 'includeBundledKb', 'reply.greeting', 'reply.signature', 'draftLanguages', 'draftGlob', 'completion.trigger',
  ...CHECK_SETTINGS.map((c) => `checks.${c}`),
  // Where search gaps are written: read from user settings only (searchGaps.ts), declared here too.
  'gaps.folder',
] as const;

export const SECTION = 'supportKb';

export function readConfig(trusted: boolean = vscode.workspace.isTrusted): SupportKbConfig {
  const problems: string[] = [];
  const kbUris: vscode.Uri[] = [];
  const seen = new Set<string>();
  const folders = vscode.workspace.workspaceFolders ?? [];
  const scopes: (vscode.WorkspaceFolder | undefined)[] = folders.length ? [...folders] : [undefined];
  for (const folder of scopes) {
    const info = vscode.workspace.getConfiguration(SECTION, folder?.uri).inspect<unknown>('kbPaths');
    // The user's own settings may point anywhere; a workspace's (a cloned repository's .vscode/settings.json)
    // only inside the workspace, and not at all in Restricted Mode.
    const levels: [unknown, 'user' | 'workspace'][] = [[info?.globalValue, 'user'], [info?.workspaceValue, 'workspace'], [info?.workspaceFolderValue, 'workspace']];
    for (const [raw, level] of levels) {
      if (raw === undefined) continue;
      if (!Array.isArray(raw)) {
        problems.push(vscode.l10n.t('Setting supportKb.kbPaths must be a list of paths; it is ignored.'));
        continue;
      }
      if (level === 'workspace' && !trusted) {
        if (raw.length) problems.push(vscode.l10n.t('Restricted Mode: the workspace setting supportKb.kbPaths is ignored until you trust this workspace; the bundled knowledge base is used.'));
        continue;
      }
      for (const entry of raw) {
        if (typeof entry !== 'string' || !entry.trim()) {
          problems.push(vscode.l10n.t('Setting supportKb.kbPaths has an entry that is not a path: {0}', JSON.stringify(entry)));
          continue;
        }
        const uri = isAbsolute(entry) ? vscode.Uri.file(entry) : folder ? vscode.Uri.joinPath(folder.uri, entry) : undefined;
        if (!uri) {
          problems.push(vscode.l10n.t('Relative KB path "{0}" needs an open folder; it is ignored.', entry));
          continue;
        }
        if (level === 'workspace' && !folders.some((f) => isInside(uri, f.uri))) {
          problems.push(vscode.l10n.t('KB path "{0}" in the workspace settings is outside the workspace, so it is ignored; add it to your user settings to use it.', entry));
          continue;
        }
        if (!seen.has(uri.toString())) {
          seen.add(uri.toString());
          kbUris.push(uri);
        }
      }
    }
  }
  const config = vscode.workspace.getConfiguration(SECTION);
  /** A restricted setting in Restricted Mode: the user's value, else the default. */
  const get = (key: string, fallback: unknown): unknown => {
    if (trusted || !(RESTRICTED_SETTINGS as readonly string[]).includes(key)) return config.get<unknown>(key, fallback);
    return config.inspect<unknown>(key)?.globalValue ?? fallback;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = get(key, fallback);
    if (typeof v === 'boolean') return v;
    problems.push(vscode.l10n.t('Setting supportKb.{0} must be true or false; using {1}.', key, String(fallback)));
    return fallback;
  };
  const max = get('search.maxResults', 20);
  const maxOk = typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= 200;
  if (!maxOk) problems.push(vscode.l10n.t('Setting supportKb.search.maxResults must be a whole number from 1 to 200; using 20.'));
  const str = (key: string, fallback: string) => {
    const v = get(key, fallback);
    if (typeof v === 'string') return v;
    problems.push(vscode.l10n.t('Setting supportKb.{0} must be text; using the default.', key));
    return fallback;
  };
  const langs = get('draftLanguages', DEFAULTS.draftLanguages);
  const langsOk = Array.isArray(langs) && langs.every((l) => typeof l === 'string');
  if (!langsOk) problems.push(vscode.l10n.t('Setting supportKb.draftLanguages must be a list of language ids; using the default.'));
  const trigger = str('completion.trigger', DEFAULTS.completionTrigger).trim();
  const checks = Object.fromEntries(CHECK_SETTINGS.map((c) => [c, bool(`checks.${c}`, true)])) as Record<CheckSetting, boolean>;
  return {
    kbUris,
    includeBundledKb: bool('includeBundledKb', true),
    maxResults: maxOk ? max : 20,
    reply: { greeting: str('reply.greeting', DEFAULTS.greeting), signature: str('reply.signature', DEFAULTS.signature) },
    draftLanguages: langsOk ? (langs as string[]) : DEFAULTS.draftLanguages,
    draftGlob: str('draftGlob', DEFAULTS.draftGlob),
    completionTrigger: trigger || DEFAULTS.completionTrigger,
    checks,
    problems: [...new Set(problems)],
  };
}

/** Defaults, the same as in package.json (a unit test keeps them in step). */
export const DEFAULTS = {
  greeting: DEFAULT_REPLY_PARTS.greeting,
  signature: DEFAULT_REPLY_PARTS.signature,
  // Untitled replies and .txt files, and anything in a drafts folder; not every markdown file in the
  // workspace (KB articles, READMEs are not replies).
  draftLanguages: ['plaintext'],
  draftGlob: '**/{drafts,replies,черновики,ответы}/**/*.{txt,md,eml}',
  completionTrigger: 'kb:',
};

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** Is `uri` the folder `root` or inside it (after `..` is resolved)? */
function isInside(uri: vscode.Uri, root: vscode.Uri): boolean {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return false;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path === root.path || uri.path.startsWith(base);
}

/** The language of the KB's own messages (problems, lint): Russian when VS Code speaks Russian, else English. */
export function uiLocale(): 'ru' | 'en' {
  return vscode.env.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
