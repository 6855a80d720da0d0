import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIncoming, ownText, replyEnd } from '../../src/core/checklist/draft';
import { segment } from '../../src/core/checklist/segment';
import { validateDraft } from '../../src/core/checklist/validate';
import { findEntities } from '../../src/core/entities/find';
import { bundledKb } from './helpers';

const kb = bundledKb();
const options = { checklists: kb.checklists, articleBodies: new Map(kb.articles.map((a) => [a.id, a.body])) };
const HELLO = 'Здравствуйте!\n\n';
const BYE = '\n\nС уважением,\nСлужба поддержки Kia\n';

/** Checklists of a reply, as { id: missing items }. */
function verdict(body: string, wrap = true): Record<string, string[]> {
  const report = validateDraft(wrap ? HELLO + body + BYE : body, options);
  return Object.fromEntries(report.checklists.map((c) => [c.id, c.missing]));
}

/** Items of `checklist` the reply asks for. */
function asked(body: string, checklist = 'kia-connect'): string[] {
  const c = validateDraft(HELLO + body + BYE, options).checklists.find((x) => x.id === checklist);
  return c ? c.present : [];
}

describe('requests are recognised by grammar, not a list of phrases', () => {
  const forms: [string, string][] = [
    ['imperative', 'По Kia Connect укажите VIN и IMEI.'],
    ['imperative, imperfective', 'По Kia Connect присылайте VIN и IMEI ответным письмом.'],
    ['imperative nobody listed', 'По Kia Connect продублируйте, пожалуйста, VIN и IMEI.'],
    ['another unlisted one', 'По Kia Connect вышлите VIN и IMEI.'],
    ['infinitive after нужно', 'По Kia Connect нужно будет прислать VIN и IMEI.'],
    ['infinitive after необходимо', 'Для проверки Kia Connect необходимо через форму https://www.kia.ru/feedback/ направить VIN и IMEI.'],
    ['infinitive after просим', 'По Kia Connect просим вас сообщить VIN и IMEI.'],
    ['infinitive after просьба', 'По Kia Connect просьба предоставить VIN и IMEI.'],
    ['gerund указав', 'По Kia Connect оставьте обращение через форму https://www.kia.ru/feedback/, указав VIN и IMEI.'],
    ['gerund отправив', 'По Kia Connect рекомендуем написать нам, отправив VIN и IMEI.'],
    ['gerund приложив', 'По Kia Connect составьте обращение, приложив VIN и IMEI.'],
    ['gerund предоставив', 'По Kia Connect необходимо составить обращение, предоставив VIN и IMEI.'],
    ['нам потребуются', 'Для проверки Kia Connect нам потребуются VIN и IMEI.'],
    ['нужны будут', 'Для проверки Kia Connect нам нужны будут VIN и IMEI.'],
    ['ответным письмом сообщите', 'Kia Connect: ответным письмом сообщите VIN и IMEI.'],
    ['polite future', 'По Kia Connect будем благодарны, если пришлёте VIN и IMEI.'],
    ['не могли бы вы', 'Не могли бы вы прислать VIN и IMEI для проверки Kia Connect?'],
    ['please send', 'To check Kia Connect, please send the VIN and IMEI.'],
    ['please provide', 'To check Kia Connect, please provide the VIN and IMEI.'],
    ['include', 'To check Kia Connect, please include the VIN and IMEI in your reply.'],
    ['let us know', 'To check Kia Connect, let us know the VIN and IMEI.'],
    ['we will need', 'To check Kia Connect we will need the VIN and IMEI.'],
  ];
  for (const [what, body] of forms) {
    it(what, () => assert.deepEqual(asked(body).sort(), ['imei', 'vin'], body));
  }
  it('wishes and answers: "было бы здорово получить", "reply with"', () => {
    assert.deepEqual(verdict('По промокоду Яндекс Плюс: сообщите VIN. И было бы здорово получить фото СТС.'), { 'yandex-plus': [] });
    assert.deepEqual(verdict('Чтобы получить промокод Яндекс Плюс, нужен автомобиль с сервисами Яндекса.'), {});
    assert.deepEqual(verdict('For the Yandex Plus promo code, reply with the VIN and a photo of the registration certificate.'), { 'yandex-plus': [] });
  });
  it('"X тоже пригодится" asks for one more thing', () => {
    assert.deepEqual(verdict('По промокоду Яндекс Плюс пришлите фото СТС.\n\nP.S. И VIN тоже пригодится.'), { 'yandex-plus': [] });
  });
  it('verbless and elliptic requests', () => {
    assert.deepEqual(asked('Пожалуйста, ФИО, VIN и IMEI по Kia Connect.').sort(), ['full_name', 'imei', 'vin']);
    assert.deepEqual(asked('По Kia Connect пришлите IMEI. По Mobikey — дату обращения к дилеру.', 'mobikey'), ['dealer_date']);
    assert.deepEqual(asked('Клиент сообщил ФИО и телефон. По Kia Connect осталось прислать VIN и IMEI.').sort(), ['imei', 'vin']);
    assert.deepEqual(asked('To fix the Kia Connect issue, send your VIN and IMEI.').sort(), ['imei', 'vin']);
  });
  it('requests in sloppy one-line or markdown form, and topics found elsewhere', () => {
    // A negation further on in the same run-on sentence does not cancel the request.
    assert.deepEqual(verdict('здравствуйте чтобы получить промокод яндекс плюс скиньте стс с 2х сторон и вин через обратную связь на сайте киа ру регистрироваться не надо'), { 'yandex-plus': [] });
    assert.deepEqual(asked('По **Kia Connect**:\n\n**Что прислать:**\n- ФИО\n- VIN').sort(), ['full_name', 'vin']);
    // No topic in the reply: the customer's quoted message names it; or two items only one checklist has.
    assert.deepEqual(Object.keys(verdict(`${HELLO}Уточните, пожалуйста, ФИО, модель и где сейчас автомобиль.${BYE}\n> Перестал работать Киа Коннект.\n`, false)), ['kia-connect']);
    assert.deepEqual(verdict('Нужно:\n1) дата регистрации\n2) VIN\n3) фото ПТС'), { 'account-login': ['registration_data', 'description', 'error_photo'] });
  });
  it('a request that asks for nothing is not one ("напишите нам, если будут вопросы")', () => {
    assert.deepEqual(verdict('Kia Connect заработает после обновления. Напишите нам, если будут вопросы.'), {});
    assert.deepEqual(verdict('Подскажите, что делать, если не работает Kia Connect?'), {});
  });
});

