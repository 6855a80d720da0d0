import * as vscode from 'vscode';

/** The `supportKb.*` settings, read in one place, with broken values replaced by defaults. */
export interface SupportKbConfig {
  /** KB folders or files, already resolved to URIs (relative entries against their workspace folder). */
  kbUris: vscode.Uri[];
  includeBundledKb: boolean;
  maxResults: number;
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
  return { kbUris, includeBundledKb: include !== false, maxResults: maxOk ? max : 20, problems };
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}
