// npm run bench:scale [-- --max 10000] [--runs 3] [--json]
// Index build, heap, query latency, warm start and palette title matching on synthetic KBs of
// 1k/10k/100k articles (bench/scaleKb.ts), ours against plain MiniSearch (fuzzy 0.2 + prefix, title
// boost 2, as SEARCH-QUALITY.md) in the same process. Figures are medians; ratios say more than
// milliseconds on a shared machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Article } from '../src/core/kb/types';
import { KbIndex } from '../src/core/search/index';
import { TitleMatcher } from '../src/core/search/titles';
import { BUNDLED_KB_DIR, loadKbFromPaths } from '../src/node/loadKb';
import { openIndex } from '../src/node/indexCache';
import { percentile } from './metrics';
import { random, syntheticKb } from './scaleKb';
import type { GoldQuery } from './metrics';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MAX = option('max', 100_000);
const RUNS = option('runs', 3);
const ROOT = join(__dirname, '..', 'bench', '.scale');

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:scale does)');

/** JS heap plus typed-array memory (the index keeps term-id sequences in typed arrays). */
function heapMb(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
}

const median = (xs: number[]) => percentile(xs, 50);

function time<T>(f: () => T): [T, number] {
  const s = performance.now();
  const r = f();
  return [r, performance.now() - s];
}

/**
 * Queries: the gold set (how agents really type), the same as typed letter by letter (as-you-type
 * prefixes of 12 of them), and queries nobody tuned on: random word runs of the synthetic KB's own
 * sentences with a typo in every third word.
 */
function queries(articles: readonly Article[]): string[] {
  const gold: GoldQuery[] = JSON.parse(readFileSync(join(__dirname, '..', 'bench', 'gold', 'queries.json'), 'utf8')).queries;
  const out = gold.map((g) => g.query);
  for (const g of gold.filter((_, i) => i % 10 === 0)) {
    for (let n = 3; n <= g.query.length; n += 3) out.push(g.query.slice(0, n));
  }
  const rnd = random(7);
  for (let i = 0; i < 60; i++) {
    const a = articles[Math.floor(rnd() * articles.length)]!;
    const words = a.body.split(/\s+/).filter((w) => w.length > 2);
    const from = Math.floor(rnd() * Math.max(1, words.length - 4));
    const picked = words.slice(from, from + 1 + Math.floor(rnd() * 4)).map((w, k) => (k % 3 === 2 && w.length > 5 ? w.slice(0, 2) + w.slice(3) : w));
    out.push(picked.join(' '));
  }
  return out;
}

interface Latency {
  p50: number;
  p95: number;
  /** p95 of the queries' CPU time: what a busy, shared machine inflates least (wall time also counts waiting for a core). */
  cpuP95: number;
}

/** p50/p95 over the queries of each query's median time over `rounds` runs. */
function latency(run: (q: string) => unknown, qs: readonly string[], rounds = 3): Latency {
  for (const q of qs.slice(0, 10)) run(q); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of qs) {
    const w: number[] = [];
    const c: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const before = process.cpuUsage();
      w.push(time(() => run(q))[1]);
      const used = process.cpuUsage(before);
      c.push((used.user + used.system) / 1000);
    }
    wall.push(median(w));
    cpu.push(median(c));
  }
  return { p50: percentile(wall, 50), p95: percentile(wall, 95), cpuP95: percentile(cpu, 95) };
}

interface Row {
  articles: number;
  loadMs: number;
  build: { ours: number; base: number };
  heap: { ours: number; base: number };
  query: { ours: Latency; base: Latency };
  warmStartMs: number;
  /** The same in CPU time of the process: what a busy, shared machine inflates least. */
  warmStartCpuMs: number;
  palette: { ours: Latency; fuse: Latency };
}

/** Builds an engine `rounds` times: median build time; heap and query latency of the first build. */
function measureEngine(rounds: number, build: () => (q: string) => unknown, qs: readonly string[], count: number) {
  const builds: number[] = [];
  let heap = 0;
  let query: Latency = { p50: 0, p95: 0, cpuP95: 0 };
  for (let r = 0; r < rounds; r++) {
    const before = heapMb();
    const [search, ms] = time(build);
    builds.push(ms);
    if (r === 0) {
      heap = heapMb() - before;
      query = latency(search, qs, count >= 50_000 ? 1 : 3);
    }
  }
  return { build: median(builds), heap, query };
}