describe('what is not a request', () => {
  it('negated requests', () => {
    const v = verdict('По Kia Connect пришлите ФИО, телефон, e-mail, VIN, IMEI, модель, дату покупки и описание. Фото ошибки присылать не нужно, местоположение указывать тоже не надо.');
    assert.deepEqual(v['kia-connect']!.sort(), ['error_photo', 'location']);
    assert.ok(verdict('Kia Connect: please send the VIN and IMEI. There is no need to attach a screenshot.')['kia-connect']!.includes('error_photo'));
    assert.deepEqual(verdict('Please do not send the VIN or IMEI of your Kia Connect car by e-mail.'), {});
  });
  it('self-service steps in the app, a program or on the site', () => {
    assert.deepEqual(verdict('Чтобы подключить Kia Connect, в приложении введите номер телефона и укажите код из СМС.'), {});
    assert.deepEqual(verdict('В программе Kia Connect откройте настройки и укажите e-mail.'), {});
    assert.deepEqual(verdict('Исправить данные автомобиля можно самостоятельно: удалите автомобиль и добавьте его заново, указав VIN.'), {});
    // The place after the verb: the step is still done there, not sent to us.
    assert.deepEqual(verdict('Чтобы добавить автомобиль в Kia Connect, введите VIN в личном кабинете на сайте и нажмите «Сохранить». Затем укажите IMEI модема в приложении.'), {});
    // …but a form or a reply to us is a request even when the site is named.
    assert.deepEqual(asked('По Kia Connect на сайте через форму обратной связи https://www.kia.ru/feedback/ укажите VIN.'), ['vin']);
  });
  it('steps of a procedure, numbered or in one sentence, and things done at the dealer', () => {
    assert.deepEqual(verdict('1. Откройте приложение Kia Connect.\n2. Нажмите «Профиль».\n3. Укажите новый номер телефона.'), {});
    assert.deepEqual(verdict('Kia Connect: откройте сайт, нажмите «Войти», укажите телефон и пароль.'), {});
    assert.deepEqual(verdict('Для восстановления пароля Kia Connect необходимо нажать «Забыли пароль?», выбрать способ и указать e-mail.'), {});
    assert.deepEqual(verdict('Для Mobikey обратитесь в дилерский центр, предоставив номер телефона.'), {});
    // A place after an action noun is where that action happened, not where the step is done.
    assert.deepEqual(verdict('Не пускает в личный кабинет? Укажите дату регистрации на сайте и логин для входа, приложите скриншот ошибки.'), { 'account-login': ['description', 'vin', 'production_document'] });
    assert.deepEqual(verdict('Please open the Mobikey app, go to Settings and check that your phone number and name are the same as at the dealer.'), {});
    // Data named above a list of steps is what the steps change, not what we ask for.
    assert.deepEqual(verdict('Неверные данные автомобиля в кабинете можно исправить самим:\n1. Откройте «Мои автомобили».\n2. Удалите автомобиль.\n3. Добавьте его снова, введя VIN.'), {});
    // …but sending something to us after a step is a request.
    assert.deepEqual(asked('Перезагрузите головное устройство Kia Connect и пришлите VIN.'), ['vin']);
  });
  it('statements of what is needed for something are not requests', () => {
    assert.deepEqual(verdict('Привязка номера телефона к учетной записи необходима для восстановления пароля.'), {});
    assert.deepEqual(verdict('Для активации Mobikey необходимо обратиться в дилерский центр.'), {});
    assert.deepEqual(verdict('Если почтового адреса нет, указать его невозможно: привяжите номер телефона в Kia Connect.'), {});
  });
  it('what the speaker offers to send, and a question about what to send, ask nothing', () => {
    assert.deepEqual(verdict('Промокод Яндекс Плюс не пришёл. Фото СТС и VIN могу прислать, если нужно.', false), {});
    assert.deepEqual(verdict('Машина не появилась в Mobikey. Напишите, пожалуйста, какие данные прислать — ФИО, телефон, VIN?', false), {});
    // "будем признательны, если пришлёте" is still ours.
    assert.deepEqual(verdict('По промокоду Яндекс Плюс будем признательны, если пришлёте VIN и фото СТС.'), { 'yandex-plus': [] });
  });
  it('the customer’s own questions, also quoted inside the reply', () => {
    assert.deepEqual(verdict('Подскажите, пожалуйста, какие документы нужны для исправления модели автомобиля в личном кабинете?'), {});
    assert.deepEqual(verdict('Kia Connect: подскажите, пожалуйста, куда мне отправить VIN и IMEI?'), {});
    assert.deepEqual(verdict('Вы спрашивали: «Укажите, что нужно: VIN, IMEI?» — по Kia Connect ничего присылать не нужно.'), {});
  });
  it('quoted or forwarded text below the reply', () => {
    const quoted = [
      '> Пришлите, что нужно по Kia Connect: VIN, IMEI?',
      '-----Original Message-----\nFrom: ivan@mail.ru\nПришлите по Kia Connect список: VIN, IMEI.',
      'From: Ivan <ivan@mail.ru>\nSent: Monday\nУкажите по Kia Connect VIN, IMEI.',
      '12.11.2026, 10:15, Иван <ivan@mail.ru> пишет:\nУкажите по Kia Connect VIN, IMEI.',
      'Иван Петров пишет:\nУкажите по Kia Connect VIN, IMEI.',
      '---------- Forwarded message ---------\nУкажите по Kia Connect VIN, IMEI.',
    ];
    for (const q of quoted) {
      const text = `${HELLO}Спасибо, ждите ответа.${BYE}\n${q}\n`;
      assert.ok(replyEnd(text) < text.indexOf(q) + 1, q);
      assert.deepEqual(verdict(text, false), {}, q);
    }
  });
});

