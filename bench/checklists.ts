// npm run bench:checklists — precision and recall of missing-item detection over the draft fixtures
// (test/fixtures/drafts, expected.json), overall and per checklist. `--check` fails below 0.95.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDraft } from '../src/core/checklist/validate';
import { BUNDLED_KB_DIR, loadKbFromPaths } from '../src/node/loadKb';

async function main() {
  const dir = join(__dirname, '..', 'test', 'fixtures', 'drafts');
  const expected: Record<string, { checklists: Record<string, string[]> }> = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const kb = await loadKbFromPaths([BUNDLED_KB_DIR]);
  const options = { checklists: kb.checklists, articleBodies: new Map(kb.articles.map((a) => [a.id, a.body])) };
  const per = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (id: string) => per.get(id) ?? (per.set(id, { tp: 0, fp: 0, fn: 0 }), per.get(id)!);
  const errors: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const report = validateDraft(readFileSync(join(dir, `${name}.txt`), 'utf8'), options);
    const got = new Map(report.checklists.map((c) => [c.id, new Set(c.missing)]));
    for (const id of new Set([...got.keys(), ...Object.keys(want.checklists)])) {
      const predicted = got.get(id) ?? new Set<string>();
      const truth = new Set(want.checklists[id] ?? []);
      const c = count(id);
      for (const item of predicted) {
        if (truth.has(item)) c.tp++;
        else {
          c.fp++;
          errors.push(`${name}: ${id}.${item} reported missing but was asked for`);
        }
      }
      for (const item of truth) {
        if (predicted.has(item)) continue;
        c.fn++;
        errors.push(`${name}: ${id}.${item} missing but not reported`);
      }
    }
  }
  const ratio = (a: number, b: number) => (b ? a / b : 1);
  const total = [...per.values()].reduce((s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  console.log(`Missing-item detection on ${Object.keys(expected).length} drafts\n`);
  console.log('| checklist | missing items | precision | recall |');
  console.log('| --- | --: | --: | --: |');
  for (const [id, c] of [...per.entries()].sort()) console.log(`| ${id} | ${c.tp + c.fn} | ${ratio(c.tp, c.tp + c.fp).toFixed(3)} | ${ratio(c.tp, c.tp + c.fn).toFixed(3)} |`);
  const p = ratio(total.tp, total.tp + total.fp);
  const r = ratio(total.tp, total.tp + total.fn);
  console.log(`| **all** | ${total.tp + total.fn} | ${p.toFixed(3)} | ${r.toFixed(3)} |`);
  if (errors.length) console.log(`\n${errors.join('\n')}`);
  if (process.argv.includes('--check') && (p < 0.95 || r < 0.95)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
