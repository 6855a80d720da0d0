// `npm run package` makes a .vsix with what the extension needs at run time, and nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers';

/** File names in a zip archive, from its central directory (no unzip tool needed). */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

describe('the .vsix package', () => {
  it('npm run package succeeds and packs the built extension, the bundled KB, translations and media only', { timeout: 180_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'support-kb-vsix-'));
    try {
      const vsix = join(out, 'support-kb.vsix');
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const r = spawnSync(npm, ['run', '--silent', 'package', '--', '-o', vsix], { cwd: REPO, encoding: 'utf8' });
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
      const files = zipEntries(readFileSync(vsix)).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length)).sort();
      for (const needed of [
        'package.json', 'package.nls.json', 'package.nls.ru.json', 'readme.md', 'changelog.md',
        'dist/extension.js', 'dist/webview.js', 'dist/cli.js', 'dist/indexWorker.js', 'dist/fuse.js', 'dist/lintWorker.js', 'dist/draftCore.js', 'dist/gapsReport.js', 'dist/searchCore.js', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.ru.json',
        'kb/kia-support-ru.md', 'kb/kia-connect-terms-da.md', 'kb/aliases.json', 'kb/checklists.json', 'kb/categories.json',
        'kb/aliases.schema.json', 'kb/checklists.schema.json', 'kb/categories.schema.json', 'media/sidebar.css', 'media/icon.png',
      ]) assert.ok(files.some((f) => f.toLowerCase() === needed.toLowerCase()), `${needed} is packed: ${files.join(', ')}`);
      // Every image the README and the walkthrough show is in the package (relative links stay valid).
      const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
      const images = [
        ...[...readFileSync(join(REPO, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!),
        ...pkg.contributes.walkthroughs[0].steps.map((s: { media: { image: string } }) => s.media.image),
      ];
      for (const image of images) assert.ok(files.includes(image), `${image} is packed`);
      for (const f of files) assert.doesNotMatch(f, /^(src|test|bench|node_modules|scripts|dist-test|dist-bench|demo|\.vscode-test)\//, `${f} does not belong in the package`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