async function measure(paths: string[], count: number): Promise<Row> {
  const [kbPromise, loadMs] = time(() => loadKbFromPaths(paths));
  const t0 = performance.now();
  const kb = await kbPromise;
  const load = performance.now() - t0 + loadMs;
  const articles = kb.articles;
  const qs = queries(articles);
  const rounds = count >= 50_000 ? 1 : RUNS;

  // Each engine measured in its own function, so nothing of one is alive while the other is weighed:
  // the heap figure is what the index adds to the articles.
  const base = measureEngine(rounds, () => {
    const m = new MiniSearch<Article>({ fields: ['title', 'body'], searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 } });
    m.addAll(articles);
    return (q: string) => m.search(q).slice(0, 20);
  }, qs, count);
  const ours = measureEngine(rounds, () => {
    const index = new KbIndex(articles, kb.aliases);
    return (q: string) => index.search(q, { limit: 20 });
  }, qs, count);

  // Palette: the title matcher as the agent types, against fuse.js over all titles.
  const typed = qs.filter((q) => q.length <= 40);
  const titles = new TitleMatcher(articles);
  const fuse = new Fuse([...articles], { keys: ['title'], threshold: 0.3, ignoreLocation: true, minMatchCharLength: 2 });
  const palette = {
    ours: latency((q) => titles.search(q, 10), typed),
    fuse: count > 20_000 ? { p50: NaN, p95: NaN, cpuP95: NaN } : latency((q) => fuse.search(q, { limit: 10 }), typed.slice(0, 40), 1),
  };

  // Warm start: a saved index (written by a first, cold open) → the first answer, files hashed and checked.
  const cacheDir = mkdtempSync(join(tmpdir(), 'support-kb-bench-'));
  let warmStartMs = NaN;
  let warmStartCpuMs = NaN;
  try {
    await openIndex(paths, { cacheDir });
    const warm: number[] = [];
    const warmCpu: number[] = [];
    for (let r = 0; r < Math.max(1, rounds); r++) {
      heapMb();
      const s = performance.now();
      const cpu = process.cpuUsage();
      const opened = await openIndex(paths, { cacheDir });
      opened.index.search(qs[0]!, { limit: 20 });
      warm.push(performance.now() - s);
      const used = process.cpuUsage(cpu);
      warmCpu.push((used.user + used.system) / 1000);
      if (opened.cache !== 'hit') throw new Error(`warm start did not hit the cache (${opened.cache})`);
    }
    warmStartMs = median(warm);
    warmStartCpuMs = median(warmCpu);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  return {
    articles: articles.length,
    loadMs: load,
    build: { ours: ours.build, base: base.build },
    heap: { ours: ours.heap, base: base.heap },
    query: { ours: ours.query, base: base.query },
    warmStartMs,
    warmStartCpuMs,
    palette,
  };
}

/**
 * `require('dist/extension.js')` in a fresh Node process, with a stand-in for the `vscode` module (the
 * names the sources use): module load only, no activation. Median of `runs` processes.
 */
function moduleLoad(runs: number): { bytes: number; ms: number; cpuMs: number } {
  const repo = join(__dirname, '..');
  const bundle = join(repo, 'dist', 'extension.js');
  const sources = [join(repo, 'src', 'extension.ts'), ...readdirSync(join(repo, 'src', 'vscode')).map((f) => join(repo, 'src', 'vscode', f))];
  const names = [...new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/vscode\.(\w+)/g)].map((m) => m[1]!)))];
  const script = `
    const Module = require('module');
    const stub = () => new Proxy(function () {}, { get: (t, k) => (k === Symbol.toPrimitive ? () => '' : stub()), construct: () => stub(), apply: () => stub() });
    const vscode = Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, stub()]));
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
    const t = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    require(${JSON.stringify(bundle)});
    const used = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify([Number(process.hrtime.bigint() - t) / 1e6, (used.user + used.system) / 1000]));`;
  const times = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as [number, number]);
  // CPU time says more than wall time on a shared machine (a busy machine only makes the wait longer).
  return { bytes: statSync(bundle).size, ms: median(times.map((t) => t[0])), cpuMs: median(times.map((t) => t[1])) };
}

async function main() {
  const bundled = await loadKbFromPaths([BUNDLED_KB_DIR]);
  const rows: Row[] = [];
  rows.push(await measure([BUNDLED_KB_DIR], bundled.articles.length));
  for (const count of [1_000, 10_000, 100_000].filter((c) => c <= MAX)) {
    const dir = syntheticKb(ROOT, count, bundled.articles);
    rows.push(await measure([dir, join(BUNDLED_KB_DIR, 'aliases.json')], count));
    if (!args.includes('--json')) console.error(`measured ${count} articles`);
  }
  const load = moduleLoad(15);
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ rows, bundle: load }, null, 2) + '\n');
    return;
  }
  const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
  const mb = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} MB`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(`bench:scale — node ${process.version}, medians of ${RUNS} runs (1 at 100k); ours vs plain MiniSearch in the same process\n`);
  console.log('| articles | KB parse | build ours / base | heap ours / base | query p50 ours / base | query p95 ours / base (ratio; CPU p95 ours / base) | warm start (CPU) | palette p95 ours / fuse.js |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.articles.toLocaleString('en')} | ${ms(r.loadMs)} | ${ms(r.build.ours)} / ${ms(r.build.base)} | ${mb(r.heap.ours)} / ${mb(r.heap.base)} | ${ms(r.query.ours.p50)} / ${ms(r.query.base.p50)} | ${ms(r.query.ours.p95)} / ${ms(r.query.base.p95)} (${ratio(r.query.ours.p95, r.query.base.p95)}; ${ms(r.query.ours.cpuP95)} / ${ms(r.query.base.cpuP95)}) | ${ms(r.warmStartMs)} (${ms(r.warmStartCpuMs)}) | ${ms(r.palette.ours.p95)} / ${Number.isNaN(r.palette.fuse.p95) ? 'n/a' : ms(r.palette.fuse.p95)} |`);
  }
  console.log(`\nBundle: dist/extension.js ${(load.bytes / 1024).toFixed(0)} KB minified; module load ${load.ms.toFixed(1)} ms wall, ${load.cpuMs.toFixed(1)} ms CPU (medians of 15 fresh processes, \`vscode\` stubbed)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
