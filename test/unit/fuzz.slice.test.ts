import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runTarget, targets } from '../fuzz/targets';
import { bundledKb } from './helpers';

// A small, fixed-seed slice of `npm run fuzz` (test/fuzz): the same targets and invariants, few
// inputs, no time limit (timing is for the fuzz run and bench/, not for unit tests on a shared machine).
const RUNS = 40;
const SEED = 20261122;

describe('fuzz slice (fixed seed): no crash, no broken invariant on hostile input', () => {
  const kb = bundledKb();
  for (const target of targets({ articles: kb.articles, checklists: kb.checklists, aliases: kb.aliases })) {
    it(target.name, { timeout: 300_000 }, () => {
      const r = runTarget(target, { runs: RUNS, seed: SEED, maxLength: target.known?.sliceMaxLength ?? 100_000, slowMs: Infinity });
      assert.equal(r.runs, RUNS);
      assert.deepEqual(r.examples, [], `${r.crashes} crashes, ${r.invariants} invariant breaks`);
    });
  }
});