describe('answers written between the customer’s quoted lines', () => {
  const text = `${HELLO}> Не приходит SMS для сброса пароля в личном кабинете. Пришлите мне код!\n\nПришлите, пожалуйста, e-mail учётной записи и номер телефона.\n\n> Скрин ошибки прикладываю.\n\nОпишите, что происходит после «Получить код».${BYE}\n> Спасибо`;
  it('the reply goes on after a quoted line it answers, and ends above the last quote', () => {
    assert.ok(replyEnd(text) > text.indexOf('Опишите'));
    assert.equal(text.slice(replyEnd(text)), '> Спасибо');
  });
  it('the quoted lines are blanked, offsets kept, the agent’s own lines untouched', () => {
    const own = ownText(text, replyEnd(text));
    assert.equal(own.length, text.length);
    assert.ok(!own.includes('Пришлите мне код') && !own.includes('прикладываю'));
    assert.equal(own.indexOf('Опишите'), text.indexOf('Опишите'));
  });
  it('their topic counts, their items do not', () => {
    // The screenshot "прикладываю" in the quote is the customer's, so it is still missing.
    assert.deepEqual(verdict(text, false), { 'password-sms': ['error_photo'] });
  });
});

describe('incoming e-mails are not replies', () => {
  const incoming = [
    'From: Иван Петров <ivan@mail.ru>\nSent: Monday, 9 November 2026\nTo: support@kia.ru\nSubject: Kia Connect\n\nЗдравствуйте! Не работает Kia Connect. Укажите, что прислать: VIN, IMEI? Подскажите, что делать?',
    'От: Мария <maria@yandex.ru>\nОтправлено: 10 ноября 2026 г.\nТема: ЛК\n\nУкажите, пожалуйста, как войти в личный кабинет, пришлите новый пароль. [ИМЯ] 10 МБ zip',
    'Тема: промокод\nОт: Сергей <s@mail.ru>\n\nПришлите промокод Яндекс Плюс, VIN и СТС прикладываю.',
    '---------- Forwarded message ---------\nFrom: Olga <olga@gmail.com>\nDate: Mon, 9 Nov 2026\n\nPlease send me the Kia Connect instructions, my VIN is below.',
    'Здравствуйте! У меня не работает Kia Connect, мне сменили номер. Пришлите, что нужно: VIN, IMEI? Заранее спасибо, Дмитрий',
    'Добрый день! Я не могу войти в Kia Connect, мой телефон сменился. Укажите, что прислать: VIN, IMEI?\nЖду ответа от службы поддержки.\nДмитрий',
    // Nobody addressed as "вы", no support signature, and the writer's own data: no first person needed.
    'Добрый день! Купили Seltos, промокод Яндекс Плюс не пришёл. Пришлите промокод на почту, VIN XWEPH81ABN0001234, фото СТС во вложении.\nАндрей',
    'Kia Connect не работает. Пришлите инструкцию на olga.k@mail.ru, телефон +7 912 345-67-89.',
  ];
  for (const text of incoming) {
    it(text.slice(0, 40), () => {
      const report = validateDraft(text, options);
      assert.equal(report.incoming, true);
      assert.deepEqual(report.checklists, []);
      assert.deepEqual(report.findings.filter((f) => !f.code.startsWith('vin.') && !f.code.startsWith('imei.')), []);
    });
  }
  it('a reply from support, or a reply with the customer quoted below, is still a reply', () => {
    assert.equal(isIncoming('From: Kia Support <support@kia.ru>\nTo: ivan@mail.ru\n\nПо Kia Connect пришлите VIN.'), false);
    assert.equal(isIncoming(`${HELLO}По Kia Connect пришлите VIN.${BYE}\nFrom: Ivan <ivan@mail.ru>\nУ меня не работает, я не могу войти.`), false);
    assert.equal(isIncoming(`${HELLO}Я проверила ваш аккаунт, мне нужно уточнить VIN.${BYE}`), false);
    // A terse reply without "вы" and without a signature that gives only our hotline is still ours.
    assert.equal(isIncoming('здравствуйте. пришлите вин и фото стс, вопросы по телефону 8 800 301 08 80'), false);
    // …and so is a terse one that quotes the customer's VIN.
    assert.equal(isIncoming('добрый. по промокоду яндекс плюс для XWEPH81ABN0001234 нужно фото стс, пришлите ответом'), false);
    assert.equal(isIncoming('здравствуйте. вин XWEPH81ABN0001234 сайт не поддерживает, пришлите птс и логин'), false);
  });
});

