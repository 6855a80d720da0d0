import * as vscode from 'vscode';

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
  /** What was wrong with the settings, for the log: the agent's settings are never rewritten. */
  problems: string[];
}

export const SECTION = 'supportKb';

export function readConfig(): SupportKbConfig {
  const problems: string[] = [];
  const kbUris: vscode.Uri[] = [];
  const seen = new Set<string>();
  const folders = vscode.workspace.workspaceFolders ?? [];
  const scopes: (vscode.WorkspaceFolder | undefined)[] = folders.length ? [...folders] : [undefined];
  for (const folder of scopes) {
    const raw = vscode.workspace.getConfiguration(SECTION, folder?.uri).get<unknown>('kbPaths', []);
    const entries = Array.isArray(raw) ? raw : [];
    if (!Array.isArray(raw)) problems.push(vscode.l10n.t('Setting supportKb.kbPaths must be a list of paths; it is ignored.'));
    for (const entry of entries) {
      if (typeof entry !== 'string' || !entry.trim()) {
        problems.push(vscode.l10n.t('Setting supportKb.kbPaths has an entry that is not a path: {0}', JSON.stringify(entry)));
        continue;
      }
      const uri = isAbsolute(entry) ? vscode.Uri.file(entry) : folder ? vscode.Uri.joinPath(folder.uri, entry) : undefined;
      if (!uri) {
        problems.push(vscode.l10n.t('Relative KB path "{0}" needs an open folder; it is ignored.', entry));
        continue;
      }
      if (!seen.has(uri.toString())) {
        seen.add(uri.toString());
        kbUris.push(uri);
      }
    }
  }
  const config = vscode.workspace.getConfiguration(SECTION);
  const include = config.get<unknown>('includeBundledKb', true);
  const max = config.get<unknown>('search.maxResults', 20);
  const maxOk = typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= 200;
  if (!maxOk) problems.push(vscode.l10n.t('Setting supportKb.search.maxResults must be a whole number from 1 to 200; using 20.'));
  const str = (key: string, fallback: string) => {
    const v = config.get<unknown>(key, fallback);
    if (typeof v === 'string') return v;
    problems.push(vscode.l10n.t('Setting supportKb.{0} must be text; using the default.', key));
    return fallback;
  };
  const langs = config.get<unknown>('draftLanguages', DEFAULTS.draftLanguages);
  const langsOk = Array.isArray(langs) && langs.every((l) => typeof l === 'string');
  if (!langsOk) problems.push(vscode.l10n.t('Setting supportKb.draftLanguages must be a list of language ids; using the default.'));
  const trigger = str('completion.trigger', DEFAULTS.completionTrigger).trim();
  return {
    kbUris,
    includeBundledKb: include !== false,
    maxResults: maxOk ? max : 20,
    reply: { greeting: str('reply.greeting', DEFAULTS.greeting), signature: str('reply.signature', DEFAULTS.signature) },
    draftLanguages: langsOk ? (langs as string[]) : DEFAULTS.draftLanguages,
    draftGlob: str('draftGlob', DEFAULTS.draftGlob),
    completionTrigger: trigger || DEFAULTS.completionTrigger,
    problems,
  };
}

/** Defaults, the same as in package.json (a unit test keeps them in step). */
export const DEFAULTS = {
  greeting: 'Здравствуйте, ${1:имя клиента}!',
  signature: 'С уважением,\n${2:ваше имя}\nСлужба поддержки Kia',
  // Untitled replies and .txt files, and anything in a drafts folder; not every markdown file in the
  // workspace (KB articles, READMEs are not replies).
  draftLanguages: ['plaintext'],
  draftGlob: '**/{drafts,replies,черновики,ответы}/**/*.{txt,md,eml}',
  completionTrigger: 'kb:',
};

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}
