import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers';

interface Step { id: string; title: string; description: string; media: { image?: string; markdown?: string }; completionEvents: string[] }

describe('the walkthrough', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const steps: Step[] = pkg.contributes.walkthroughs[0].steps;
  const en = JSON.parse(readFileSync(join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const ru = JSON.parse(readFileSync(join(REPO, 'package.nls.ru.json'), 'utf8')) as Record<string, string>;
  const nls = (s: string) => s.replace(/^%|%$/g, '');
  const source = ['src/extension.ts', ...readdirSync(join(REPO, 'src/vscode')).map((f) => `src/vscode/${f}`)].map((f) => readFileSync(join(REPO, f), 'utf8')).join('\n');

  it('has a step for each feature an agent uses: search, insert, search for selection, check a reply', () => {
    assert.deepEqual(steps.map((s) => s.id), ['find', 'insert', 'searchSelection', 'check']);
  });

  it('completes each step on a context key the extension sets when the agent does it', () => {
    for (const step of steps) {
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const m = /^onContext:supportKb\.walkthrough\.(\w+)$/.exec(event);
        assert.ok(m, `${step.id}: ${event}`);
        assert.ok(new RegExp(`markWalkthroughStep\\('${m[1]}'\\)`).test(source), `${step.id}: nothing sets ${m[1]}`);
      }
    }
  });

  it('says everything in one language per string, with media that exists', () => {
    for (const step of steps) {
      for (const key of [step.title, step.description]) {
        assert.doesNotMatch(en[nls(key)]!, /[а-яё]/i, `${nls(key)} (English) has Russian`);
        assert.doesNotMatch(ru[nls(key)]!.replace(/\]\(command:[^)]*\)/g, ']').replace(/\b(Ctrl|Alt|Shift|Enter|Tab|K|kb)\b/g, ''), /\b[a-z]{3,}\b/i, `${nls(key)} (Russian) has English`);
      }
      const file = step.media.image ?? step.media.markdown;
      assert.ok(file && existsSync(join(REPO, file)), `${step.id}: ${file}`);
    }
  });
});