describe('which items are requested', () => {
  it('only what the request asks for counts, not the situation', () => {
    const v = verdict('Понимаем, что телефон у вас сменился. По Kia Connect пришлите ФИО, e-mail, VIN, IMEI, модель, дату покупки, описание, местоположение и скриншот ошибки.');
    assert.deepEqual(v['kia-connect'], ['phone']);
    assert.deepEqual(verdict('Телефон у клиента сменился, поэтому по Kia Connect пришлите VIN.')['kia-connect']!.includes('phone'), true);
  });
  it('items phrased as clauses or in other words', () => {
    assert.ok(asked('По Kia Connect подскажите, в каком году покупали автомобиль.').includes('date'));
    assert.ok(asked('По Kia Connect уточните, в каком городе сейчас автомобиль.').includes('location'));
    assert.ok(asked('По Kia Connect расскажите, что случилось, и пришлите VIN.').includes('description'));
    assert.ok(asked('По Kia Connect пришлите электронный адрес.').includes('email'));
    assert.ok(asked('По Kia Connect пришлите номер телематического модуля.').includes('imei'));
  });
  it('our questions to the customer about an item, with что / как as well as какой / когда', () => {
    assert.ok(asked('По Mobikey уточните: какой у вас VIN? Что именно происходит при активации?', 'mobikey').includes('description'));
    // The customer's own question is still not ours.
    assert.deepEqual(verdict('«Что именно мне указать в Mobikey, VIN?» — спрашиваете вы. Ответим завтра.'), {});
  });
  it('what a clause describing an item mentions is not asked for', () => {
    // "дилеру" describes the phone; "в документах" describes the model.
    assert.ok(!asked('По Mobikey пришлите ФИО, телефон, который вы давали дилеру, и VIN.', 'mobikey').includes('dealer'));
    assert.ok(!asked('Неверная модель в кабинете: пришлите VIN и модель так, как она записана в документах.', 'car-info-fix').includes('documents'));
    assert.ok(!asked('For Mobikey, please send the phone number you gave the dealership and the VIN.', 'mobikey').includes('dealer'));
    // A clause that is itself the item still counts ("дилерский центр, где проводили активацию").
    assert.ok(asked('По Mobikey пришлите VIN и название ДЦ, где проводили активацию.', 'mobikey').includes('dealer'));
  });
  it('a part of the request that declares its items unnecessary', () => {
    assert.deepEqual(verdict('По Kia Connect пришлите ФИО, телефон, e-mail, VIN, IMEI, модель, дату покупки и описание; город и скриншот не понадобятся.')['kia-connect']!.sort(), ['error_photo', 'location']);
    assert.deepEqual(verdict('For the Yandex Plus promo code, please send the VIN; a photo of the registration certificate is not needed.'), { 'yandex-plus': ['sts_photo'] });
  });
  it('prepositions stand for each other and the addressee may be left out in item phrases', () => {
    assert.ok(asked('По Mobikey уточните VIN и когда вы были в дилерском центре.', 'mobikey').includes('dealer_date'));
    assert.ok(asked('По Mobikey: как зовут владельца учётной записи? Какой VIN?', 'mobikey').includes('full_name'));
  });
  it('an item phrase that ends in the request counts ("если на экране ошибка, пришлите фото")', () => {
    assert.ok(asked('По Mobikey пришлите VIN. Если на экране ошибка, пришлите фото.', 'mobikey').includes('error_photo'));
  });
  it('a pronoun asks for what was just named', () => {
    assert.deepEqual(verdict('Промокод Яндекс Плюс выдаётся по фото СТС: приложите его к обращению https://www.kia.ru/feedback/.'), { 'yandex-plus': ['vin'] });
  });
});

