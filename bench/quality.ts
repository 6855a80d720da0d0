// npm run bench:quality — search quality on the gold set (bench/gold/queries.json) for our engine and
// for the plain-MiniSearch baseline of SEARCH-QUALITY.md, in the same run, overall and per kind,
// plus query latency. `--json` prints the figures as JSON; `--check` fails when a target is missed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { KbIndex } from '../src/core/search/index';
import { BUNDLED_KB_DIR, loadKbFromPaths } from '../src/node/loadKb';
import { firstRelevantRank, percentile, score, type GoldQuery, type Scores } from './metrics';

const NO_MATCH_KIND = 'none';
const TARGETS = { noMatch: 0.85, mrr10: 0.92, hit5: 0.97, perKindMrr: 0.85, gainOverBaseline: 0.12, p95Ms: 5 };

async function main() {
  const all: GoldQuery[] = JSON.parse(readFileSync(join(__dirname, '..', 'bench', 'gold', 'queries.json'), 'utf8')).queries;
  // Off-topic queries (kind "none") have no relevant article: they measure the no-match floor, not ranking.
  const gold = all.filter((g) => g.kind !== NO_MATCH_KIND);
  const offTopic = all.filter((g) => g.kind === NO_MATCH_KIND);
  const kb = await loadKbFromPaths([BUNDLED_KB_DIR]);
  const known = new Set(kb.articles.map((a) => a.id));
  for (const g of gold) for (const id of g.relevant) if (!known.has(id)) throw new Error(`gold set names an unknown article: ${id} (query "${g.query}")`);

  const t0 = performance.now();
  const ours = new KbIndex(kb.articles, kb.aliases);
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const baseline = new MiniSearch({ fields: ['title', 'body'], searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 } });
  baseline.addAll(kb.articles);
  const baselineBuildMs = performance.now() - t1;

  const engines = {
    ours: (q: string) => ours.search(q, { limit: 10 }).map((h) => [h.article.id, ...h.similar]),
    baseline: (q: string) => baseline.search(q).slice(0, 10).map((r) => [r.id as string]),
  };
  const kinds = [...new Set(gold.map((g) => g.kind))];
  const report: Record<string, { overall: Scores; kinds: Record<string, Scores>; p50: number; p95: number; buildMs: number; misses: string[] }> = {};
  for (const [name, run] of Object.entries(engines)) {
    const ranks = gold.map((g) => firstRelevantRank(run(g.query), new Set(g.relevant)));
    // Latency: warm; each query run seven times and its median taken (a GC pause is not the query's cost),
    // then p50/p95 over the queries.
    const times = gold.map((g) => {
      const runs: number[] = [];
      for (let round = 0; round < 7; round++) {
        const s = performance.now();
        run(g.query);
        runs.push(performance.now() - s);
      }
      return percentile(runs, 50);
    });
    report[name] = {
      overall: score(ranks),
      kinds: Object.fromEntries(kinds.map((k) => [k, score(ranks.filter((_, i) => gold[i]!.kind === k))])),
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      buildMs: name === 'ours' ? buildMs : baselineBuildMs,
      misses: gold.flatMap((g, i) => (ranks[i] === 1 ? [] : [`${g.kind}: ${g.query} → rank ${ranks[i] || '>10'}`])),
    };
  }

  const o = report.ours!;
  const b = report.baseline!;
  const empty = (split: string) => {
    const qs = offTopic.filter((g) => (g.split ?? 'tune') === split);
    return { n: qs.length, empty: qs.filter((g) => ours.search(g.query, { limit: 10 }).length === 0).length };
  };
  const noMatch = { tune: empty('tune'), holdout: empty('holdout') };
  const baselineEmpty = offTopic.filter((g) => baseline.search(g.query).length === 0).length;
  const checks: [string, boolean][] = [
    [`MRR@10 ${o.overall.mrr10.toFixed(3)} ≥ ${TARGETS.mrr10}`, o.overall.mrr10 >= TARGETS.mrr10],
    [`hit@5 ${o.overall.hit5.toFixed(3)} ≥ ${TARGETS.hit5}`, o.overall.hit5 >= TARGETS.hit5],
    ...kinds.map((k): [string, boolean] => [`MRR@10 of kind ${k} ${o.kinds[k]!.mrr10.toFixed(3)} ≥ ${TARGETS.perKindMrr}`, o.kinds[k]!.mrr10 >= TARGETS.perKindMrr]),
    [`gain over baseline ${(o.overall.mrr10 - b.overall.mrr10).toFixed(3)} ≥ ${TARGETS.gainOverBaseline}`, o.overall.mrr10 - b.overall.mrr10 >= TARGETS.gainOverBaseline],
    [`query p95 ${o.p95.toFixed(2)} ms < ${TARGETS.p95Ms} ms`, o.p95 < TARGETS.p95Ms],
    [`off-topic queries with no result (holdout) ${noMatch.holdout.empty}/${noMatch.holdout.n} ≥ ${TARGETS.noMatch}`, noMatch.holdout.empty >= TARGETS.noMatch * noMatch.holdout.n],
  ];

  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ queries: gold.length, report, noMatch, checks }, null, 2) + '\n');
  } else {
    const f = (x: number) => x.toFixed(3);
    console.log(`Search quality on ${gold.length} gold queries, ${kb.articles.length} articles (ours vs plain MiniSearch, same run)\n`);
    console.log('| kind | n | hit@1 ours | hit@1 base | hit@5 ours | hit@5 base | MRR@10 ours | MRR@10 base |');
    console.log('| --- | --: | --: | --: | --: | --: | --: | --: |');
    for (const k of [...kinds, 'all']) {
      const so = k === 'all' ? o.overall : o.kinds[k]!;
      const sb = k === 'all' ? b.overall : b.kinds[k]!;
      console.log(`| ${k === 'all' ? '**all**' : k} | ${so.n} | ${f(so.hit1)} | ${f(sb.hit1)} | ${f(so.hit5)} | ${f(sb.hit5)} | ${f(so.mrr10)} | ${f(sb.mrr10)} |`);
    }
    console.log(`\nLatency per query (warm, median of 7 runs each): ours p50 ${o.p50.toFixed(2)} ms, p95 ${o.p95.toFixed(2)} ms; baseline p50 ${b.p50.toFixed(2)} ms, p95 ${b.p95.toFixed(2)} ms`);
    console.log(`Index build: ours ${o.buildMs.toFixed(0)} ms, baseline ${b.buildMs.toFixed(0)} ms`);
    console.log(`Off-topic queries (kind none) with no result: ours ${noMatch.tune.empty}/${noMatch.tune.n} tuning, ${noMatch.holdout.empty}/${noMatch.holdout.n} holdout; baseline ${baselineEmpty}/${offTopic.length}\n`);
    for (const [text, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${text}`);
    if (process.argv.includes('--misses')) console.log(`\nNot first:\n${o.misses.join('\n')}`);
  }
  if (process.argv.includes('--check') && checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
