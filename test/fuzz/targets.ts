import fc from 'fast-check';
import { answerSnippet, partsForDraft } from '../../src/core/answers/answerSnippet';
import { validateDraft } from '../../src/core/checklist/validate';
import type { Checklist } from '../../src/core/checklist/types';
import { findEntities } from '../../src/core/entities/find';
import { decodeImei } from '../../src/core/entities/imei';
import { decodeVin } from '../../src/core/entities/vin';
import { assembleKb } from '../../src/core/kb/assemble';
import { importNumberedText } from '../../src/core/kb/importNumbered';
import { parseKbFile } from '../../src/core/kb/parse';
import type { Article } from '../../src/core/kb/types';
import { AliasTable } from '../../src/core/search/aliases';
import { KbIndex, type Range, type SearchHit } from '../../src/core/search/index';
import { excerpt } from '../../src/core/search/snippet';
import { fold } from '../../src/core/text/normalize';

/**
 * The fuzz targets of issue 10: every text path agents' and maintainers' input reaches, with the
 * invariants that must hold for any input. Used by `npm run fuzz` (test/fuzz/run.ts, many inputs)
 * and by a small fixed-seed slice in the unit tests (test/unit/fuzz.slice.test.ts).
 */

/** Characters that broke things before: markdown structure, joiners, line ends, case-changers, snippet syntax. */
const NASTY = ['#', '#', ' ', ' ', '\n', '\n', '\r', '\r\n', '\t', '-', '.', '@', '_', '`', '```', '~~~', '\\', '$', '}', '{', ':',
  'я', 'Ё', 'a', 'Z', '1', '9', 'İ', 'ß', 'ı', 'ſ', 'ﬀ', 'Σ', '\u2028', '\u2029', '\u0000', '\uFEFF', '😀', '\uD800', 'æ', 'ø',
  'VIN', 'XWE', 'Z94', 'IMEI', '8 800', '+7', '---', 'lang: ru', 'Здравствуйте', 'С уважением', 'пароль', 'kia.ru', 'e-mail', '1.', '2.1 ', '## ', ' #'];

const nastyPiece = fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

/** Up to `maxLength` characters: mostly short mixtures, sometimes one piece (or one letter: a single long token) repeated to a great length. */
export function hostileText(maxLength: number): fc.Arbitrary<string> {
  const repeated = fc.tuple(fc.oneof(nastyPiece, fc.constantFrom('я', 'a', '#', '\n', ' #', 'a-', '1.', '\n\n', ' ', '`')), fc.integer({ min: 1, max: maxLength }))
    .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));
  const mixed = fc.array(nastyPiece, { maxLength: 200 }).map((a) => a.join(''));
  const unicode = fc.string({ unit: 'binary', maxLength: 300 });
  const kbLike = fc.tuple(fc.array(fc.oneof(
    fc.constantFrom('## Пароль', '# Категория', '### 1.2 Klausul', '```', '~~~', '\\# escaped', '---', 'lang: da', '', '##', '## Foo', '## Foo 2', '1.', '2.'),
    fc.string({ maxLength: 40 }),
  ), { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, eol]) => lines.join(eol));
  const concat = fc.tuple(mixed, repeated, unicode).map((parts) => parts.join('').slice(0, maxLength));
  return fc.oneof({ arbitrary: mixed, weight: 4 }, { arbitrary: unicode, weight: 3 }, { arbitrary: kbLike, weight: 3 }, { arbitrary: repeated, weight: 1 }, { arbitrary: concat, weight: 1 });
}

export class InvariantBroken extends Error {
  override name = 'InvariantBroken';
}

function must(ok: boolean, what: string): void {
  if (!ok) throw new InvariantBroken(what);
}

/** Ranges inside `text`, each non-empty, in order, not overlapping. */
function rangesOk(ranges: readonly Range[], text: string, what: string): void {
  let last = 0;
  for (const [s, e] of ranges) {
    must(Number.isInteger(s) && Number.isInteger(e) && s >= last && s < e && e <= text.length, `${what}: range [${s}, ${e}) out of order or outside a text of ${text.length}`);
    last = e;
  }
}

