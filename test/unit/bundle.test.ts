// dist/extension.js is what every VS Code start loads: it stays small, and the heavy features are
// separate files loaded on first use (src/vscode/lazyParts.ts). Load *time* is measured in
// `npm run bench:scale`, not here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers';

const DIST = join(REPO, 'dist');
const MAX_BUNDLE_BYTES = 150 * 1024;

/** Each lazily loaded file, and sources (or package folders) that are in it and never in dist/extension.js. */
const LAZY_PARTS: Record<string, string[]> = {
  'draftCore.js': ['src/core/checklist/validate.ts', 'src/core/checklist/request.ts', 'src/core/checklist/draft.ts', 'src/core/entities/vin.ts', 'src/core/entities/find.ts'],
  'lintWorker.js': ['src/core/kb/lint.ts'],
  'searchCore.js': ['src/core/search/index.ts', 'node_modules/minisearch/', 'src/core/kb/assemble.ts', 'src/core/search/analyze.ts', 'node_modules/@orama/stemmers/'],
  'gapsReport.js': ['src/core/gaps/report.ts', 'src/vscode/gapsHtml.ts'],
  'fuse.js': ['node_modules/fuse.js/'],
};

describe('the extension bundle', () => {
  const meta = JSON.parse(readFileSync(join(DIST, 'extension.meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const bundled = new Set(Object.keys(meta.outputs['dist/extension.js']!.inputs));

  it(`is at most ${MAX_BUNDLE_BYTES / 1024} KB minified`, () => {
    const bytes = statSync(join(DIST, 'extension.js')).size;
    assert.ok(bytes <= MAX_BUNDLE_BYTES, `dist/extension.js is ${(bytes / 1024).toFixed(1)} KB`);
  });

  it('holds the composition root and the cheap adapters', () => {
    for (const source of ['src/extension.ts', 'src/vscode/draftChecks.ts', 'src/vscode/kbService.ts', 'src/vscode/lazyParts.ts', 'src/node/lazySibling.ts']) assert.ok(bundled.has(source), source);
  });

  for (const [file, sources] of Object.entries(LAZY_PARTS)) {
    it(`loads ${file} on first use instead of bundling it`, () => {
      assert.ok(existsSync(join(DIST, file)), `dist/${file} is built`);
      for (const source of sources) assert.ok(![...bundled].some((b) => b.startsWith(source)), `${source} is not in dist/extension.js`);
    });
  }
});
