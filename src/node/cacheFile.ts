import * as os from 'node:os';
import * as path from 'node:path';
import { nodeCrypto } from './lazyBuiltin';

// Where saved indexes live. Apart from indexCache.ts so that the extension's start does not load the
// index code (and its stop-word tables) only to name a file.

/** The cache file of a KB made of these paths (folders or files), inside `cacheDir`. */
export function cacheFileFor(cacheDir: string, roots: readonly string[]): string {
  return path.join(cacheDir, `index-${nodeCrypto().createHash('sha1').update(roots.join('\n')).digest('hex').slice(0, 16)}.skb`);
}

/** The CLI's default cache folder: `$XDG_CACHE_HOME/support-kb` or `~/.cache/support-kb`. */
export function defaultCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'support-kb');
}
