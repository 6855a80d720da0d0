import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MiniSearch from 'minisearch';
import { queryStems, stemWord, tokenize } from '../../src/core/search/analyze';
import { KbIndex } from '../../src/core/search/index';
import { excerpt, snippet } from '../../src/core/search/snippet';
import { bundledArticles } from './helpers';

const articles = bundledArticles();
const index = new KbIndex(articles);

describe('analysis', () => {
  it('folds case and ё, and keeps offsets into the original text', () => {
    const text = 'Учётная Запись';
    const tokens = tokenize(text);
    assert.deepEqual(tokens.map((t) => t.text), ['учетная', 'запись']);
    assert.equal(text.slice(tokens[1]!.start, tokens[1]!.end), 'Запись');
  });

  it('stems each language with its own Snowball stemmer', () => {
    assert.equal(stemWord('паролем', 'ru'), stemWord('пароль', 'ru'));
    assert.equal(stemWord('opsigelsen', 'da'), stemWord('opsigelse', 'da'));
    assert.equal(stemWord('updates', 'en'), stemWord('update', 'en'));
    assert.equal(stemWord('navigation', 'ru'), stemWord('navigations', 'ru'), 'Latin words in Russian articles get English stems');
    assert.deepEqual(queryStems('паролем'), [stemWord('пароль', 'ru')]);
    assert.ok(queryStems('aftalen').includes(stemWord('aftale', 'da')));
  });
});

describe('KbIndex on the bundled KB', () => {
  it('puts a password-recovery article first for "забыл пароль"', () => {
    const [first] = index.search('забыл пароль');
    assert.match(first!.article.title, /(восстановлен|забыт).*парол|парол.*восстановлен/i);
  });

  it('finds password articles for the inflected "паролем"', () => {
    const ours = index.search('паролем', { limit: 3 }).map((h) => h.article.title);
    assert.ok(ours.length === 3 && ours.every((t) => /парол/i.test(t)), `ours: ${ours.join(' | ')}`);
  });

  it('beats plain MiniSearch on obvious morphology: "паролем" finds a text that only says "пароль"', () => {
    const doc = (id: string, title: string, body: string) => ({ id, title, body, lang: 'ru' as const, category: '', source: 't', file: 't.md', line: 1, level: 2, path: [] });
    const corpus = [doc('a', 'Сброс доступа', 'Новый пароль придёт по SMS.'), doc('b', 'Навигация', 'Обновите карты навигации.')];
    assert.deepEqual(new KbIndex(corpus).search('паролем').map((h) => h.article.id), ['a']);
    const plain = new MiniSearch({ fields: ['title', 'body'], searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 } });
    plain.addAll(corpus);
    assert.deepEqual(plain.search('паролем'), [], 'the baseline misses it: "паролем" is two edits from "пароль" and not a prefix');
  });

  it('treats ё as е and ignores case', () => {
    const a = index.search('учётной записи').map((h) => h.article.id);
    const b = index.search('УЧЕТНОЙ ЗАПИСИ').map((h) => h.article.id);
    assert.ok(a.length > 0);
    assert.deepEqual(a, b);
  });

  it('finds Danish clauses by inflected forms', () => {
    const [first] = index.search('opsigelsen');
    assert.equal(first!.article.lang, 'da');
    assert.match(first!.article.title + first!.article.body, /opsig/i);
  });

  it('matches the word being typed as a prefix', () => {
    const [first] = index.search('Digitalnø');
    assert.equal(first!.article.title, '4.2.1.7 Digitalnøgle');
  });

  it('tolerates a typo in a long word', () => {
    const [first] = index.search('навигацыи');
    assert.match(first!.article.title, /навигац/i);
  });

  it('gives nothing for an empty or wordless query, and honours limit and filter', () => {
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search('  ?!  '), []);
    assert.equal(index.search('Kia', { limit: 4 }).length, 4);
    const danishOnly = index.search('Kia Connect', { filter: (a) => a.lang === 'da' });
    assert.ok(danishOnly.length > 0 && danishOnly.every((h) => h.article.lang === 'da'));
  });

  it('looks articles up by id', () => {
    assert.equal(index.get(articles[5]!.id), articles[5]);
    assert.equal(index.size, articles.length);
  });
});

describe('snippet', () => {
  it('centres on the first highlighted word, collapsing whitespace', () => {
    const body = `${'Вступление. '.repeat(30)}Чтобы восстановить

пароль, нажмите «Забыли пароль?». ${'Хвост. '.repeat(30)}`;
    const at = body.indexOf('пароль');
    const s = snippet(body, [[at, at + 6]], 80);
    assert.ok(s.startsWith('…') && s.endsWith('…'));
    assert.match(s, /восстановить пароль, нажмите/);
    assert.ok(s.length <= 82);
    assert.equal(snippet('Коротко.', []), 'Коротко.');
  });

  it('uses the highlights the index gives', () => {
    const [hit] = index.search('паролем');
    assert.match(snippet(hit!.article.body, hit!.highlights.body, 60), /парол/i);
  });
});

describe('excerpt', () => {
  it('carries the highlights over into the collapsed, cut excerpt', () => {
    const body = `${'Начало текста.  '.repeat(20)}Нажмите\n\n«Забыли пароль?» и введите телефон. ${'Конец. '.repeat(20)}`;
    const at = body.indexOf('пароль');
    const ex = excerpt(body, [[at, at + 6]], 60);
    assert.equal(ex.ranges.length, 1);
    const [s, e] = ex.ranges[0]!;
    assert.equal(ex.text.slice(s, e), 'пароль');
    assert.match(ex.text, /Нажмите «Забыли/);
  });

  it('cuts between words, never inside one, and keeps the highlight', () => {
    let checked = 0;
    for (const a of bundledArticles()) {
      const words = [...a.body.matchAll(/\p{L}{6,}/gu)];
      const w = words[Math.floor(words.length / 2)];
      if (!w || a.body.length < 400) continue;
      const ex = excerpt(a.body, [[w.index!, w.index! + w[0].length]], 120);
      const [s, e] = ex.ranges[0]!;
      assert.equal(ex.text.slice(s, e), w[0], a.id);
      const inner = ex.text.replace(/^…/, '').replace(/…$/, '');
      const flat = a.body.replace(/\s+/g, ' ');
      const at = flat.indexOf(inner);
      assert.ok(at >= 0, a.id);
      // Only a very long "word" (a URL) may be cut inside.
      const firstWord = inner.split(' ')[0]!;
      const lastWord = inner.split(' ').at(-1)!;
      if (ex.text.startsWith('…') && firstWord.length < 15) assert.match(flat[at - 1] ?? ' ', /\s/, `${a.id} starts inside a word: ${ex.text.slice(0, 30)}`);
      if (ex.text.endsWith('…') && lastWord.length < 15) assert.match(flat[at + inner.length] ?? ' ', /\s/, `${a.id} ends inside a word: ${ex.text.slice(-30)}`);
      checked++;
    }
    assert.ok(checked > 100, `checked ${checked}`);
  });

  it('drops highlights outside the excerpt', () => {
    const body = `пароль ${'слово '.repeat(100)}`;
    const ex = excerpt(body, [[0, 6], [600, 605]], 40);
    assert.deepEqual(ex.ranges, [[0, 6]]);
  });
});
