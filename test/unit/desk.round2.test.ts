// The agent's desk, second workbench try-out (issue 9b): pure pieces behind the adapters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakBeforeAnswer, breakBeforeNextLine, DEFAULT_REPLY_PARTS, isPlaceholderDefault, nextAnswerOffset } from '../../src/core/answers/answerSnippet';
import { articlePlace } from '../../src/core/kb/place';
import { switchLayout, triggerSpellings, typedInRussianLayout } from '../../src/core/search/layout';
import { MAX_QUERY_CHARS, selectionQuery } from '../../src/core/search/limits';
import { latinToCyrillic } from '../../src/core/text/translit';
import { bundledKb } from './helpers';

describe('Search for Selection over several lines', () => {
  it('turns line breaks into spaces instead of gluing lines', () => {
    assert.equal(selectionQuery(['Я забыл пароль\nЗдравствуйте!']), 'Я забыл пароль Здравствуйте!');
    assert.equal(selectionQuery(['a\r\n\r\n  b\u2028c', 'd\te']), 'a b c d e');
    assert.equal(selectionQuery(['x'.repeat(5000)]).length, MAX_QUERY_CHARS);
  });
});

describe('where an article sits, for agents', () => {
  it('names the category and section, never internal ids', () => {
    const kb = bundledKb();
    for (const a of kb.articles) assert.doesNotMatch(articlePlace(a), /kia-support-ru|kia-connect-terms-da|:\d+$/, a.id);
    const ru = kb.articles.find((a) => a.source === 'kia-support-ru')!;
    assert.equal(articlePlace(ru), ru.category);
    assert.equal(articlePlace({ category: 'K', path: ['4 Tjenesterne', '4.1 X'] }), 'K › 4 Tjenesterne › 4.1 X');
    assert.equal(articlePlace({ category: '', path: [] }), '');
  });
});

describe('an answer inserted above the signature', () => {
  it('keeps a blank line before the text below it', () => {
    assert.equal(breakBeforeNextLine('', 'С уважением,'), '\n');
    assert.equal(breakBeforeNextLine('  ', 'С уважением,'), '\n');
    assert.equal(breakBeforeNextLine('', ''), '', 'already a blank line below');
    assert.equal(breakBeforeNextLine('', undefined), '', 'the end of the draft');
    assert.equal(breakBeforeNextLine(' хвост строки', 'С уважением,'), '', 'mid-line: the line is the agent’s');
  });
});

describe('a second answer in the same reply (workbench try-out 3)', () => {
  it('starts a paragraph of its own after text on the cursor line, not glued to it', () => {
    assert.equal(breakBeforeAnswer('…по ссылке kia.ru/feedback/', ''), '\n\n');
    assert.equal(breakBeforeAnswer('Ответ: ', '  '), '\n\n');
    assert.equal(breakBeforeAnswer('', ''), '', 'an empty line');
    assert.equal(breakBeforeAnswer('Начало ', 'конец'), '', 'inside a line: where the agent put it');
  });

  it('knows the name slot left unfilled, and goes after the last answer above the signature', () => {
    assert.equal(isPlaceholderDefault('имя клиента', DEFAULT_REPLY_PARTS), true);
    assert.equal(isPlaceholderDefault('ваше имя', DEFAULT_REPLY_PARTS), true);
    assert.equal(isPlaceholderDefault('Ирина', DEFAULT_REPLY_PARTS), false, 'a name the agent typed');
    assert.equal(isPlaceholderDefault('', DEFAULT_REPLY_PARTS), false);
    const draft = 'Здравствуйте, имя клиента!\n\nПервый ответ.\n\nС уважением,\nваше имя\n';
    assert.equal(draft.slice(0, nextAnswerOffset(draft)), 'Здравствуйте, имя клиента!\n\nПервый ответ.');
    assert.equal(nextAnswerOffset('Ответ.\n\n\n'), 'Ответ.'.length, 'unsigned: after the last text');
    assert.equal(nextAnswerOffset(''), 0);
  });
});

describe('the kb: trigger typed in the Russian layout', () => {
  it('knows кб: and лиЖ, the latter only exactly so', () => {
    assert.equal(typedInRussianLayout('kb:'), 'лиЖ');
    assert.deepEqual(triggerSpellings('kb:', latinToCyrillic), [{ text: 'kb:', exact: false }, { text: 'кб:', exact: false }, { text: 'лиЖ', exact: true }]);
    assert.deepEqual(triggerSpellings('кб:', latinToCyrillic), [{ text: 'кб:', exact: false }]);
    assert.equal(switchLayout('лиж'), 'kb;', 'the same keys without Shift');
  });
});
