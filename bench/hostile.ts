// npm run bench:hostile — the text paths that used to grow with the square of the input (issue 10),
// timed at 10k and 100k characters. Linear code takes about 10× as long for 10× the input; the old
// code (kept here as the baseline, run in the same process) took 25× for 5×. Medians of several
// runs, in CPU time; on a shared machine read the ratios, not the milliseconds. `--check` fails when a path's
// 100k/10k ratio is above 30 (quadratic would be ~100).
import { partsForDraft } from '../src/core/answers/answerSnippet';
import { assembleKb } from '../src/core/kb/assemble';
import { importNumberedText } from '../src/core/kb/importNumbered';
import { parseKbFile } from '../src/core/kb/parse';
import { findCompounds, tokenize, type Token } from '../src/core/search/analyze';
import { KbIndex } from '../src/core/search/index';
import { excerpt } from '../src/core/search/snippet';
import { fold } from '../src/core/text/normalize';

/** The implementations issue 10 replaced, verbatim, as the baseline. */
const OLD = {
  compound: (text: string) => [...fold(text).matchAll(/[\p{L}\p{N}]+(?:[-.@_][\p{L}\p{N}]+)+/gu)].length,
  heading: (line: string) => /^(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(line),
  greeting: (draft: string) => /^\s*(здравствуйте|добрый\s+(день|вечер|утро)|доброе\s+утро|приветствуем|hej|goddag|hello|dear)(?!\p{L})/imu.test(draft),
  excerpt: (text: string) => {
    let flat = '';
    for (let i = 0; i < text.length; i++) {
      if (/\s/.test(text[i]!)) {
        if (flat.length > 0 && !flat.endsWith(' ')) flat += ' ';
      } else flat += text[i];
    }
    return flat.length;
  },
  within: (text: string) => {
    const words = tokenize(text);
    const within = (t: Token) => words.filter((w) => w.start >= t.start && w.end <= t.end);
    let n = 0;
    for (const m of fold(text).matchAll(/[\p{L}\p{N}]+(?:[-.@_][\p{L}\p{N}]+)+/gu)) n += within({ text: m[0], start: m.index!, end: m.index! + m[0].length }).length;
    return n;
  },
};

interface Path {
  name: string;
  /** Hostile input of about `n` characters. */
  input: (n: number) => string;
  run: (input: string) => unknown;
  old?: (input: string) => unknown;
}

const kbIndexOf = (text: string) => new KbIndex(assembleKb([{ file: 'bench.md', text }]).articles);
const bundled = kbIndexOf('## Пароль\nЗабыли пароль? Нажмите «Восстановить».\n## Карты\nОбновите навигацию.');

const PATHS: Path[] = [
  { name: 'compound words: one long token', input: (n) => 'я'.repeat(n), run: (t) => findCompounds(t), old: OLD.compound },
  { name: 'compound parts ("within"): many compounds', input: (n) => 'ab-cd '.repeat(n / 6), run: (t) => findCompounds(t), old: OLD.within },
  { name: 'heading: "## " + " #" repeated', input: (n) => '## x' + ' #'.repeat(n / 2) + ' y', run: (t) => parseKbFile({ file: 'h.md', text: t }), old: OLD.heading },
  { name: 'greeting/signature: many blank lines', input: (n) => '\n'.repeat(n) + 'x', run: (t) => partsForDraft(t, { greeting: 'G', signature: 'S' }), old: OLD.greeting },
  { name: 'KB file + index: one long token', input: (n) => `## Слово\n${'я'.repeat(n)}`, run: (t) => kbIndexOf(t) },
  { name: 'KB file: one long title', input: (n) => `## ${'Заголовок '.repeat(n / 10)}\nтело`, run: (t) => parseKbFile({ file: 't.md', text: t }) },
  { name: 'KB file: empty headings', input: (n) => '## \n'.repeat(n / 4), run: (t) => parseKbFile({ file: 'h.md', text: t }) },
  { name: 'search: one long token as the query', input: (n) => 'я'.repeat(n), run: (t) => bundled.search(t) },
  { name: 'search: long pasted text as the query', input: (n) => 'Здравствуйте, не могу войти в личный кабинет Kia Connect, пароль не подходит. '.repeat(n / 78), run: (t) => bundled.search(t) },
  { name: 'search: one word repeated as the query', input: (n) => 'пароль '.repeat(n / 7), run: (t) => bundled.search(t) },
  { name: 'importer: blank lines inside a clause', input: (n) => `T\nC\n1.\nA\nx${'\n'.repeat(n)}y`, run: (t) => importNumberedText(t), old: (t) => `${t}\n`.replace(/\n+$/, '\n') },
  { name: 'importer: numbered text', input: (n) => 'Titel\nKapitel\n' + Array.from({ length: n / 40 }, (_, i) => `${i + 1}.\nAfsnit ${i + 1}\n\`\`\` tekst`).join('\n'), run: (t) => importNumberedText(t) },
  { name: 'excerpt: body with many line breaks', input: (n) => 'IMEIΣ\r\n'.repeat(n / 7), run: (t) => excerpt(t, [[7, 11]]), old: OLD.excerpt },
  { name: 'fold: text with İ', input: (n) => 'İx'.repeat(n / 2), run: (t) => fold(t) },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median CPU milliseconds of `f(input)` after two warm-up runs, 3 to 7 runs, at most ~2 s of runs. */
function time(f: (x: string) => unknown, input: string): number {
  // Warm up first: the first runs measure the JIT compiling, not the path.
  for (let i = 0; i < 2; i++) f(input);
  const runs: number[] = [];
  const deadline = performance.now() + 2000;
  while (runs.length < 7 && (runs.length < 3 || performance.now() < deadline)) {
    // CPU time of this process, not wall time: other work on a shared machine is not ours.
    const t0 = process.cpuUsage();
    f(input);
    const used = process.cpuUsage(t0);
    runs.push((used.user + used.system) / 1000);
  }
  return median(runs);
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(8);

function main() {
  const check = process.argv.includes('--check');
  const failures: string[] = [];
  console.log('path (CPU ms)'.padEnd(46) + '   10k ms  100k ms  ratio  | baseline (old code)   2k ms   10k ms  ratio (5× input)');
  for (const p of PATHS) {
    const small = time(p.run, p.input(10_000));
    const large = time(p.run, p.input(100_000));
    const ratio = large / Math.max(small, 0.01);
    let baseline = '';
    if (p.old) {
      const o2 = time(p.old, p.input(2_000));
      const o10 = time(p.old, p.input(10_000));
      baseline = `${fmt(o2)} ${fmt(o10)} ${(o10 / Math.max(o2, 0.01)).toFixed(1).padStart(6)}`;
    }
    console.log(`${p.name.padEnd(46)} ${fmt(small)} ${fmt(large)} ${ratio.toFixed(1).padStart(6)}  | ${baseline.padStart(30)}`);
    // Sub-millisecond paths (capped, constant) have noisy ratios that mean nothing.
    if (ratio > 30 && large > 5) failures.push(`${p.name}: 100k/10k = ${ratio.toFixed(1)}`);
  }
  if (check && failures.length) {
    console.error(`not linear:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main();
