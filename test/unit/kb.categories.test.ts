import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCategories, parseCategories } from '../../src/core/kb/categories';
import { parseKbFile } from '../../src/core/kb/parse';
import { CATEGORIES, RU_KB, bundledKb, read } from './helpers';

describe('KB categories (categories.json)', () => {
  it('gives the Russian KB topic categories instead of its one file-wide "# apps" heading, text word for word', () => {
    const kb = bundledKb();
    const ru = kb.articles.filter((a) => a.source === 'kia-support-ru');
    const parsed = parseKbFile({ file: RU_KB, text: read(RU_KB) }).articles;
    assert.equal(ru.length, 153);
    const counts = new Map<string, number>();
    for (const a of ru) counts.set(a.category, (counts.get(a.category) ?? 0) + 1);
    assert.ok(counts.size >= 6, `categories: ${[...counts.keys()].join(', ')}`);
    assert.ok(!counts.has('apps'));
    assert.ok((counts.get('Другое') ?? 0) <= ru.length * 0.1, 'most articles have a topic');
    // Data-preserving: only the category changes; the heading stays in the article's path.
    ru.forEach((a, i) => {
      assert.deepEqual({ ...a, category: 'apps' }, parsed[i]);
      assert.deepEqual(a.path, parsed[i]!.path);
    });
    assert.ok(kb.articles.filter((a) => a.source === 'kia-connect-terms-da').every((a) => a.category === 'KIA CONNECT BRUGERVILKÅR'), 'other files keep their headings');
  });

  it('matches title words in order, ignoring case and ё; rejects a malformed file with its name', () => {
    const rules = parseCategories(JSON.stringify({ sources: ['x'], otherwise: 'Другое', categories: [{ name: 'Пароли', titleWords: ['ПАРОЛ'] }, { name: 'Ёлки', titleWords: ['елк'] }] }), 'categories.json');
    const article = (title: string, source = 'x') => ({ id: title, title, body: '', lang: 'ru' as const, category: 'apps', source, file: 'x.md', line: 1, level: 2, path: [] });
    const out = applyCategories([article('Сброс пароля'), article('Ёлки и пароли'), article('Другая тема'), article('Пароль', 'y')], [rules]);
    assert.deepEqual(out.map((a) => a.category), ['Пароли', 'Пароли', 'Другое', 'apps']);
    assert.throws(() => parseCategories('{"sources": ["x"], "categories": []}', 'team/categories.json'), /otherwise/);
    assert.throws(() => parseCategories('{', 'team/categories.json'), (e: Error) => /not valid JSON/.test(e.message) && /team\/categories\.json/.test(e.message));
    assert.ok(read(CATEGORIES).includes('"$schema"'));
  });
});
