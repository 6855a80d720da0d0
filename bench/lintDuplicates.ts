// npm run bench:lint — near-duplicate detection measured against the maintainers' gold list
// (test/fixtures/lint/gold.json, written before tuning): precision and recall per method and
// threshold, on pairs ("borderline" pairs count neither way), and the time of prefix-filtered
// candidate generation against the all-pairs baseline on a KB scaled up to 10 000 articles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKbFile } from '../src/core/kb/parse';
import type { Article } from '../src/core/kb/types';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, dot, similarPairs, stems, tfidfVectors } from '../src/core/kb/lintSimilarity';
import { lintKb, titleJunk, titleShares } from '../src/core/kb/lint';
import { redact } from '../src/core/gaps/redact';
import { RULE_OPTIONS } from '../src/core/kb/lintConfig';

const KB = join(__dirname, '..', 'kb');
const FILES = ['kia-support-ru.md', 'kia-connect-terms-da.md'];

interface Gold {
  nearDuplicates: { a: string; b: string }[];
  borderline: { a: string; b: string }[];
  titles: { at: string; kind: 'junk' | 'mismatch' | 'noise' }[];
  borderlineTitles: { at: string }[];
}

function load(): Article[] {
  return FILES.flatMap((f) => parseKbFile({ file: f, text: readFileSync(join(KB, f), 'utf8') }).articles);
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const where = (a: Article) => `${a.file}:${a.line}`;

/** Word shingles and Jaccard: the other method measured (kept here, the lint uses TF-IDF cosine). */
function shingles(words: readonly string[], size: number): Set<string> {
  const set = new Set<string>();
  if (words.length && words.length < size) set.add(words.join(' '));
  for (let i = 0; i + size <= words.length; i++) set.add(words.slice(i, i + size).join(' '));
  return set;
}

function jaccard(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common || 1);
}

/** A fixed third of the gold pairs is never used to choose the threshold. */
const isHoldout = (k: string) => [...k].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 3 === 0;

function evaluate(articles: Article[], pairs: { a: number; b: number; score: number }[], gold: Gold, threshold: number, split: 'tune' | 'holdout' | 'all' = 'all') {
  const all = gold.nearDuplicates.map((p) => key(p.a, p.b));
  const truth = new Set(split === 'all' ? all : all.filter((k) => isHoldout(k) === (split === 'holdout')));
  const other = new Set(all.filter((k) => !truth.has(k)));
  const ignore = new Set(gold.borderline.map((p) => key(p.a, p.b)));
  let tp = 0;
  let fp = 0;
  const falsePositives: string[] = [];
  const found = new Set<string>();
  for (const p of pairs) {
    if (p.score < threshold) continue;
    // Identical bodies are the exact-duplicate rule's; they are in the gold list, so count them too.
    const k = key(where(articles[p.a]!), where(articles[p.b]!));
    if (ignore.has(k) || other.has(k)) continue;
    if (truth.has(k)) {
      tp++;
      found.add(k);
    } else {
      fp++;
      falsePositives.push(`${k} (${p.score.toFixed(2)})`);
    }
  }
  const fn = [...truth].filter((k) => !found.has(k));
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: tp / truth.size, tp, fp, fn, falsePositives };
}

