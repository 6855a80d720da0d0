import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isIncomingMail } from '../../src/core/mail/incoming';
import { REPO } from './helpers';

describe('incoming customer e-mail or reply draft', () => {
  it('recognises e-mails by their header block, in Russian and English, as saved or pasted', () => {
    assert.equal(isIncomingMail(readFileSync(join(REPO, 'demo', 'customer-email.txt'), 'utf8')), true);
    assert.equal(isIncomingMail('From: John <j@example.com>\nSubject: Kia Connect\n\nHello!'), true);
    assert.equal(isIncomingMail('\uFEFF\n\nОт: Пётр <p@mail.ru>\nДата: 1 мая\nТема: ЛК\n\nДобрый день'), true);
    assert.equal(isIncomingMail('Return-Path: <a@b.c>\nReceived: from mx\n  by mx2\nFrom: a@b.c\nMessage-ID: <1@b.c>\n\nbody'), true);
  });

  it('takes replies for replies: greeting first, quoted mail below, one header alone, an unsent draft', () => {
    assert.equal(isIncomingMail(readFileSync(join(REPO, 'demo', 'reply-draft.txt'), 'utf8')), false);
    assert.equal(isIncomingMail('Здравствуйте, Ирина!\n\nОт: Ирина\nТема: пароль\n'), false);
    assert.equal(isIncomingMail('Тема: ответ клиенту\n\nЗдравствуйте!'), false);
    assert.equal(isIncomingMail('From: support@kia.ru\nSubject: Re: пароль\nX-Unsent: 1\n\nЗдравствуйте!'), false);
    assert.equal(isIncomingMail(''), false);
  });

  it('reads only the head of a huge document', () => {
    assert.equal(isIncomingMail(`От: a\nТема: b\n\n${'x'.repeat(200_000)}`), true);
    assert.equal(isIncomingMail('x'.repeat(200_000)), false);
  });
});
