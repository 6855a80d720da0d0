import * as assert from 'node:assert/strict';
import { symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { readConfig, RESTRICTED_SETTINGS } from '../../src/vscode/config';
import { api, extension, waitFor, workspaceUri } from './helpers';

/** Sets a supportKb setting at a level for the length of `body`, then restores it. */
async function withSetting(key: string, value: unknown, target: vscode.ConfigurationTarget, body: () => Promise<void> | void): Promise<void> {
  const config = vscode.workspace.getConfiguration('supportKb');
  const info = config.inspect(key);
  const before = target === vscode.ConfigurationTarget.Global ? info?.globalValue : info?.workspaceValue;
  await config.update(key, value, target);
  try {
    await body();
  } finally {
    await vscode.workspace.getConfiguration('supportKb').update(key, before, target);
  }
}

describe('hostile KB files and settings in a real VS Code', () => {
  before(async () => {
    await api();
  });

  it('bad files in a KB folder fail alone, each named in the problems; a symlink loop is walked once', async function () {
    this.timeout(120_000);
    const kb = await api();
    const folder = workspaceUri('team-kb').fsPath;
    const made = [`${folder}/loop`, `${folder}/binary.md`, `${folder}/latin1.md`, `${folder}/huge.md`, `${folder}/dup.md`];
    try {
      symlinkSync(folder, `${folder}/loop`); // a link back to its own folder
      writeFileSync(`${folder}/binary.md`, Buffer.from([0x23, 0x23, 0x20, 0x41, 0x0a, 0x00, 0x01]));
      writeFileSync(`${folder}/latin1.md`, Buffer.concat([Buffer.from('## Kunde\nFejl: '), Buffer.from([0xe6, 0xf8, 0xe5]), Buffer.from('\n')]));
      writeFileSync(`${folder}/huge.md`, '');
      truncateSync(`${folder}/huge.md`, 600 * 1024 * 1024); // sparse: checked by size, never read
      writeFileSync(`${folder}/dup.md`, '## Хранение зимних шин у дилера\nдубль\n## Хранение зимних шин у дилера\nещё дубль\n');
      await kb.reload();
      const state = await waitFor('the KB to be ready with problems', () => {
        const s = kb.state();
        return s.kind === 'ready' && s.problems.some((p) => p.file.endsWith('huge.md')) ? s : undefined;
      }, 60_000);
      assert.equal(state.kind, 'ready');
      if (state.kind !== 'ready') return;
      const about = (name: string) => state.problems.filter((p) => p.file.endsWith(name)).map((p) => `${p.line}: ${p.message}`).join(' | ');
      assert.match(about('binary.md'), /^2: .*binary/);
      assert.match(about('latin1.md'), /^2: .*not valid UTF-8/);
      assert.match(about('huge.md'), /file is 600 MB; KB files may be at most 8 MB/);
      const hits = await kb.search('хранение зимних шин', 50);
      const titles = hits.flatMap((h) => [h.article.id, ...h.similar]);
      assert.ok(titles.filter((id) => id.startsWith('dup#')).length === 2, `both duplicates are there: ${titles.join(' ')}`);
      assert.ok(titles.some((id) => id.startsWith('team-answers#')), 'the good team file still loads');
      assert.ok((await kb.search('Digitalnøgle')).length > 0, 'the bundled KB still loads');
      assert.ok(!titles.some((id) => id.startsWith('team-answers-2#')), 'the looped folder is not read twice');
    } finally {
      for (const f of made) {
        try {
          unlinkSync(f);
        } catch {
          // already gone
        }
      }
      await kb.reload();
    }
  });

  it('Restricted Mode: workspace kbPaths and workspace draft settings are ignored, user settings apply', async () => {
    await withSetting('reply.greeting', 'Hi from the workspace', vscode.ConfigurationTarget.Workspace, async () => {
      const trusted = readConfig(true);
      assert.equal(trusted.reply.greeting, 'Hi from the workspace');
      assert.equal(trusted.kbUris.length, 1, 'the fixture workspace sets kbPaths: ["team-kb"]');
      const restricted = readConfig(false);
      assert.match(restricted.reply.greeting, /^Здравствуйте/);
      assert.deepEqual(restricted.kbUris, []);
      assert.ok(restricted.problems.some((p) => /Restricted Mode|Ограниченный режим/.test(p)), restricted.problems.join('\n'));
      await withSetting('kbPaths', ['/tmp/user-kb'], vscode.ConfigurationTarget.Global, () => {
        assert.deepEqual(readConfig(false).kbUris.map((u) => u.fsPath), ['/tmp/user-kb'], 'the user’s own KB path applies in Restricted Mode');
      });
    });
  });

  it('declares limited support for untrusted workspaces, restricting exactly the settings readConfig restricts', () => {
    const untrusted = (extension().packageJSON as { capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } } }).capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), RESTRICTED_SETTINGS.map((k) => `supportKb.${k}`).sort());
  });

  it('kbPaths outside the workspace only from user settings', async () => {
    await withSetting('kbPaths', ['team-kb', '../outside', '/etc'], vscode.ConfigurationTarget.Workspace, async () => {
      const config = readConfig(true);
      assert.deepEqual(config.kbUris.map((u) => u.path), [workspaceUri('team-kb').path]);
      assert.equal(config.problems.filter((p) => /outside the workspace|за её пределы/.test(p)).length, 2, config.problems.join('\n'));
      await withSetting('kbPaths', ['/etc'], vscode.ConfigurationTarget.Global, () => {
        assert.ok(readConfig(true).kbUris.some((u) => u.path === '/etc'));
      });
    });
  });

  it('settings of the wrong type are logged and ignored', async () => {
    await withSetting('includeBundledKb', 'no', vscode.ConfigurationTarget.Workspace, async () => {
      await withSetting('checks.vin', 'false', vscode.ConfigurationTarget.Workspace, () => {
        const config = readConfig(true);
        assert.equal(config.includeBundledKb, true);
        assert.equal(config.checks.vin, true);
        assert.equal(config.problems.filter((p) => /must be true or false|должна быть true или false/.test(p)).length, 2, config.problems.join('\n'));
      });
    });
  });
});
