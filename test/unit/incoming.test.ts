import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIncoming, replyEnd, replyStart } from '../../src/core/checklist/draft';
import { validateDraft } from '../../src/core/checklist/validate';
import { bundledKb } from './helpers';

const kb = bundledKb();
const options = { checklists: kb.checklists, articleBodies: new Map(kb.articles.map((a) => [a.id, a.body])) };

/** Checklists of a document, as { id: missing items }; `{}` for a customer's e-mail. */
function verdict(text: string): Record<string, string[]> {
  return Object.fromEntries(validateDraft(text, options).checklists.map((c) => [c.id, c.missing]));
}

const BODY = 'Добрый день, Лариса!\n\nЧтобы выяснить, почему не приходит СМС с кодом для входа в личный кабинет, сообщите, пожалуйста, номер телефона и почту, на которую зарегистрирован кабинет.\n\nРоман\n';

describe('a mail head from support, or to a customer, is our reply (try-out 4, defect 1)', () => {
  const heads: [string, string][] = [
    ['От: a support name and a kia.ru address', 'От: Служба поддержки Kia <support@kia.ru>\nКому: Лариса Белова <l.belova@example.ru>\nТема: RE: Нет кода\n\n'],
    ['From: "Kia Support", with MIME headers', 'From: Kia Support <noreply@kia.ru>\nTo: l.belova@example.ru\nSubject: Re: =?UTF-8?B?0J3QtdGC?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n'],
    ['From: a kia.ru address only', 'From: operator7@kia.ru\nDate: Tue, 10 Nov 2026 09:00:00 +0300\n\n'],
    ['From: a person at another Kia domain', 'From: Роман Ершов <r.ershov@kia-motors.ru>\nTo: l.belova@example.ru\n\n'],
    ['CRLF head', 'От: Поддержка Kia <help@kia.ru>\r\nКому: Лариса <l.belova@example.ru>\r\n\r\n'],
    ['only Кому: and Тема:, to a customer', 'Кому: Лариса Белова <l.belova@example.ru>\nТема: RE: Нет кода\n\n'],
    ['only To: and Subject:, to a customer', 'To: l.belova@example.ru\nSubject: RE: no code\n\n'],
    ['Кому: with the customer’s name only', 'Кому: Лариса Белова\nТема: вход в кабинет\n\n'],
  ];
  for (const [what, head] of heads) {
    it(what, () => {
      const text = head + BODY.replace(/\n/g, head.includes('\r') ? '\r\n' : '\n');
      assert.equal(isIncoming(text), false);
      assert.ok(replyStart(text) >= head.trimEnd().length, 'the reply starts under the head');
      assert.equal(replyEnd(text), text.length, 'the second header line does not end the reply');
      assert.deepEqual(verdict(text), { 'password-sms': ['description', 'error_photo'] });
    });
  }
  it('the same head to support, or from a customer, is a customer’s e-mail and stays silent', () => {
    const customer = 'Лариса, добрый день!\n\nНе приходит СМС с кодом для входа в личный кабинет. Пришлите, пожалуйста, код на почту.\n\nЛариса\n';
    for (const head of [
      'Кому: support@kia.ru\nТема: Нет кода\n\n',
      'To: Kia Motors Rus <info@kia.ru>\nSubject: no code\n\n',
      'Кому: Киа Моторс\nТема: код\n\n',
      'От: Лариса Белова <l.belova@example.ru>\nКому: Служба поддержки Kia <support@kia.ru>\n\n',
      'Тема: Нет кода\n\n',
    ]) {
      assert.equal(isIncoming(head + customer), true, head);
      assert.deepEqual(verdict(head + customer), {}, head);
    }
  });
});

