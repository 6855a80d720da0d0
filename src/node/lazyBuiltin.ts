import { createRequire } from 'node:module';

/**
 * A Node built-in loaded on its first use. Requiring `node:crypto` at import time costs a fresh
 * extension host some 3 ms (it pulls in the stream modules), `node:worker_threads` another 0.5 ms:
 * `dist/extension.js` loads only what its start needs. `createRequire` keeps esbuild from hoisting it.
 */
function builtin<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(__filename)(name) as T);
}

export const nodeCrypto = builtin<typeof import('node:crypto')>('node:crypto');
export const workerThreads = builtin<typeof import('node:worker_threads')>('node:worker_threads');
