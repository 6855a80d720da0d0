// One build for everything: the extension and CLI into dist/, and (with --tests) the tests into dist-test/.
// Type-checking is separate (`npm run typecheck`): esbuild only strips types, which keeps builds instant.
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');
const withBench = process.argv.includes('--bench');
const withFuzz = process.argv.includes('--fuzz');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

function listTests(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => /\.test\.ts$|index\.ts$/.test(f)).map((f) => join(dir, f));
}

// What ships is minified (bundle size, module load time in the extension host); tests and benches are not.
const shipped = { ...common, minify: true };
const builds = [
  // Its metafile (which sources it holds) lets a unit test keep the lazily loaded parts out of it.
  { ...shipped, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], metafile: true },
  // fuse.js on its own: the palette loads it on first use (small KBs only), not every start.
  { ...shipped, entryPoints: ['fuse.js'], outfile: 'dist/fuse.js' },
  // Loading and indexing a large KB runs in this worker thread, off the extension host's thread.
  { ...shipped, entryPoints: ['src/node/indexWorker.ts'], outfile: 'dist/indexWorker.js' },
  // The KB lint of an edited KB file runs in this worker thread, for the same reason.
  { ...shipped, entryPoints: ['src/node/lintWorker.ts'], outfile: 'dist/lintWorker.js' },
  // Feature code loaded on first use (src/node/lazySibling.ts), not with dist/extension.js at every start.
  { ...shipped, entryPoints: ['src/lazy/draftCore.ts'], outfile: 'dist/draftCore.js' },
  { ...shipped, entryPoints: ['src/lazy/searchCore.ts'], outfile: 'dist/searchCore.js' },
  { ...shipped, entryPoints: ['src/lazy/gapsReport.ts'], outfile: 'dist/gapsReport.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The sidebar's browser code: its own platform, no Node.
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];
if (withTests) {
  rmSync('dist-test', { recursive: true, force: true });
  builds.push(
    { ...common, entryPoints: listTests('test/unit'), outdir: 'dist-test/unit', outbase: 'test/unit', packages: 'external' },
    // Integration tests run inside VS Code: `vscode` comes from the host, mocha from node_modules.
    { ...common, entryPoints: listTests('test/integration'), outdir: 'dist-test/integration', outbase: 'test/integration', external: ['vscode', 'mocha'] },
  );
}

if (withBench) {
  builds.push({ ...common, entryPoints: ['bench/quality.ts', 'bench/checklists.ts', 'bench/hostile.ts', 'bench/lintDuplicates.ts', 'bench/scale.ts'], outdir: 'dist-bench', packages: 'external' });
}

if (withFuzz) {
  builds.push({ ...common, entryPoints: ['test/fuzz/run.ts'], outdir: 'dist-fuzz', packages: 'external' });
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching for changes…');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  writeFileSync('dist/extension.meta.json', JSON.stringify(results[0].metafile));
  // The CLI is the package's bin: it must be executable for `npx support-kb`.
  chmodSync('dist/cli.js', 0o755);
}