describe('segmentation that survives real text', () => {
  const sentences = (t: string) => segment(t).map((s) => t.slice(s.start, s.end));
  it('abbreviations and initials do not end sentences', () => {
    assert.deepEqual(sentences('Укажите эл. почту, т.е. адрес. Второе.'), ['Укажите эл. почту, т.е. адрес.', 'Второе.']);
    assert.deepEqual(sentences('Автомобиль в г. Москва, ул. Ленина, д. 5. Ок.'), ['Автомобиль в г. Москва, ул. Ленина, д. 5.', 'Ок.']);
    assert.deepEqual(sentences('Уважаемый А. С. Пушкин! Пришлите VIN.'), ['Уважаемый А. С. Пушкин!', 'Пришлите VIN.']);
    assert.deepEqual(sentences('Обновление ПО и т.д. мы проверили.'), ['Обновление ПО и т.д. мы проверили.']);
  });
  it('URLs, e-mail addresses and decimals stay whole', () => {
    assert.deepEqual(sentences('Пишите на mobikey@hyundai.ru или www.kia.ru/feedback/. Файл до 2.5 МБ.'), ['Пишите на mobikey@hyundai.ru или www.kia.ru/feedback/.', 'Файл до 2.5 МБ.']);
  });
  it('lists with every marker, owned by the line that introduces them', () => {
    for (const marker of ['-', '–', '—', '•', '*', '1.', '1)']) {
      const t = `Пришлите, пожалуйста:\n${marker} ФИО\n${marker} VIN\n\nСпасибо.`;
      const s = segment(t);
      assert.equal(s.length, 4, marker);
      assert.equal(s[1]!.lead, 0, marker);
      assert.equal(s[2]!.lead, 0, marker);
      assert.equal(s[3]!.lead, undefined, marker);
    }
    // A markdown list after a blank line still belongs to its "…:" lead.
    assert.equal(segment('Нам потребуются:\n\n* ФИО\n* VIN')[2]!.lead, 0);
  });
  it('lines that continue a sentence, CRLF, headings and markdown emphasis', () => {
    assert.deepEqual(sentences('Пришлите VIN,\nIMEI и модель.\r\nСпасибо.\r\n'), ['Пришлите VIN,\nIMEI и модель.', 'Спасибо.']);
    assert.deepEqual(sentences('## Kia Connect\nПришлите **VIN**.'), ['Kia Connect', 'Пришлите **VIN**.']);
    assert.deepEqual(asked('## Kia Connect\r\n\r\nПришлите, пожалуйста:\r\n\r\n1. **ФИО**\r\n2. _VIN_\r\n3. __IMEI__').sort(), ['full_name', 'imei', 'vin']);
  });
  it('nested lists: multi-level numbers and lettered sub-items belong to the request above them', () => {
    const multi = 'По Kia Connect пришлите, пожалуйста:\n1. Данные учетной записи:\n   1.1. фамилия, имя, отчество;\n   1.2. номер телефона;\n   1.3 адрес электронной почты.\n2. Данные автомобиля:\n   2.1) VIN;\n   2.2) IMEI.';
    assert.deepEqual(asked(multi).sort(), ['email', 'full_name', 'imei', 'phone', 'vin']);
    const lettered = 'По Kia Connect нам потребуется следующее:\n1. Сведения о владельце:\nа) ФИО;\nб) телефон;\n2. Сведения об автомобиле:\nа) VIN;\nб) IMEI.';
    assert.deepEqual(asked(lettered).sort(), ['full_name', 'imei', 'phone', 'vin']);
    assert.equal(segment('Пришлите:\n1. Данные:\n  1.1. ФИО\n  б) VIN')[3]!.lead, 0);
    // Letters with a period; not initials.
    assert.deepEqual(asked('Пожалуйста, пришлите по Kia Connect:\nа. ФИО\nб. VIN\nв. IMEI').sort(), ['full_name', 'imei', 'vin']);
    // The request is itself a list line, its items indented below it.
    const steps = 'Для проверки Kia Connect:\n1. Пришлите данные учетной записи:\n   - ФИО;\n   - телефон.\n2. Укажите данные автомобиля:\n   - VIN;\n   - IMEI.';
    assert.deepEqual(asked(steps).sort(), ['full_name', 'imei', 'phone', 'vin']);
  });
  it('a markdown heading introduces the list below it', () => {
    const t = 'По Kia Connect нужны данные.\n\n## Что нужно прислать\n\n1. **ФИО**\n2. **VIN**\n3. **IMEI**';
    assert.deepEqual(asked(t).sort(), ['full_name', 'imei', 'vin']);
    // A line in bold only is a heading too.
    assert.deepEqual(asked('**Что нужно прислать по Kia Connect**\n\n1. **ФИО**\n2. **VIN**').sort(), ['full_name', 'vin']);
    // A heading that asks for nothing does not make its list a request.
    assert.deepEqual(verdict('## Kia Connect\n\n1. ФИО владельца указано верно.\n2. VIN проверен.'), {});
  });
  it('a question mark inside quotation marks does not end a sentence that goes on', () => {
    const t = 'На странице входа нажмите «Забыли пароль?» и укажите e-mail. Потом спросите: «Где код?» Код придёт.';
    assert.deepEqual(segment(t).map((x) => t.slice(x.start, x.end)), ['На странице входа нажмите «Забыли пароль?» и укажите e-mail.', 'Потом спросите: «Где код?»', 'Код придёт.']);
  });
  it('a heading with a bare infinitive and a markdown table of what to send', () => {
    assert.deepEqual(asked('По Kia Connect передадим специалистам.\n\n### Что указать в письме\n\n- ФИО\n- VIN').sort(), ['full_name', 'vin']);
    const table = 'По Kia Connect пришлите:\n\n| Что | Пример |\n|---|---|\n| ФИО | Иванов И. И. |\n| IMEI | 15 цифр |';
    assert.deepEqual(asked(table).sort(), ['full_name', 'imei']);
    const rows = segment(table).filter((x) => x.bullet === '| ');
    assert.equal(rows.length, 3, 'the header rule is not a row');
  });
  it('"следующие данные" over lines without markers, and "всё это пришлите" after a list', () => {
    assert.deepEqual(verdict('По промокоду Яндекс Плюс пришлите, пожалуйста, следующие данные.\n\nФото СТС\nVIN'), { 'yandex-plus': [] });
    assert.deepEqual(verdict('Для промокода Яндекс Плюс:\n* VIN\n* фото СТС\nВсё это пришлите ответным письмом.'), { 'yandex-plus': [] });
    // Lines with verbs below are not the list.
    assert.deepEqual(verdict('По промокоду Яндекс Плюс пришлите следующие данные: VIN.\nФото СТС проверять не будем.'), { 'yandex-plus': ['sts_photo'] });
  });
  it('an inline list after a colon on the same line', () => {
    assert.deepEqual(asked('Kia Connect: пришлите данные владельца: ФИО; телефон; e-mail.').sort(), ['email', 'full_name', 'phone']);
  });
});