function hitsOk(hits: readonly SearchHit[]): void {
  for (const h of hits) {
    rangesOk(h.highlights.title, h.article.title, `title highlights of ${h.article.id}`);
    rangesOk(h.highlights.body, h.article.body, `body highlights of ${h.article.id}`);
    const ex = excerpt(h.article.body, h.highlights.body);
    rangesOk(ex.ranges, ex.text, `excerpt of ${h.article.id}`);
  }
}

/** A `$` not preceded by an odd number of backslashes (a scan: a regex for it backtracks on long runs of `\`). */
function hasUnescapedDollar(s: string): boolean {
  let backslashes = 0;
  for (const ch of s) {
    if (ch === '$' && backslashes % 2 === 0) return true;
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  return false;
}

export interface FuzzTarget {
  name: string;
  /**
   * A failure of this target that is known and owned elsewhere: reported, but not failing the run
   * (unless FUZZ_STRICT=1), and the unit-test slice keeps its inputs short so it is not flaky.
   */
  known?: { issue: string; what: string; sliceMaxLength: number };
  /** Checks one input: throws InvariantBroken when an invariant fails, anything else is a crash. */
  check(input: string): void;
}

export interface FuzzContext {
  articles: readonly Article[];
  checklists: readonly Checklist[];
  aliases: AliasTable;
}

let bundledIndex: KbIndex | undefined;

export function targets(ctx: FuzzContext): FuzzTarget[] {
  const index = () => (bundledIndex ??= new KbIndex(ctx.articles, ctx.aliases));
  const articleBodies = new Map(ctx.articles.map((a) => [a.id, a.body]));
  return [
    {
      name: 'kb-parse-index',
      check(text) {
        const kb = assembleKb([{ file: 'fuzz/a.md', text }, { file: 'fuzz/a.md', text }]);
        const ids = kb.articles.map((a) => a.id);
        must(new Set(ids).size === ids.length, 'article ids are not unique');
        must(kb.files.length === 0 || kb.articles.length % 2 === 0, 'the same file twice gives its articles twice');
        for (const p of kb.problems) must(p.file === 'fuzz/a.md' && Number.isInteger(p.line) && p.line >= 0, `problem without file or line: ${JSON.stringify(p)}`);
        const idx = new KbIndex(kb.articles);
        const words = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 3) ?? [];
        for (const q of [...words, text]) hitsOk(idx.search(q));
      },
    },
    {
      name: 'importer',
      check(text) {
        const md = importNumberedText(text);
        if (text.includes('\u0000')) return; // a binary input gives a file the parser refuses, by design
        const parsed = parseKbFile({ file: 'fuzz/imported.md', text: md });
        must(!parsed.problems.some((p) => p.code.startsWith('kb.front-matter') || p.code === 'kb.fence.unclosed'), `imported markdown has problems: ${parsed.problems.map((p) => p.code).join(', ')}`);
      },
    },
    {
      name: 'search',
      check(query) {
        hitsOk(index().search(query));
        hitsOk(index().search(query, { limit: 3, langs: ['da'] }));
      },
    },
    {
      name: 'validateDraft',
      check(draft) {
        const report = validateDraft(draft, { checklists: ctx.checklists, articleBodies });
        for (const f of report.findings) {
          must(f.start >= 0 && f.start <= f.end && f.end <= draft.length, `finding ${f.code} [${f.start}, ${f.end}) outside a draft of ${draft.length}`);
          for (const fix of f.fixes) for (const e of fix.edits) must(e.start >= 0 && e.start <= e.end && e.end <= draft.length, `fix edit of ${f.code} outside the draft`);
        }
      },
    },
    {
      name: 'vin-imei',
      check(text) {
        for (const candidate of [text, text.slice(0, 17), text.slice(0, 20)]) {
          const vin = decodeVin(candidate);
          if (vin.valid) must(/^[A-HJ-NPR-Z0-9]{17}$/.test(vin.normalized), `a "valid" VIN that is not 17 ASCII VIN characters: ${JSON.stringify(vin.normalized)}`);
          const imei = decodeImei(candidate);
          if (imei.valid) must(/^\d{15}$/.test(imei.normalized), `a "valid" IMEI that is not 15 digits: ${JSON.stringify(imei.normalized)}`);
        }
        for (const e of findEntities(text)) {
          must(e.start >= 0 && e.end <= text.length && text.slice(e.start, e.end) === e.text, `entity ${JSON.stringify(e.text)} is not at [${e.start}, ${e.end})`);
        }
      },
    },
    {
      name: 'snippet',
      check(text) {
        const parts = partsForDraft(text, { greeting: 'Здравствуйте, ${1:имя}!', signature: 'С уважением,\n${2:имя}' });
        const body = answerSnippet(text, { greeting: '', signature: '' });
        must(body.endsWith('$0'), 'the snippet ends with its final tabstop');
        must(body.slice(0, -2).replace(/\\([\\$}])/g, '$1') === text, 'the KB text comes back word for word from the snippet');
        must(!hasUnescapedDollar(body.slice(0, -2)), 'an unescaped $ in the KB text');
        answerSnippet(text, parts);
        must(fold(text).length === text.length, 'fold() changed the length');
        const ex = excerpt(text, text.length > 4 ? [[1, 3]] : []);
        rangesOk(ex.ranges, ex.text, 'excerpt');
      },
    },
  ];
}

