// Each query variant of the search, on the bundled KB, with cases that fail without the variant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article } from '../../src/core/kb/types';
import { AliasTable, parseAliases } from '../../src/core/search/aliases';
import { findCompounds, isFiller } from '../../src/core/search/analyze';
import { KbIndex, type SearchHit } from '../../src/core/search/index';
import { switchLayout } from '../../src/core/search/layout';
import { FILLER_WEIGHT, fuzzyFor, planQuery } from '../../src/core/search/query';
import { latinToCyrillic } from '../../src/core/text/translit';
import { KbError } from '../../src/core/kb/types';
import { bundledKb } from './helpers';

const kb = bundledKb();
const index = new KbIndex(kb.articles, kb.aliases);
const noAliases = new KbIndex(kb.articles);
const first = (q: string, i = index) => i.search(q)[0];
const marked = (h: SearchHit, field: 'title' | 'body') => h.highlights[field].map(([s, e]) => h.article[field].slice(s, e));

function doc(id: string, title: string, body: string, lang: Article['lang'] = 'ru'): Article {
  return { id, title, body, lang, category: '', source: 'test', file: 'test.md', line: 1, level: 2, path: [] };
}

describe('wrong keyboard layout', () => {
  it('reads Russian typed in the English layout, and back', () => {
    assert.equal(switchLayout('rbf rjyytrn'), 'киа коннект');
    assert.equal(switchLayout('ьщишлун'), 'mobikey');
    assert.equal(switchLayout('kia коннект'), undefined, 'mixed scripts are not a layout slip');
    assert.match(first('rbf rjyytrn')!.article.title, /ки[аa] ко?нн?ект|kia connect/i);
    assert.match(first('ьщишлун')!.article.title, /mobikey|мобикей/i);
    assert.match(first('kbxysq rf,bytn')!.article.title, /личн\S* кабинет/i, 'б and ж live on , and ; keys');
  });

  it('switches the layout per word when the slip is only in some words', () => {
    // Whole-query switching reads `не работает` as `yt hf,jnftn`: the KB understands neither half.
    assert.ok(index.search('ьщишлун не работает').slice(0, 3).some((h) => /mobikey|мобикей/i.test(h.article.title)));
    assert.match(first('ьщишлун оплата')!.article.title, /оплата mobikey/i);
    assert.match(first('лшф сщттусе не работает')!.article.title, /kia connect|киа ко?нн?ект/i);
    assert.equal(index.search('заголовок статьи').length, 0, 'the no-match floor still holds');
  });

  it('never hides a good literal match', () => {
    // "Kia" switched is "лшф", which means nothing: the literal reading stays.
    assert.match(first('Kia K5')!.article.title, /K5/);
    assert.match(first('Mobikey')!.article.title, /mobikey|мобикей/i);
  });
});

describe('transliteration', () => {
  it('maps Latin spellings to Cyrillic', () => {
    assert.equal(latinToCyrillic('lichniy'), 'личний');
    assert.equal(latinToCyrillic('navigaciya'), 'навигация');
    assert.equal(latinToCyrillic('shchetka'), 'щетка');
  });

  it('finds Russian articles for Latin-typed words', () => {
    assert.match(first('lichniy kabinet')!.article.title, /личн\S* кабинет/i);
    assert.match(first('navigaciya')!.article.title, /навигац/i);
    assert.match(first('parol')!.article.title, /парол/i);
  });
});

describe('aliases', () => {
  it('expands agent shorthand to what the KB says', () => {
    const lk = first('ЛК')!;
    assert.match(lk.article.title, /личн\S* кабинет/i);
    assert.ok(marked(lk, 'title').some((w) => /кабинет/i.test(w)), 'the KB words an alias stands for are highlighted');
    assert.equal(noAliases.search('ЛК').length, 0, 'without the table the KB has no "ЛК"');
    assert.match(first('ГУ перезагрузка')!.article.title, /головного устройства/i);
    assert.match(first('имей')!.article.body, /IMEI/);
    assert.match(first('карплей')!.article.title, /carplay/i);
  });

  it('applies case-sensitive aliases only as typed inside a longer query, in any case alone', () => {
    const vocab = { has: () => true, hasPrefix: () => true };
    assert.ok(planQuery('ТО заявка', vocab, kb.aliases).slots[0]!.alternatives.some((a) => a.via === 'alias'));
    assert.ok(!planQuery('то заявка', vocab, kb.aliases).slots.some((s) => s.alternatives.some((a) => a.via === 'alias')), '"то" in a sentence is the stop word');
    assert.match(first('ТО заявка')!.article.title, /ТО/);
    const ids = (q: string) => index.search(q).map((h) => h.article.id).join();
    assert.ok(ids('то') && ids('то') === ids('ТО'), '"то" alone asks about maintenance, as "ТО" does');
  });

  it('matches short forms in any case', () => {
    const ids = (q: string) => index.search(q).map((h) => h.article.id).join();
    assert.ok(ids('ГУ'));
    for (const q of ['гу', 'Гу']) assert.equal(ids(q), ids('ГУ'), q);
    for (const q of ['гу обновить', 'обновить гу']) assert.match(first(q)!.article.title, /ГШУ|головн\S* устройств|магнитол|мультимедиа/i, q);
    assert.equal(ids('лк'), ids('ЛК'));
  });

  it('reads alias files with schema-like checks and clear errors', () => {
    const table = parseAliases('{"groups":[{"terms":["шиномонтаж","замена резины"]}]}', 'a.json');
    const small = new KbIndex([doc('a', 'Замена резины', 'Сезонная замена резины у дилера.'), doc('b', 'Мойка', 'Бесплатно.')], table);
    assert.equal(small.search('шиномонтаж')[0]?.article.id, 'a');
    assert.throws(() => parseAliases('{"groups":[{"terms":["один"]}]}', 'a.json'), (e: unknown) => e instanceof KbError && /at least two/.test(e.message));
    assert.throws(() => parseAliases('{oops', 'kb/aliases.json'), (e: unknown) => e instanceof KbError && /kb\/aliases\.json/.test(e.message));
    assert.ok(AliasTable.merge([table, table]).size === 2);
  });
});

