import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers';

const json = (f: string) => JSON.parse(readFileSync(join(REPO, f), 'utf8')) as Record<string, string>;

/** Every vscode.l10n.t('…') string literal in src/vscode and src/extension.ts. */
function runtimeStrings(): string[] {
  const files = ['src/extension.ts', ...readdirSync(join(REPO, 'src/vscode')).map((f: string) => `src/vscode/${f}`)];
  const out = new Set<string>();
  for (const f of files) {
    const text = readFileSync(join(REPO, f), 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1]!.replace(/\\'/g, "'"));
  }
  return [...out];
}

describe('localisation (Russian first, English too)', () => {
  it('package.nls.ru.json translates every manifest string, and the manifest uses only known keys', () => {
    const en = json('package.nls.json');
    const ru = json('package.nls.ru.json');
    assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
    for (const [k, v] of Object.entries(ru)) assert.match(v, /[а-яё]/i, `${k} is in Russian`);
    const manifest = readFileSync(join(REPO, 'package.json'), 'utf8');
    for (const m of manifest.matchAll(/"%([\w.]+)%"/g)) assert.ok(m[1]! in en, `package.json uses %${m[1]}%`);
  });

  it('l10n/bundle.l10n.ru.json translates every runtime string', () => {
    const ru = json('l10n/bundle.l10n.ru.json');
    const strings = runtimeStrings();
    assert.ok(strings.length >= 10);
    for (const s of strings) {
      assert.ok(s in ru, `missing Russian for: ${s}`);
      const placeholders = (x: string) => (x.match(/\{\d+\}/g) ?? []).sort().join();
      assert.equal(placeholders(ru[s]!), placeholders(s), `same placeholders in: ${s}`);
    }
  });
});