export type Outcome = 'ok' | 'crash' | 'slow' | 'invariant';

/** CPU milliseconds of this process since `start` (all its threads, so garbage collection counts). */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export interface TargetReport {
  name: string;
  runs: number;
  crashes: number;
  slow: number;
  invariants: number;
  /** CPU milliseconds of the slowest input (best of its runs when it was re-run). */
  slowestMs: number;
  /** Inputs over the limit on their first run, re-run to confirm (`slow` counts the confirmed ones). */
  slowOnce: number;
  longestInput: number;
  /** The shortest failing input of each kind, with what went wrong. */
  examples: { outcome: Outcome; length: number; input: string; error: string }[];
}

/**
 * Runs one target over `runs` inputs from a seeded generator. Every input is run (failures are
 * counted, not stopped at), and the shortest failing input of each kind is kept to reproduce.
 */
export function runTarget(target: FuzzTarget, options: { runs: number; seed: number; maxLength: number; slowMs: number; seconds?: number; progress?: (done: number) => void }): TargetReport {
  const report: TargetReport = { name: target.name, runs: 0, crashes: 0, slow: 0, slowOnce: 0, invariants: 0, slowestMs: 0, longestInput: 0, examples: [] };
  const keep = (outcome: Outcome, input: string, error: string) => {
    const same = report.examples.find((e) => e.outcome === outcome);
    if (same && same.length <= input.length) return;
    const example = { outcome, length: input.length, input: input.length > 300 ? `${JSON.stringify(input.slice(0, 150))} … (${input.length} chars)` : JSON.stringify(input), error };
    if (same) Object.assign(same, example);
    else report.examples.push(example);
  };
  fc.assert(
    fc.property(hostileText(options.maxLength), (input) => {
      report.runs++;
      report.longestInput = Math.max(report.longestInput, input.length);
      if (options.progress && report.runs % 5000 === 0) options.progress(report.runs);
      // CPU time of this process, not wall time: on a shared machine a descheduled input is not a slow one.
      const started = process.cpuUsage();
      try {
        target.check(input);
      } catch (e) {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        if (e instanceof InvariantBroken) {
          report.invariants++;
          keep('invariant', input, error);
        } else {
          report.crashes++;
          keep('crash', input, error);
        }
      }
      let ms = cpuMsSince(started);
      if (ms > options.slowMs) {
        // Confirm before counting: a garbage collection of the whole run's heap can land on any
        // input. A slow path is slow every time; the input's best of two more runs is what counts.
        report.slowOnce++;
        for (let k = 0; k < 2 && ms > options.slowMs; k++) {
          const again = process.cpuUsage();
          try {
            target.check(input);
          } catch {
            // counted above
          }
          ms = Math.min(ms, cpuMsSince(again));
        }
      }
      report.slowestMs = Math.max(report.slowestMs, ms);
      if (ms > options.slowMs) {
        report.slow++;
        keep('slow', input, `${Math.round(ms)} ms`);
      }
    }),
    {
      numRuns: options.runs, seed: options.seed, endOnFailure: true,
      // A time budget ends the target early (the report says how many inputs ran), never as a failure.
      ...(options.seconds ? { interruptAfterTimeLimit: options.seconds * 1000, markInterruptAsFailure: false } : {}),
    },
  );
  return report;
}
