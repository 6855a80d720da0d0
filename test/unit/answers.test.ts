import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { answerSnippet, escapeSnippetText, partsForDraft } from '../../src/core/answers/answerSnippet';
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
    for (const [key, value] of Object.entries(defaults)) assert.ok(config.includes(`${key}: ${JSON.stringify(value).replace(/"/g, "'")}`), `${key} default ${value}`);
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
