// VS Code's file system as the KB folder walk (core/kb/kbFolder.ts) uses it: the KB and the KB lint
// list a folder's KB files alike.
import { promises as fs } from 'node:fs';
import vscode = require('vscode');
import type { KbEntryKind, KbFolderFs } from '../core/kb/kbFolder';

/** Where a folder really is, so a symbolic link to a folder already walked is recognised. */
async function realKey(dir: vscode.Uri): Promise<string> {
  if (dir.scheme !== 'file') return dir.toString();
  return fs.realpath(dir.fsPath);
}

/**
 * VS Code's file system as a KB folder walk uses it: `readDirectory` already says what a link points
 * at (its target's type with `SymbolicLink` added), so no entry needs a call of its own.
 */
export const WORKSPACE_FS: KbFolderFs<vscode.Uri> = {
  realKey,
  readDir: async (dir) =>
    (await vscode.workspace.fs.readDirectory(dir)).map(([name, type]): [string, KbEntryKind] => [
      name,
      type & vscode.FileType.Directory ? 'folder'
        : type & vscode.FileType.File ? 'file'
        // Neither file nor folder: a link to nothing (as Node's walk says it), or a pipe or device.
        : type & vscode.FileType.SymbolicLink ? { broken: { code: 'ENOENT' } }
        : 'other',
    ]),
  join: (dir, name) => vscode.Uri.joinPath(dir, name),
  show: (uri) => uri.toString(),
};
