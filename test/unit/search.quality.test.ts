// The gold set as a regression gate: quality may not fall below the targets of issue 3.
// (Speed is measured in bench/, not here.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import MiniSearch from 'minisearch';
import { firstRelevantRank, score, type GoldQuery } from '../../bench/metrics';
import { KbIndex } from '../../src/core/search/index';
import { REPO, bundledKb } from './helpers';

describe('search quality on the gold set', () => {
  const entries: GoldQuery[] = JSON.parse(readFileSync(join(REPO, 'bench', 'gold', 'queries.json'), 'utf8')).queries;
  const gold = entries.filter((g) => g.kind !== 'none');
  const offTopic = entries.filter((g) => g.kind === 'none');
  const kb = bundledKb();
  const index = new KbIndex(kb.articles, kb.aliases);
  const ranks = gold.map((g) => firstRelevantRank(index.search(g.query, { limit: 10 }).map((h) => [h.article.id, ...h.similar]), new Set(g.relevant)));

  it('has at least 100 queries over every kind, naming real articles', () => {
    assert.ok(gold.length >= 100);
    assert.deepEqual([...new Set(gold.map((g) => g.kind))].sort(), ['A', 'D', 'L', 'M', 'P', 'T', 'X', 'pasted']);
    const ids = new Set(kb.articles.map((a) => a.id));
    for (const g of gold) for (const id of g.relevant) assert.ok(ids.has(id), `${g.query}: ${id}`);
  });

  it('meets MRR@10 ≥ 0.92, hit@5 ≥ 0.97, every kind ≥ 0.85, and beats plain MiniSearch by ≥ 0.12', () => {
    const all = score(ranks);
    assert.ok(all.mrr10 >= 0.92, `MRR@10 ${all.mrr10}`);
    assert.ok(all.hit5 >= 0.97, `hit@5 ${all.hit5}`);
    for (const kind of new Set(gold.map((g) => g.kind))) {
      const k = score(ranks.filter((_, i) => gold[i]!.kind === kind));
      assert.ok(k.mrr10 >= 0.85, `kind ${kind}: MRR@10 ${k.mrr10}`);
    }
    const plain = new MiniSearch({ fields: ['title', 'body'], searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 } });
    plain.addAll(kb.articles);
    const base = score(gold.map((g) => firstRelevantRank(plain.search(g.query).slice(0, 10).map((r) => [r.id as string]), new Set(g.relevant))));
    assert.ok(all.mrr10 - base.mrr10 >= 0.12, `ours ${all.mrr10} vs baseline ${base.mrr10}`);
  });

  it('answers most off-topic queries (kind "none") with nothing, in both splits', () => {
    assert.ok(offTopic.length >= 30);
    for (const split of ['tune', 'holdout']) {
      const qs = offTopic.filter((g) => (g.split ?? 'tune') === split);
      const noisy = qs.filter((g) => index.search(g.query, { limit: 10 }).length > 0).map((g) => g.query);
      assert.ok(noisy.length <= qs.length * 0.15, `${split}: results for ${noisy.join(' | ')}`);
    }
  });
});