describe('which checklist', () => {
  it('the one the request is best explained by, not the first topic word', () => {
    // "личный кабинет" comes first, but the items are the password checklist's.
    assert.deepEqual(verdict('По паролю от личного кабинета: если смс с кодом не приходит, пришлите описание ситуации, скрин ошибки, e-mail и номер телефона.'), { 'password-sms': [] });
    assert.deepEqual(verdict('Если после восстановления пароля Kia Connect не работает, пришлите ФИО, телефон, e-mail, VIN, IMEI, модель, дату покупки, описание, местоположение и скриншот ошибки.'), { 'kia-connect': [] });
    assert.deepEqual(verdict('Чтобы исправить неверные данные автомобиля в личном кабинете, пришлите описание, модель, VIN и сканы документов (СТС или ПТС).'), { 'car-info-fix': [] });
  });
  it('two topics in one reply: both checklists, and an item asked anywhere counts for both', () => {
    const v = verdict('По Kia Connect пришлите ФИО, телефон, e-mail, IMEI, модель, дату покупки, описание, местоположение и скриншот.\n\nА для промокода Яндекс Плюс приложите фото СТС и VIN.');
    assert.deepEqual(v, { 'kia-connect': [], 'yandex-plus': [] });
    assert.deepEqual(verdict('Чтобы разобраться с Kia Connect и выдать промокод Яндекс Плюс, пришлите VIN, IMEI и фото СТС.')['yandex-plus'], []);
  });
  it('a topic named only to say it does not apply brings nothing; a product beats a generic word', () => {
    assert.deepEqual(verdict('Mobikey здесь не используется, вопрос касается Kia Connect. Пришлите ФИО, телефон, e-mail, VIN и IMEI.'), { 'kia-connect': ['model', 'date', 'description', 'location', 'error_photo'] });
    assert.deepEqual(verdict('Обновление навигации не связано с Kia Connect. Чтобы подобрать карты, уточните VIN и модель автомобиля.'), {});
    assert.deepEqual(verdict('Apple CarPlay настраивается в головном устройстве, Kia Connect для этого не нужен. Если не заработает, пришлите модель автомобиля.'), {});
    assert.deepEqual(Object.keys(verdict('Если в приложении Kia Connect не приходит СМС-код, пришлите номер телефона и e-mail.')), ['kia-connect']);
  });
  it('a checklist yields to the one named beside it unless the request plainly asks for its own items', () => {
    assert.deepEqual(verdict('Если восстановить пароль от личного кабинета не получается, пришлите логин и скриншот ошибки.'), { 'password-sms': ['description', 'email', 'phone'] });
    assert.deepEqual(Object.keys(verdict('Если не получается войти в личный кабинет, а восстановление пароля не помогает, пришлите дату регистрации, логин, описание, скриншот ошибки, VIN и ПТС.')), ['account-login']);
    assert.deepEqual(verdict('В личном кабинете у вас отображается чужой автомобиль. Пришлите VIN и ПТС.'), { 'car-info-fix': ['description', 'model'] });
  });
  it('a paragraph without a topic takes the one named before it, not one named after it in passing', () => {
    const v = verdict('Автомобиль не появился в Мобикей после активации.\n\nНапишите ФИО, телефон и e-mail, VIN и модель, в каком ДЦ и когда проводили активацию.\n\nЕсли вопрос ещё и про Kia Connect, напишите отдельно.');
    assert.deepEqual(Object.keys(v), ['mobikey']);
  });
  it('a second topic asked about as a question, then "опишите это"', () => {
    const v = verdict('Kia Connect не подключается — пришлите ФИО, телефон, e-mail, VIN, IMEI, модель, дату покупки, город, описание и скриншот. СМС для сброса пароля от личного кабинета тоже не приходит? Тогда опишите это и приложите скрин.');
    assert.deepEqual(Object.keys(v).sort(), ['kia-connect', 'password-sms']);
  });
  it('sign-in and the reset code together: two items only the sign-in checklist has bring it in, an aside does not', () => {
    const both = 'Вы не можете войти в личный кабинет, а код для сброса пароля не приходит.\n\n## Что прислать\n\n- дату регистрации и логин\n- телефон, почту и скриншот ошибки\n- что именно происходит';
    assert.deepEqual(verdict(both), { 'account-login': ['vin', 'production_document'], 'password-sms': [] });
    // "(STS or PTS)" and a screenshot do not make a wrong-car-details reply a sign-in one.
    assert.deepEqual(verdict('The model shown in your personal account is wrong. Please send the VIN, the correct model, a short description and scans of the documents (STS or PTS), plus a screenshot.'), { 'car-info-fix': [] });
  });
  it('a second request that names its own topic before what it asks for, in the same paragraph as another topic', () => {
    const v = verdict('По Kia Connect пришлите ФИО, телефон, e-mail, VIN, IMEI, модель, дату покупки, местоположение, описание и скриншот. Также по поводу смс-кода для восстановления пароля от личного кабинета: пришлите номер телефона, e-mail и скриншот ошибки с описанием.');
    assert.deepEqual(Object.keys(v).sort(), ['kia-connect', 'password-sms']);
    assert.deepEqual(v['password-sms'], []);
  });
  it('no checklist just because its topic word occurs', () => {
    assert.deepEqual(verdict('Промокод Яндекс Плюс не связан с Kia Connect и личным кабинетом. Чтобы его получить, пришлите скан СТС и VIN через https://www.kia.ru/feedback/.'), { 'yandex-plus': [] });
    assert.deepEqual(verdict('Kia Connect работает только в России. Пароль от личного кабинета можно сменить на сайте.'), {});
  });
});

