import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_REPLY_PARTS, answerSnippet, escapeSnippetText, partsForDraft, placeholderLines } from '../../src/core/answers/answerSnippet';
import { validateDraft } from '../../src/core/checklist/validate';
import { isFromWebview, isToWebview } from '../../src/shared/protocol';
import { REPO } from './helpers';

describe('canned answers as snippets', () => {
  const parts = { greeting: 'Здравствуйте, ${1:имя клиента}!', signature: 'С уважением,\n${2:ваше имя}' };

  it('puts greeting, answer and signature around a final tabstop', () => {
    assert.equal(answerSnippet('Ответ.', parts), 'Здравствуйте, ${1:имя клиента}!\n\nОтвет.\n\nС уважением,\n${2:ваше имя}$0');
    assert.equal(answerSnippet('Ответ.', { greeting: '', signature: '' }), 'Ответ.$0');
  });

  it('keeps the KB text word for word by escaping snippet syntax in it', () => {
    assert.equal(escapeSnippetText('Цена $5 {a} \\ ${1:x}'), 'Цена \\$5 {a\\} \\\\ \\${1:x\\}');
    assert.match(answerSnippet('Стоимость $10}', parts), /Стоимость \\\$10\\\}/);
  });

  it('leaves out the greeting or signature a draft already has', () => {
    assert.deepEqual(partsForDraft('Здравствуйте, Ирина!\n\n', parts), { greeting: '', signature: parts.signature });
    assert.deepEqual(partsForDraft('Добрый день!\n...\nС уважением,\nАнна', parts), { greeting: '', signature: '' });
    assert.deepEqual(partsForDraft('', parts), parts);
  });

  it('has the same defaults in package.json as in code', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties;
    const config = readFileSync(join(REPO, 'src', 'vscode', 'config.ts'), 'utf8');
    const defaults = {
      greeting: props['supportKb.reply.greeting'].default,
      signature: props['supportKb.reply.signature'].default,
      draftGlob: props['supportKb.draftGlob'].default,
      completionTrigger: props['supportKb.completion.trigger'].default,
    };
    const core = readFileSync(join(REPO, 'src', 'core', 'answers', 'answerSnippet.ts'), 'utf8');
    for (const [key, value] of Object.entries(defaults)) {
      const line = `${key}: ${JSON.stringify(value).replace(/"/g, "'")}`;
      assert.ok(config.includes(line) || (key in DEFAULT_REPLY_PARTS && core.includes(line)), `${key} default ${value}`);
    }
    assert.deepEqual({ greeting: defaults.greeting, signature: defaults.signature }, DEFAULT_REPLY_PARTS);
  });
});

describe('webview protocol', () => {
  it('accepts well-formed messages and rejects anything else', () => {
    assert.ok(isFromWebview({ type: 'search', requestId: 1, query: 'пароль', filters: { sources: [], categories: [] } }));
    assert.ok(isFromWebview({ type: 'insert', id: 'a#b' }));
    for (const bad of [null, 'insert', { type: 'insert' }, { type: 'search', query: 1 }, { type: 'eval', code: 'x' }, { type: 'search', requestId: 1, query: 'x'.repeat(6000), filters: { sources: [], categories: [] } }]) {
      assert.equal(isFromWebview(bad), false, JSON.stringify(bad).slice(0, 60));
    }
    assert.ok(isToWebview({ type: 'results', requestId: 2, query: 'x', results: [] }));
    assert.equal(isToWebview({ type: 'results', query: 'x' }), false);
  });
});

describe('snippet placeholders left as inserted', () => {
  const lines = [...placeholderLines(DEFAULT_REPLY_PARTS.greeting), ...placeholderLines(DEFAULT_REPLY_PARTS.signature)];
  const unfilled = (draft: string) =>
    validateDraft(draft, { checklists: [], placeholderLines: lines }).findings.filter((f) => f.code === 'draft.unfilled-placeholder').map((f) => draft.slice(f.start, f.end));

  it('reads the default texts from the greeting/signature snippets themselves', () => {
    assert.deepEqual(lines.map((l) => l.text), ['Здравствуйте, имя клиента!', 'ваше имя']);
    assert.deepEqual(placeholderLines('Hi ${1:name}, \\$5 ${2}'), [{ text: 'Hi name, $5', defaults: [{ text: 'name', at: 3 }] }]);
  });

  it('flags the defaults after Esc, not a filled-in or reworded line', () => {
    const body = 'Сбросьте пароль в приложении.';
    // What answerSnippet inserts, with every placeholder left at its default (Esc right away).
    const inserted = answerSnippet(body, DEFAULT_REPLY_PARTS).replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$0$/, '');
    assert.deepEqual(unfilled(inserted), ['имя клиента', 'ваше имя']);
    assert.deepEqual(unfilled(inserted.replace('имя клиента', 'Иван').replace('ваше имя', 'Ольга')), []);
    assert.deepEqual(unfilled('Здравствуйте!\n\nУкажите ваше имя и VIN.\n'), [], '"ваше имя" inside a sentence is no placeholder');
    assert.deepEqual(validateDraft(inserted, { checklists: [] }).findings.filter((f) => f.code === 'draft.unfilled-placeholder'), [], 'without the lines nothing is guessed');
  });
});
