import * as assert from 'node:assert/strict';
import { api } from './helpers';

describe('Saved index in a real VS Code', () => {
  it('indexes in the worker, saves the index, and answers from it on the next load', async () => {
    const kb = await api();
    await kb.articleCount(); // the first load: built (or opened, if an earlier run saved it)
    const first = kb.lastIndexOutcome();
    assert.ok(first && ['miss', 'hit', 'partial', 'stale', 'corrupt'].includes(first), `first load: ${first}`);
    const before = (await kb.search('забыл пароль')).map((h) => h.article.id);
    assert.ok(before.length > 0);

    await kb.reload();
    assert.equal(kb.lastIndexOutcome(), 'hit', 'an unchanged KB is opened from the saved index, not rebuilt');
    assert.deepEqual((await kb.search('забыл пароль')).map((h) => h.article.id), before, 'the same answers from the saved index');
  });

  it('answers from the last good index while the KB reloads', async () => {
    const kb = await api();
    await kb.articleCount();
    const reloading = kb.reload();
    const states: string[] = [];
    const sub = kb.onDidChangeState((s) => states.push(s.kind));
    const hits = await kb.search('rbf rjyytrn');
    assert.ok(hits.length > 0, 'a search during the reload is answered');
    await reloading;
    sub.dispose();
    assert.equal(states[states.length - 1], 'ready');
  });
});