/** Median time of five runs, in ms. */
function median(f: () => unknown): number {
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    f();
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

function main() {
  const gold: Gold = JSON.parse(readFileSync(join(__dirname, '..', 'test', 'fixtures', 'lint', 'gold.json'), 'utf8'));
  const articles = load();
  const words = articles.map((a) => stems(a.body, a.lang));
  const verbose = process.argv.includes('--verbose');
  console.log(`Near-duplicates: ${articles.length} articles, ${gold.nearDuplicates.length} gold pairs, ${gold.borderline.length} borderline (ignored)\n`);
  console.log('| method | threshold | precision | recall | F1 | TP | FP | FN |');
  console.log('|---|---|---|---|---|---|---|---|');
  const row = (name: string, t: number, r: ReturnType<typeof evaluate>) => {
    const f1 = r.precision + r.recall ? (2 * r.precision * r.recall) / (r.precision + r.recall) : 0;
    console.log(`| ${name} | ${t} | ${r.precision.toFixed(2)} | ${r.recall.toFixed(2)} | ${f1.toFixed(2)} | ${r.tp} | ${r.fp} | ${r.fn.length} |`);
    if (verbose) console.log(`  FP: ${r.falsePositives.join(', ')}\n  FN: ${r.fn.join(', ')}`);
  };
  for (const size of [1, 2, 3]) {
    const sets = words.map((w) => shingles(w, size));
    const all: { a: number; b: number; score: number }[] = [];
    for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) all.push({ a: i, b: j, score: jaccard(sets[i]!, sets[j]!) });
    for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]) row(`jaccard, ${size}-word shingles`, t, evaluate(articles, all, gold, t));
  }
  const vectors = tfidfVectors(words);
  const cos: { a: number; b: number; score: number }[] = [];
  for (let i = 0; i < vectors.length; i++) for (let j = i + 1; j < vectors.length; j++) cos.push({ a: i, b: j, score: dot(vectors[i]!, vectors[j]!) });
  const thresholds = [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
  for (const t of thresholds) row('tf-idf cosine', t, evaluate(articles, cos, gold, t));
  const f1 = (r: ReturnType<typeof evaluate>) => (r.precision + r.recall ? (2 * r.precision * r.recall) / (r.precision + r.recall) : 0);
  const best = thresholds.reduce((b, t) => (f1(evaluate(articles, cos, gold, t, 'tune')) > f1(evaluate(articles, cos, gold, b, 'tune')) ? t : b));
  console.log(`\nThreshold chosen on the tuning two thirds of the gold pairs: ${best} (the lint's default: ${DEFAULT_NEAR_DUPLICATE_THRESHOLD})`);
  console.log('| split | precision | recall | TP | FP | FN |');
  console.log('|---|---|---|---|---|---|');
  for (const split of ['tune', 'holdout', 'all'] as const) {
    const r = evaluate(articles, cos, gold, DEFAULT_NEAR_DUPLICATE_THRESHOLD, split);
    console.log(`| ${split} | ${r.precision.toFixed(2)} | ${r.recall.toFixed(2)} | ${r.tp} | ${r.fp} | ${r.fn.length} |`);
  }
  const fast = similarPairs(vectors, DEFAULT_NEAR_DUPLICATE_THRESHOLD).length;
  const slow = cos.filter((p) => p.score >= DEFAULT_NEAR_DUPLICATE_THRESHOLD - 1e-9).length;
  console.log(`\nPrefix-bounded search finds ${fast} pairs, all pairs compared: ${slow}${fast === slow ? ' (same)' : ' — MISMATCH'}`);

  // Titles: the word-overlap rule (kb.title.mismatch) and the junk rule against the gold titles.
  const shares = titleShares(articles);
  const mismatch = new Set(gold.titles.filter((t) => t.kind === 'mismatch').map((t) => t.at));
  const ignoreTitles = new Set(gold.borderlineTitles.map((t) => t.at));
  console.log('\nTitles that do not fit their body (share of title word weight found in the body below the threshold):\n');
  console.log('| min share | precision | recall | TP | FP | FN | FP (all files) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const t of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3]) {
    let tp = 0;
    let fp = 0;
    const fps: string[] = [];
    articles.forEach((a, i) => {
      if (shares[i]! >= t || ignoreTitles.has(where(a))) return;
      if (mismatch.has(where(a))) tp++;
      else {
        fp++;
        fps.push(`${where(a)}`);
      }
    });
    const mark = t === RULE_OPTIONS.titleMinShare ? ' (default)' : '';
    console.log(`| ${t}${mark} | ${(tp / (tp + fp || 1)).toFixed(2)} | ${(tp / mismatch.size).toFixed(2)} | ${tp} | ${fp} | ${mismatch.size - tp} | ${verbose ? fps.join(' ') : ''} |`);
  }
  const junkGold = new Set(gold.titles.filter((t) => t.kind === 'junk').map((t) => t.at));
  const junkFound = articles.filter((a) => titleJunk(a.title)).map(where);
  const junkTp = junkFound.filter((w) => junkGold.has(w)).length;
  console.log(`\nTitle junk: ${junkFound.length} found, ${junkTp} of ${junkGold.size} gold (precision ${(junkTp / (junkFound.length || 1)).toFixed(2)}, recall ${(junkTp / junkGold.size).toFixed(2)}); the generator's note in gold (kind "noise") is not looked for.`);

  // Linear text paths: hostile lines of 10 000 and 100 000 characters through the lint's scanners
  // (links, e-mails, phones, headings) and the search-gap redaction. Linear means ~10× for 10× the text.
  console.log('\nHostile lines, 10k vs 100k characters (median of 5, same process):\n');
  console.log('| input | lint 10k ms | lint 100k ms | ratio | redact 10k ms | redact 100k ms | ratio |');
  console.log('|---|---|---|---|---|---|---|');
  const hostile: [string, (n: number) => string][] = [
    ['link then dots', (n) => `## A\n\nhttp://a${'.'.repeat(n)}x`],
    ['heading of " #"', (n) => `## a${' #'.repeat(n / 2)}x\n\ntext`],
    ['digits and spaces', (n) => `## A\n\n${'1 '.repeat(n / 2)}`],
    ['"a@" repeated', (n) => `## A\n\n${'a@'.repeat(n / 2)}`],
    ['"http://" repeated', (n) => `## A\n\n${'http://'.repeat(n / 7)}`],
    ['greeting and capitals', (n) => `## A\n\n${'Здравствуйте, Иван '.repeat(n / 19)}`],
  ];
  for (const [name, make] of hostile) {
    const lint = (n: number) => median(() => lintKb([{ file: 'h.md', text: make(n) }]));
    const red = (n: number) => median(() => redact(make(n)));
    const [l1, l2, r1, r2] = [lint(10_000), lint(100_000), red(10_000), red(100_000)];
    console.log(`| ${name} | ${l1.toFixed(1)} | ${l2.toFixed(1)} | ${(l2 / l1).toFixed(1)}× | ${r1.toFixed(2)} | ${r2.toFixed(2)} | ${(r2 / r1).toFixed(1)}× |`);
  }

  // Scale: the bundled articles repeated with a per-copy word, prefix filtering vs all pairs.
  console.log('\nCandidate generation (median of 5 runs, same process):\n');
  console.log('| articles | prefix-filtered ms | all-pairs ms | ratio |');
  console.log('|---|---|---|---|');
  for (const n of [1000, 3000, 10000]) {
    // The bundled articles repeated, each copy with every other word its own, so copies share vocabulary but are not duplicates.
    const docs = Array.from({ length: n }, (_, i) => {
      const w = words[i % words.length]!;
      return w.map((t, k) => ((k * 7 + i) % 2 === 0 ? t : `w${i}_${k}`));
    });
    const vecs = tfidfVectors(docs);
    const fast = median(() => similarPairs(vecs, DEFAULT_NEAR_DUPLICATE_THRESHOLD));
    const slow = n <= 3000 ? median(() => {
      let c = 0;
      for (let i = 0; i < vecs.length; i++) for (let j = i + 1; j < vecs.length; j++) if (dot(vecs[i]!, vecs[j]!) >= DEFAULT_NEAR_DUPLICATE_THRESHOLD) c++;
      return c;
    }) : NaN;
    console.log(`| ${n} | ${fast.toFixed(0)} | ${Number.isNaN(slow) ? '(skipped)' : slow.toFixed(0)} | ${Number.isNaN(slow) ? '' : (slow / fast).toFixed(1) + '×'} |`);
  }
}

main();
