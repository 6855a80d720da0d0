import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { walkKbFolder, type KbEntryKind, type KbFolderFs } from '../../src/core/kb/kbFolder';
import { isUnreadable, type KbReadResult } from '../../src/core/kb/read';

/** An in-memory tree: a folder is an object of entries, a link names the folder it points at. */
type Node = { [name: string]: Node | 'file' | 'pipe' | 'dangling' | { link: string } };

type Entry = Node[string];
const isLink = (e: Entry | undefined): e is { link: string } => typeof e === 'object' && typeof e.link === 'string';

function memoryFs(tree: Node): KbFolderFs<string> & { reads: string[] } {
  const reads: string[] = [];
  /** The folder at `p` and its real path (links followed), if there is one. */
  const resolve = (p: string): { node: Node | undefined; real: string } => {
    let node: Node | undefined = tree;
    let real = '';
    for (const part of p.split('/').filter(Boolean)) {
      const next: Entry | undefined = node?.[part];
      if (isLink(next)) ({ node, real } = resolve(next.link));
      else {
        node = typeof next === 'object' ? (next as Node) : undefined;
        real = `${real}/${part}`;
      }
    }
    return { node, real };
  };
  return {
    reads,
    realKey: async (dir) => resolve(dir).real,
    readDir: async (dir) => {
      reads.push(dir);
      const { node } = resolve(dir);
      if (!node) throw Object.assign(new Error('no such folder'), { code: 'ENOENT' });
      return Object.entries(node).map(([name, v]): [string, KbEntryKind] => [
        name,
        v === 'file' ? 'file' : v === 'pipe' ? 'other' : v === 'dangling' ? { broken: { code: 'ENOENT' } } : 'folder',
      ]);
    },
    join: (dir, name) => `${dir}/${name}`,
    show: (p) => p,
  };
}

const names = (xs: (string | KbReadResult)[]) => xs.map((x) => (typeof x === 'string' ? x : `${x.file} (${isUnreadable(x) ? x.problem.key : '?'})`));

describe('walking a KB folder (one walk for Node and VS Code file systems)', () => {
  it('lists KB files sorted, with problems in their places; skips other files; walks a linked folder once', async () => {
    const fs = memoryFs({
      kb: {
        'b.md': 'file',
        'README.md': 'file',
        'notes.txt': 'file',
        'aliases.json': 'file',
        'a.md': 'pipe',
        'gone.md': 'dangling',
        'gone.txt': 'dangling',
        sub: { 'c.md': 'file', back: { link: '/kb' } },
      },
    });
    assert.deepEqual(names(await walkKbFolder(fs, '/kb')), [
      '/kb/a.md (file.not-regular)',
      '/kb/aliases.json',
      '/kb/b.md',
      '/kb/gone.md (path.not-found)',
      '/kb/sub/c.md',
    ]);
    assert.deepEqual(fs.reads, ['/kb', '/kb/sub'], 'the link back to /kb is not walked again');
  });

  it('stops at the depth limit with a warning naming the folder', async () => {
    const deep: Node = { 'x.md': 'file' };
    let tree: Node = deep;
    for (let i = 3; i >= 1; i--) tree = { [`d${i}`]: tree, [`f${i}.md`]: 'file' };
    const listed = names(await walkKbFolder(memoryFs({ kb: tree }), '/kb', 2));
    assert.deepEqual(listed, ['/kb/d1/d2/d3 (folder.too-deep)', '/kb/d1/d2/f3.md', '/kb/d1/f2.md', '/kb/f1.md']);
  });

  it('a folder that cannot be read is a problem naming it', async () => {
    const fs = memoryFs({});
    assert.deepEqual(names(await walkKbFolder(fs, '/missing')), ['/missing (path.not-found)']);
  });
});