describe('the customer’s lines quoted at the very top, then our reply (try-out 4, defect 2)', () => {
  it('a reply under a top quote is checked; the quote is not part of it', () => {
    const quotes = ['> Что теперь делать?', '> Не получается войти.\n> Пароль сбросила, кода нет.', '>Помогите\n>\n> с входом'];
    for (const quote of quotes) {
      const text = `${quote}\n\n${BODY}`;
      assert.equal(isIncoming(text), false, quote);
      assert.equal(text.slice(replyStart(text)).trim(), BODY.trim(), quote);
      assert.deepEqual(verdict(text), { 'password-sms': ['description', 'error_photo'] }, quote);
    }
  });
  it('a document of quoted lines only, or the customer answering under a quote of ours, is incoming', () => {
    assert.equal(isIncoming('> Пришлите номер телефона.\n> Служба поддержки Kia\n'), true);
    const answer = '> Сообщите, пожалуйста, номер телефона.\n\nВот он: +7 921 555-01-02. Больше ничего не нужно?\n\nЛариса\n';
    assert.equal(isIncoming(answer), true);
    assert.deepEqual(verdict(answer), {});
  });
});

describe('an agent writing “я” who asks the reader for data is replying (try-out 4, defect 3)', () => {
  const replies = [
    'Лариса, здравствуйте.\n\nЯ проверил рассылку СМС-кодов для входа в личный кабинет — с нашей стороны сбоев не видно. Сообщите, пожалуйста, номер телефона и почту, на которую зарегистрирован кабинет.\n\nРоман Кузнецов\n',
    'Лариса, здравствуйте.\n\nЯ уже посмотрела журнал, у меня ошибок нет. Чтобы проверить вход в личный кабинет, укажите номер телефона, на который не приходит СМС, и почту кабинета.\n\nВера\n',
    // "мне" receiving the reader's data is the agent's.
    'Лариса, добрый день.\n\nЯ не нашла ошибок в отправке СМС с кодом для входа в личный кабинет. Пришлите мне номер телефона и почту, на которую зарегистрирован кабинет, я проверю ещё раз.\n\nВера\n',
  ];
  for (const text of replies) {
    it(text.split('\n')[2]!.slice(0, 40), () => {
      assert.equal(isIncoming(text), false);
      assert.deepEqual(verdict(text), { 'password-sms': ['description', 'error_photo'] });
    });
  }
  it('in English too: “I checked… please send me the phone number” is ours, “please send me the code” a customer’s', () => {
    const agent = 'Hello Larisa,\n\nI checked the SMS log for the personal account and I see no errors. Please send me the phone number and the e-mail the account is registered to.\n\nVera\n';
    assert.equal(isIncoming(agent), false);
    assert.ok('password-sms' in verdict(agent), 'checked as a reply');
    const customer = 'Hello,\n\nI cannot log in, my code never arrives. Please send me a new password or the code by e-mail.\n\nLarisa\n';
    assert.equal(isIncoming(customer), true);
  });
  it('a customer who asks support with imperatives, or quotes our request, is still incoming', () => {
    const customers = [
      // The imperative asks for help or for something of ours, not for the reader's data.
      'Здравствуйте. Я не могу войти в кабинет, мне не приходит код. Пришлите мне новый пароль или подскажите, что делать.\n\nЛариса\n',
      'Добрый день. Я писала вам позавчера. Сообщите, пожалуйста, номер обращения, я его потеряла.\n\nЛариса\n',
      // Our words quoted back: "вы просите «пришлите номер телефона»".
      'Добрый день. Вы опять просите «пришлите номер телефона», а я отправляла его дважды, мой кабинет так и не работает.\n\nЛариса\n',
      // Asks for data too, but speaks for herself more and gives her own number.
      'Здравствуйте. Я сменила номер, мой новый +7 921 555-01-02. Я не получаю код. Укажите номер телефона в моём кабинете новый.\n\nЛариса\n',
    ];
    for (const text of customers) {
      assert.equal(isIncoming(text), true, text);
      assert.deepEqual(verdict(text), {}, text);
    }
  });
});