describe('typo tolerance', () => {
  it('scales with word length and is off for short words', () => {
    assert.deepEqual(['смс', 'сим', 'кобинет', 'восттановление'].map(fuzzyFor), [0, 0, 1, 2]);
    const small = new KbIndex([doc('a', 'SIM', 'Сим-карта модема.'), doc('b', 'Кабинет', 'Личный кабинет.')]);
    assert.equal(small.search('сом').length, 0, 'a three-letter word is not matched loosely');
    assert.equal(small.search('кобинет')[0]?.article.id, 'b');
  });

  it('finds the article despite one or two wrong letters', () => {
    const hit = first('личный кобинет')!;
    assert.match(hit.article.title, /личн\S* кабинет/i);
    assert.ok(marked(hit, 'title').some((w) => /кабинет/i.test(w)), 'the fuzzy match is highlighted');
    assert.match(first('восттановление пароля')!.article.title, /восстановлен\S* парол/i);
    assert.match(first('обнавить карты')!.article.title, /обновлен/i);
  });
});

describe('pasted customer text', () => {
  it('down-weights greetings and politeness', () => {
    assert.ok(isFiller('здравствуйте') && isFiller('подскажите') && isFiller('спасибо') && !isFiller('пароль'));
    const vocab = { has: () => true, hasPrefix: () => true };
    const plan = planQuery('Здравствуйте! Подскажите, как продлить сим-карту? Спасибо', vocab, new AliasTable());
    assert.deepEqual(plan.slots.filter((s) => s.weight === FILLER_WEIGHT).map((s) => s.text), ['здравствуйте', 'подскажите', 'спасибо']);
  });

  it('ranks by the informative words of an e-mail', () => {
    assert.match(first('Здравствуйте! Хочу продлить сим-карту, а ссылка на оплату не открывается')!.article.title, /сим-карт|оплат/i);
    assert.match(
      first('Добрый день, хотим получить промокод Яндекс Плюс для нашего Seltos 2021 года, что для этого нужно?')!.article.title,
      /промокод/i,
    );
  });
});

describe('tokens kept whole', () => {
  it('finds compounds and phone numbers', () => {
    const text = 'Пишите на mobikey@hyundai.ru или звоните 8 800 301 08 80; VIN-номер, e-mail, Kia.ru, 2.0';
    assert.deepEqual(findCompounds(text).map((c) => c.text), ['88003010880', 'mobikey@hyundai.ru', 'vin-номер', 'e-mail', 'kia.ru', '2.0']);
  });

  it('searches them whole and highlights them whole', () => {
    const phone = first('8 800 301 08 80')!;
    assert.ok(marked(phone, 'body').includes('8 800 301 08 80'));
    assert.ok(marked(first('mobikey@hyundai.ru')!, 'body').includes('mobikey@hyundai.ru'));
    assert.match(first('VIN-номера')!.article.title, /VIN-номер/);
    assert.match(first('K5')!.article.title, /K5/);
    assert.match(first('MyKIA 2.0')!.article.title, /2\.0/);
  });
});

describe('ranking', () => {
  it('puts a title match over a body match, and all words over some', () => {
    const small = new KbIndex([
      doc('body', 'Прочее', 'Здесь упоминается навигация и ещё много других слов про обновление.'),
      doc('title', 'Навигация', 'Коротко.'),
      doc('both', 'Обновление навигации', 'Как обновить.'),
    ]);
    assert.deepEqual(small.search('навигация').map((h) => h.article.id).slice(0, 1), ['title']);
    assert.equal(small.search('обновление навигации')[0]!.article.id, 'both');
  });

  it('collapses articles with the same text into one result with "+N similar"', () => {
    const hits = index.search('доступ Kia Connect Крымского полуострова', { limit: 20 });
    const twins = kb.articles.filter((a) => a.title.startsWith('Проверка доступности сервиса Kia Connect') || a.title.startsWith('Доступ к сервису Kia Connect в России'));
    assert.equal(twins.length, 2);
    const shown = hits.filter((h) => twins.some((t) => t.id === h.article.id));
    assert.equal(shown.length, 1, 'the pasted-twice article shows once');
    assert.deepEqual(shown[0]!.similar, twins.map((t) => t.id).filter((id) => id !== shown[0]!.article.id));
  });

  it('returns nothing for nonsense rather than noise', () => {
    for (const q of ['фывапролдж', 'qwertyuiop asdf', 'zzzzqqq', 'ъъъ ььь', 'xyzzy plugh']) assert.deepEqual(index.search(q), [], q);
  });
});

describe('filters', () => {
  it('by KB file, language and category', () => {
    const da = index.search('Kia Connect', { langs: ['da'] });
    assert.ok(da.length > 0 && da.every((h) => h.article.lang === 'da'));
    const ru = index.search('Kia Connect', { sources: ['kia-support-ru'] });
    assert.ok(ru.length > 0 && ru.every((h) => h.article.source === 'kia-support-ru'));
    assert.equal(index.search('Kia Connect', { categories: ['no such category'] }).length, 0);
    const mobikey = index.search('mobikey', { categories: ['Mobikey и автозапуск'] });
    assert.ok(mobikey.length > 0 && mobikey.every((h) => h.article.category === 'Mobikey и автозапуск'));
  });
});