describe('the KB’s own wording works', () => {
  // What each checklist source does not enumerate (read from the article): pasted between a greeting
  // and a signature, it must be a request for its checklist with exactly these items missing.
  const notInArticle: Record<string, string[]> = {
    'kia-support-ru#problemy-s-registraciej-v-kia-connect-dlya-nerossijskogo': ['full_name', 'description'],
    'kia-support-ru#problemy-s-vhodom-v-prilozhenie-kia-connect': ['description'],
    'kia-support-ru#problemy-s-reagirovaniem-prilozheniya-kia-connect': ['description'],
    'kia-support-ru#problema-s-vhodom-v-prilozhenie-kia-connect': ['error_photo'],
    'kia-support-ru#problema-s-vhodom-v-akkaunt-kia-connect': ['full_name', 'description'],
    'kia-support-ru#problemy-s-rabotoj-kia-connect': ['full_name'],
    'kia-support-ru#problemy-s-vhodom-v-prilozhenie-kia-connect-na-telefone': ['full_name'],
    'kia-support-ru#problemy-s-vhodom-v-lichnyj-kabinet-i-vosstanovleniem': ['description', 'vin', 'production_document'],
    'kia-support-ru#problemy-s-dostupom-k-lichnomu-kabinetu-rekomendacii-po': ['description', 'vin', 'production_document'],
  };
  for (const c of kb.checklists) {
    for (const id of c.sources ?? []) {
      it(`${c.id}: ${id}`, () => {
        const article = kb.articles.find((a) => a.id === id)!;
        const report = validateDraft(`${HELLO}${article.body}${BYE}`, options);
        assert.deepEqual(
          report.checklists.map((x) => [x.id, x.missing]),
          [[c.id, notInArticle[id] ?? []]],
        );
      });
    }
  }
});

describe('entities in long lists', () => {
  it('finds every VIN of a long list once, in order, and labelled ones without overlap', () => {
    const vins = Array.from({ length: 2000 }, (_, i) => `XWEPH81ABN${String(i).padStart(7, '0')}`);
    const found = findEntities(vins.join('\n'));
    assert.equal(found.length, 2000);
    assert.deepEqual(found.map((f) => f.text), vins);
    const mixed = findEntities('VIN: XWEPH81ABN00012 и IMEI 490154203237518, VIN XWEPH81ABN0001234');
    assert.deepEqual(mixed.map((m) => [m.kind, m.text]), [['vin', 'XWEPH81ABN00012'], ['imei', '490154203237518'], ['vin', 'XWEPH81ABN0001234']]);
  });
});
