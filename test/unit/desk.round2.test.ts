// The agent's desk, second workbench try-out (issue 9b): pure pieces behind the adapters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_REPLY_PARTS, isPlaceholderDefault, nextAnswerOffset, placeAnswer } from '../../src/core/answers/answerSnippet';
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

/** The draft after inserting `answer` at `cursor` (or over `cursor`..`end`), where placeAnswer puts it. */
function inserted(draft: string, answer: string, cursor: number, end = cursor): string {
  const p = placeAnswer(draft, cursor, end);
  return draft.slice(0, p.start) + p.before + answer + p.after + draft.slice(p.end);
}

describe('an answer inserted above the signature', () => {
  it('keeps a blank line before the text below it', () => {
    assert.equal(inserted('Привет!\n\n\nС уважением,\nАнна', 'ОТВЕТ', 'Привет!\n\n'.length), 'Привет!\n\nОТВЕТ\n\nС уважением,\nАнна');
    assert.equal(inserted('  \nС уважением,', 'ОТВЕТ', 1), ' ОТВЕТ\n \nС уважением,', 'white space on the line is the agent’s, kept');
    assert.equal(inserted('Привет!\n\n\n\nС уважением,', 'ОТВЕТ', 'Привет!\n\n'.length), 'Привет!\n\nОТВЕТ\n\nС уважением,', 'already a blank line below');
    assert.equal(inserted('Привет!\n\n', 'ОТВЕТ', 'Привет!\n\n'.length), 'Привет!\n\nОТВЕТ', 'the end of an unsigned draft');
    assert.equal(inserted('Начало хвост строки\nС уважением,', 'ОТВЕТ', 'Начало'.length), 'НачалоОТВЕТ хвост строки\nС уважением,', 'mid-line: the line is the agent’s');
  });

  it('goes above the signature from a cursor at the end of the draft, under the signature (workbench try-out 4)', () => {
    const signed = 'Здравствуйте, Ирина!\n\nС уважением,\nАнна\nСлужба поддержки Kia\n';
    const expected = 'Здравствуйте, Ирина!\n\nОТВЕТ\n\nС уважением,\nАнна\nСлужба поддержки Kia\n';
    assert.equal(inserted(signed, 'ОТВЕТ', signed.length), expected, 'on the empty last line');
    assert.equal(inserted(signed, 'ОТВЕТ', signed.length - 1), expected, 'at the end of the signature’s last line');
    assert.equal(inserted(signed, 'ОТВЕТ', signed.indexOf('Анна') + 2), expected, 'inside the signature block');
    assert.equal(inserted(`${signed}\n\n  \n`, 'ОТВЕТ', signed.length + 4), `${expected}\n\n  \n`, 'below it, only blank lines after');
    assert.equal(placeAnswer(signed, signed.length).aboveSignature, true);
    // CRLF, an English signature, text straight above the signature, no text above it at all.
    assert.equal(inserted('Hello!\r\nBest regards,\r\nAnna\r\n', 'ANSWER', 'Hello!\r\nBest regards,\r\nAnna\r\n'.length), 'Hello!\n\nANSWER\n\r\nBest regards,\r\nAnna\r\n');
    assert.equal(inserted('С уважением,\nАнна', 'ОТВЕТ', 'С уважением,\nАнна'.length), 'ОТВЕТ\n\nС уважением,\nАнна');
  });

  it('stays where the agent put it above the signature, and after the block when text follows it', () => {
    const signed = 'Привет!\n\nС уважением,\nАнна\n\n> Исходное письмо клиента\n';
    assert.equal(placeAnswer(signed, 'Привет!\n'.length).aboveSignature, false, 'the blank line above the signature');
    assert.equal(inserted(signed, 'ОТВЕТ', signed.indexOf('С уважением')), 'Привет!\n\nОТВЕТ\n\nС уважением,\nАнна\n\n> Исходное письмо клиента\n', 'the start of the signature line');
    assert.equal(placeAnswer(signed, signed.indexOf('> Исходное')).aboveSignature, false, 'in the quoted e-mail below the signature, text after the cursor');
    assert.equal(placeAnswer(signed, signed.length).aboveSignature, true, 'at the very end, even below a quote');
    assert.equal(placeAnswer('Без подписи.\n', 13).aboveSignature, false, 'unsigned');
    // The reply's own signature is the first: a quoted e-mail below it (its sender's signature too) or
    // a second, English sign-off stays below the answer.
    const quotedBelow = 'Здравствуйте, Ирина!\n\nС уважением,\nАнна\n\n-----Original Message-----\nНе приходит код.\nС уважением,\nИрина\n';
    assert.equal(inserted(quotedBelow, 'ОТВЕТ', quotedBelow.length), quotedBelow.replace('Ирина!\n\n', 'Ирина!\n\nОТВЕТ\n\n'));
    const bilingual = 'Здравствуйте!\n\nС уважением,\nАнна\n\nBest regards,\nAnna\n';
    assert.equal(inserted(bilingual, 'ОТВЕТ', bilingual.length), bilingual.replace('Здравствуйте!\n\n', 'Здравствуйте!\n\nОТВЕТ\n\n'));
    const sel = placeAnswer(signed, signed.indexOf('Анна'), signed.indexOf('Анна') + 4);
    assert.deepEqual([sel.start, sel.end, sel.aboveSignature], [signed.indexOf('Анна'), signed.indexOf('Анна') + 4, false], 'a selection is replaced where it is');
  });

  it('is a paragraph of its own and leaves every character the agent typed as it was (all small drafts, every cursor)', () => {
    const lines = ['Здравствуйте, Ирина!', '', '  ', 'Ответ на ваш вопрос:', 'С уважением,', 'Анна', '> цитата'];
    const drafts: string[] = [];
    for (const a of lines) for (const b of lines) for (const c of lines) drafts.push(`${a}\n${b}\n${c}`, `${a}\r\n${b}\r\n${c}\r\n`);
    const answer = 'ОТВЕТ';
    for (const draft of drafts) {
      for (let cursor = 0; cursor <= draft.length; cursor++) {
        if (draft[cursor - 1] === '\r' && draft[cursor] === '\n') continue; // VS Code never puts a cursor inside a CRLF
        const p = placeAnswer(draft, cursor);
        const after = draft.slice(0, p.start) + p.before + answer + p.after + draft.slice(p.end);
        const at = p.start + p.before.length;
        const why = JSON.stringify({ draft, cursor, after });
        assert.equal(after.slice(0, p.start) + after.slice(at + answer.length + p.after.length), draft, `only line breaks added: ${why}`);
        assert.match(p.before + p.after, /^\n*$/, why);
        const lineBefore = after.slice(after.lastIndexOf('\n', at - 1) + 1, at);
        const lineAfter = after.slice(at + answer.length).split(/\r?\n/)[0]!;
        if (lineBefore.trim() && lineAfter.trim()) continue; // inside a line of text: where the agent put it
        // Nothing glued: the lines right above and below the answer are blank (or it starts/ends the draft).
        const above = after.slice(0, at).replace(/[ \t]*$/, '').split(/\r?\n/);
        if (above.length > 1) assert.equal(above[above.length - 2]!.trim(), '', `a blank line above: ${why}`);
        const below = after.slice(at + answer.length).split(/\r?\n/);
        if (below.length > 1 && below.slice(1).some((l) => l.trim())) assert.equal(below[1]!.trim(), '', `a blank line below: ${why}`);
        // Never under the signature when it is at the end of the draft.
        const signature = draft.search(/^ *(С уважением)/m);
        if (signature >= 0 && !draft.slice(cursor).trim() && cursor > signature) assert.ok(p.start <= signature, `above the signature: ${why}`);
      }
    }
  });

  it('takes one pass: a draft of 100 000 blank lines under the signature', () => {
    const draft = `Привет!\n\nС уважением,\nАнна${'\n'.repeat(100_000)}`;
    assert.equal(placeAnswer(draft, draft.length).start, 'Привет!'.length);
  });
});

describe('a second answer in the same reply (workbench try-out 3)', () => {
  it('starts a paragraph of its own after text on the cursor line, not glued to it', () => {
    assert.equal(inserted('…по ссылке kia.ru/feedback/', 'ОТВЕТ', 27), '…по ссылке kia.ru/feedback/\n\nОТВЕТ');
    assert.equal(inserted('Ответ: \n', 'ОТВЕТ', 7), 'Ответ: \n\nОТВЕТ\n', 'after the text, blank after it');
    assert.equal(inserted('', 'ОТВЕТ', 0), 'ОТВЕТ', 'an empty draft');
    assert.equal(inserted('Начало конец', 'ОТВЕТ', 7), 'Начало ОТВЕТконец', 'inside a line: where the agent put it');
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
