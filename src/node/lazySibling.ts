import { createRequire } from 'node:module';
import * as path from 'node:path';

/**
 * A module built as its own file beside this bundle (`dist/<file>`, see scripts/build.mjs), loaded on
 * the first call and then kept. Heavy feature code stays out of `dist/extension.js`, whose load every
 * VS Code start pays for; `createRequire` keeps esbuild from bundling it back in.
 */
export function lazySibling<T>(file: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(__filename)(path.join(__dirname, file)) as T);
}
