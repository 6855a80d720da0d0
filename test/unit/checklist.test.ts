import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { replyEnd } from '../../src/core/checklist/draft';
import { parseChecklists } from '../../src/core/checklist/parse';
import { FEEDBACK_FORM_URL, analyseDraft, validateDraft } from '../../src/core/checklist/validate';
import { KbError } from '../../src/core/kb/types';
import { REPO, bundledKb } from './helpers';

const kb = bundledKb();
const DRAFTS = join(REPO, 'test', 'fixtures', 'drafts', 'tune');
type Expected = Record<string, { checklists: Record<string, string[]>; codes: string[] }>;
interface Floor {
  precision: number;
  recall: number;
  exact: number;
}
interface Splits {
  writerSets: { prefix: string; atLeast: number; floor: Floor }[];
  holdouts: { dir: string; atLeast: number; floor: Floor }[];
}
const expected: Expected = JSON.parse(readFileSync(join(DRAFTS, 'expected.json'), 'utf8'));
const options = { checklists: kb.checklists, articleBodies: new Map(kb.articles.map((a) => [a.id, a.body])) };

/** Applies a finding's first fix the way the quick fix does. */
function applyFix(text: string, edits: { start: number; end: number; newText: string }[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

describe('checklists as KB data', () => {
  it('has every required checklist with exactly the required item ids', () => {
    const required: Record<string, string[]> = {
      'kia-connect': ['full_name', 'phone', 'email', 'vin', 'imei', 'model', 'date', 'description', 'location', 'error_photo'],
      mobikey: ['full_name', 'phone', 'vin', 'dealer', 'description', 'dealer_date', 'error_photo'],
      'yandex-plus': ['sts_photo', 'vin'],
      'account-login': ['registration_date', 'registration_data', 'description', 'error_photo', 'vin', 'production_document'],
      'password-sms': ['description', 'error_photo', 'email', 'phone'],
      'car-info-fix': ['description', 'model', 'vin', 'documents'],
    };
    for (const [id, items] of Object.entries(required)) {
      const c = kb.checklists.find((x) => x.id === id);
      assert.ok(c, id);
      assert.deepEqual(c.items.map((i) => i.id).sort(), [...items].sort(), id);
    }
    const ids = new Set(kb.articles.map((a) => a.id));
    for (const c of kb.checklists) for (const a of [...(c.appliesWhen.articles ?? []), ...(c.sources ?? [])]) assert.ok(ids.has(a), `${c.id}: ${a}`);
  });

  it('rejects malformed checklist files with a clear message', () => {
    for (const [text, re] of [['{', /not valid JSON/], ['{"checklists":[{"id":"A B"}]}', /lower-case/], ['{"checklists":[{"id":"a","title":{"ru":"x","en":"y"},"appliesWhen":{},"items":[]}]}', /at least one item/]] as const) {
      assert.throws(() => parseChecklists(text, 'kb/checklists.json'), (e: unknown) => e instanceof KbError && re.test(e.message) && e.message.includes('kb/checklists.json'));
    }
  });
});

/** The writer sets and holdouts with their floors (one list, shared with bench:checklists). */
const SPLITS: Splits = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'drafts', 'splits.json'), 'utf8'));
/** Writer sets are tuned on, but held to a floor rather than each draft passing. */
const FLOOR_HELD = SPLITS.writerSets.map((set) => set.prefix);

describe('reply drafts, tune split (test/fixtures/drafts/tune)', () => {
  it('has at least 100 drafts', () => assert.ok(Object.keys(expected).length >= 100));
  for (const [name, want] of Object.entries(expected)) {
    if (FLOOR_HELD.some((prefix) => name.startsWith(prefix))) continue;
    it(name, () => {
      const text = readFileSync(join(DRAFTS, `${name}.txt`), 'utf8');
      const report = validateDraft(text, options);
      const got = Object.fromEntries(report.checklists.map((c) => [c.id, [...c.missing].sort()]));
      const sorted = Object.fromEntries(Object.entries(want.checklists).map(([k, v]) => [k, [...v].sort()]));
      assert.deepEqual(got, sorted, 'checklists and their missing items');
      assert.deepEqual([...new Set(report.findings.map((f) => f.code))].sort(), want.codes, 'finding codes');
      for (const f of report.findings) {
        assert.ok(f.start >= 0 && f.end > f.start && f.end <= text.length, `${f.code} has a range in the text`);
        assert.ok(f.message.length > 10);
      }
    });
  }
});

/** Precision and recall over missing items, and the share of drafts with exactly the right verdict. */
function score(dir: string, drafts: Expected): { precision: number; recall: number; exact: number; n: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  for (const [name, want] of Object.entries(drafts)) {
    const report = validateDraft(readFileSync(join(dir, `${name}.txt`), 'utf8'), options);
    const got = new Map(report.checklists.map((c) => [c.id, new Set(c.missing)]));
    let right = got.size === Object.keys(want.checklists).length;
    for (const id of new Set([...got.keys(), ...Object.keys(want.checklists)])) {
      const truth = new Set(want.checklists[id] ?? []);
      const predicted = got.get(id) ?? new Set<string>();
      if (got.has(id) !== id in want.checklists) right = false;
      for (const item of predicted) {
        if (truth.has(item)) tp++;
        else {
          fp++;
          right = false;
        }
      }
      for (const item of truth) {
        if (predicted.has(item)) continue;
        fn++;
        right = false;
      }
    }
    if (right) exact++;
  }
  const n = Object.keys(drafts).length;
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), exact: exact / n, n };
}

function assertFloor(got: ReturnType<typeof score>, floor: Floor): void {
  // Floors at the figures measured when they were last raised (bench:checklists prints the current ones).
  assert.ok(got.precision >= floor.precision, `precision ${got.precision}`);
  assert.ok(got.recall >= floor.recall, `recall ${got.recall}`);
  assert.ok(got.exact >= floor.exact, `exact verdicts ${got.exact} of ${got.n}`);
}

describe('reply drafts, holdout splits (scored only)', () => {
  for (const { dir: name, atLeast, floor } of SPLITS.holdouts) {
    const dir = join(REPO, 'test', 'fixtures', 'drafts', name);
    it(`keeps test/fixtures/drafts/${name} at its measured floors (target 0.95)`, () => {
      const holdout: Expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      const got = score(dir, holdout);
      assert.ok(got.n >= atLeast, `${name} is there`);
      assertFloor(got, floor);
    });
  }
});

// Other writers' drafts (the lead's sets): a voice the code was not written against, held to floors.
for (const voice of SPLITS.writerSets) {
  describe(`reply drafts by another writer (tune split, ${voice.prefix} prefix)`, () => {
    it('keeps precision, recall and exact verdicts at their measured floors', () => {
      const drafts = Object.fromEntries(Object.entries(expected).filter(([name]) => name.startsWith(voice.prefix)));
      const got = score(DRAFTS, drafts);
      assert.ok(got.n >= voice.atLeast, `the ${voice.prefix} drafts are there`);
      assertFloor(got, voice.floor);
    });
  });
}

describe('quick fixes', () => {
  it('add the missing items in the request’s own wording, after which nothing is missing', () => {
    for (const name of ['02-kc-missing-three', '03-kc-list', '09-mobikey-missing', '29-kc-numbered']) {
      const text = readFileSync(join(DRAFTS, `${name}.txt`), 'utf8');
      const finding = validateDraft(text, options).findings.find((f) => f.code === 'checklist.missing-items')!;
      const fixed = applyFix(text, finding.fixes[0]!.edits);
      const after = validateDraft(fixed, options);
      assert.ok(after.checklists.every((c) => c.missing.length === 0), `${name}: ${JSON.stringify(after.checklists)}`);
      if (name === '03-kc-list') assert.match(fixed, /\n- месторасположение автомобиля/);
      if (name === '29-kc-numbered') assert.match(fixed, /\n4\. /);
      assert.ok(fixed.startsWith(text.slice(0, finding.fixes[0]!.edits[0]!.start)), 'nothing before the insertion changes');
    }
  });

  it('add a missing item to a markdown table as a row of its own', () => {
    const text = 'Здравствуйте!\n\nПо Kia Connect пришлите:\n\n| Что | Пример |\n|---|---|\n| ФИО | Иванов |\n| VIN | 17 знаков |\n\nС уважением,\nПоддержка Kia\n';
    const finding = validateDraft(text, options).findings.find((f) => f.code === 'checklist.missing-items')!;
    const fixed = applyFix(text, finding.fixes[0]!.edits);
    assert.match(fixed, /\| VIN \| 17 знаков \|\n\| [^\n]+ \|\n/);
    assert.ok(validateDraft(fixed, options).checklists.every((c) => c.missing.length === 0), JSON.stringify(validateDraft(fixed, options).checklists));
  });

  it('add a missing item to a form to fill in as a line of the form', () => {
    const text = 'Добрый день!\n\nДля заявки по Mobikey заполните и пришлите ответом:\n\n**ФИО:** ________\n**Телефон:** ________\n**VIN:** ________\n**Какой ДЦ делал активацию:** ________\n**Дата визита в ДЦ:** ________\n**Что не работает:** ________\n\nСпасибо!\n';
    const finding = validateDraft(text, options).findings.find((f) => f.code === 'checklist.missing-items')!;
    const fixed = applyFix(text, finding.fixes[0]!.edits);
    assert.match(fixed, /\*\*Что не работает:\*\* ________\n\*\*[^\n*]+:\*\* ________\n/);
    assert.ok(validateDraft(fixed, options).checklists.every((c) => c.missing.length === 0), JSON.stringify(validateDraft(fixed, options).checklists));
  });

  /** The preferred fix of the first missing-items finding, applied; asserts it only inserts (or turns one "." into ";") and leaves nothing missing. */
  function fixMissing(text: string): { fixed: string; edit: { start: number; end: number; newText: string } } {
    const finding = validateDraft(text, options).findings.find((f) => f.code === 'checklist.missing-items');
    assert.ok(finding, `a missing-items finding in ${JSON.stringify(text)}`);
    const edit = finding.fixes[0]!.edits[0]!;
    assert.equal(finding.fixes[0]!.edits.length, 1);
    assert.ok(edit.end - edit.start === 0 || (text.slice(edit.start, edit.end) === '.' && edit.newText.startsWith(';')), `only an insertion: ${JSON.stringify(edit)}`);
    const fixed = applyFix(text, [edit]);
    const after = validateDraft(fixed, options).checklists;
    assert.ok(after.length && after.every((c) => c.missing.length === 0), `nothing missing after the fix: ${JSON.stringify(after)}\n${fixed}`);
    if (text.includes('\r\n')) assert.doesNotMatch(fixed, /[^\r]\n/, 'CRLF stays CRLF');
    return { fixed, edit };
  }

  it('never append right after a URL or an e-mail address at the end of a sentence', () => {
    const url = 'Добрый день!\r\n\r\nДля проверки Kia Connect отправьте ФИО, VIN и IMEI через форму https://www.kia.ru/feedback/\r\n\r\nСпасибо,\r\nподдержка Kia\r\n';
    const byUrl = fixMissing(url).fixed;
    assert.match(byUrl, /через форму https:\/\/www\.kia\.ru\/feedback\/\r\nТакже пришлите, пожалуйста: [^\r\n]+\.\r\n\r\nСпасибо/);
    const mail = 'Здравствуйте!\n\nПо Kia Connect пришлите, пожалуйста, ФИО, VIN и IMEI на адрес connect@kia.ru.\n\nПоддержка Kia\n';
    const byMail = fixMissing(mail).fixed;
    assert.match(byMail, /на адрес connect@kia\.ru\. Также пришлите, пожалуйста: [^\n]+\.\n\nПоддержка/);
  });

  it('do not extend a question, a conditional sentence or one that says something is not needed; prefer a plain ask', () => {
    // Only questions: the items become a sentence of their own.
    const questions = 'Добрый день!\n\nКакой VIN у вашего автомобиля? И какой IMEI у модуля Kia Connect?\n\nПоддержка Kia\n';
    assert.match(fixMissing(questions).fixed, /у модуля Kia Connect\? Также пришлите, пожалуйста: [^?\n]+\.\n\n/);
    // A plain ask before a conditional one, an indirect question and a "не нужно": the plain ask gets the items.
    for (const tail of ['Если приложение показывает ошибку, приложите её скриншот.', 'Опишите, в какой момент появляется ошибка.', 'Фото ошибки присылать не нужно, достаточно IMEI и модели.']) {
      const text = `Добрый день!\n\nПо Kia Connect пришлите, пожалуйста, ФИО и VIN. ${tail}\n\nПоддержка Kia\n`;
      const { fixed } = fixMissing(text);
      assert.ok(fixed.includes(` ${tail}\n`), `"${tail}" stays as it was: ${fixed}`);
      assert.match(fixed, /ФИО и VIN, а также [^.]+\. /);
    }
    // A clause about what we will do ends the request: the items go before it, after what is asked.
    const ours = fixMissing('Добрый день!\n\nПо Kia Connect пришлите ФИО и VIN, мы проверим подключение и ответим.\n\nПоддержка Kia\n').fixed;
    assert.match(ours, /ФИО и VIN, а также [^\n]+, мы проверим подключение и ответим\.\n/);
    // A remark on the last item ("— его можно посмотреть …") is left to it: a sentence of its own.
    const aside = fixMissing('Добрый день!\n\nПо Kia Connect пришлите, пожалуйста, VIN и IMEI — его можно посмотреть в меню «Номер модема».\n\nПоддержка Kia\n').fixed;
    assert.match(aside, /в меню «Номер модема»\. Также пришлите, пожалуйста: [^\n]+\.\n/);
    // A conditional request alone: a sentence of its own after it.
    const conditional = 'Здравствуйте!\n\nЕсли Kia Connect так и не заработает, пришлите ФИО, VIN и IMEI.\n\nПоддержка Kia\n';
    assert.match(fixMissing(conditional).fixed, /пришлите ФИО, VIN и IMEI\. Также пришлите, пожалуйста: [^\n]+\.\n/);
  });

  it('add list lines that follow the list’s punctuation, numbering and line breaks', () => {
    const text = 'Здравствуйте!\r\n\r\nПо Kia Connect пришлите, пожалуйста:\r\n1) ФИО;\r\n2) VIN;\r\n3) IMEI.\r\n\r\nСпасибо!\r\n';
    const { fixed, edit } = fixMissing(text);
    assert.equal(text.slice(edit.start, edit.end), '.', 'the old last line’s "." becomes ";"');
    const lines = fixed.split('\r\n').filter((l) => /^\d+\) /.test(l));
    assert.equal(lines.length, 10);
    lines.forEach((l, i) => {
      assert.ok(l.startsWith(`${i + 1}) `), l);
      assert.ok(l.endsWith(i === lines.length - 1 ? '.' : ';'), l);
    });
    // A lettered, indented sub-list goes on from its last letter, at its indentation.
    const lettered = fixMissing('Добрый день!\n\n1. Спасибо за письмо.\n2. По Mobikey пришлите, пожалуйста:\n   а) VIN автомобиля;\n   б) телефон, указанный дилеру.\n\nПоддержка Kia\n').fixed;
    assert.match(lettered, /\n {3}б\) телефон, указанный дилеру;\n {3}в\) [^\n]+;\n {3}г\) /);
    // Lines without punctuation get none.
    const bare = fixMissing('Добрый день!\n\nПо Kia Connect пришлите:\n- ФИО\n- VIN\n\nСпасибо!\n').fixed;
    assert.match(bare, /\n- VIN\n- [^\n;.]+\n- /);
  });

  it('name the items in the nominative after a verbless "нам потребуются / нужны", in the accusative after a verb', () => {
    const list = fixMissing('Добрый день!\n\nЧтобы разобраться с Mobikey, нам понадобятся:\n— VIN автомобиля;\n— телефон, указанный дилеру.\n\nПоддержка Kia\n').fixed;
    assert.match(list, /\n— дата обращения [^\n]+[;.]\n/);
    assert.match(list, /\n— имя и фамилия [^\n]+;\n/);
    assert.doesNotMatch(list, /дату|фамилию/);
    const prose = fixMissing('Добрый день!\n\nДля заявки по Mobikey нам нужны VIN и телефон, указанный дилеру.\n\nПоддержка Kia\n').fixed;
    assert.match(prose, /указанный дилеру, а также имя и фамилия [^.]*дата обращения/);
    const verb = fixMissing('Добрый день!\n\nПо Mobikey нужно прислать VIN и телефон, указанный дилеру.\n\nПоддержка Kia\n').fixed;
    assert.match(verb, /а также имя и фамилию [^.]*дату обращения/);
  });

  it('word the English insert the way a person would write it', () => {
    const text = 'Hello,\n\nFor the Kia Connect check, please send us the VIN and a screenshot of the error you see.\n\nKia Support\n';
    const { fixed } = fixMissing(text);
    assert.match(fixed, /the error you see, as well as your full name, [^\n]*, a description of the problem and the car's location\.\n/);
    const ours = fixMissing('Hello,\n\nFor Kia Connect, please send us the VIN and the IMEI, and we will check the connection.\n\nKia Support\n').fixed;
    assert.match(ours, /the IMEI, as well as your full name, [^\n]+, and we will check the connection\.\n/);
  });

  it('insert the form link and replace Cyrillic look-alikes in a VIN', () => {
    const form = readFileSync(join(DRAFTS, '20-form-no-link.txt'), 'utf8');
    const f = validateDraft(form, options).findings.find((x) => x.code === 'draft.form-link-missing')!;
    const fixedForm = applyFix(form, f.fixes[0]!.edits);
    assert.ok(fixedForm.includes(FEEDBACK_FORM_URL));
    assert.equal(validateDraft(fixedForm, options).findings.filter((x) => x.code === 'draft.form-link-missing').length, 0);
    const vin = readFileSync(join(DRAFTS, '24-vin-cyrillic.txt'), 'utf8');
    const v = validateDraft(vin, options).findings.find((x) => x.code === 'vin.cyrillic-lookalikes')!;
    assert.match(applyFix(vin, v.fixes[0]!.edits), /XWEPH81ABN0001234/);
  });
});

describe('draft structure', () => {
  it('finds where quoted customer text starts', () => {
    const text = 'Ответ.\n\n-----Original Message-----\nОт: клиент';
    assert.equal(text.slice(replyEnd(text)).split('\n')[0], '-----Original Message-----');
    assert.equal(replyEnd('Просто ответ.'), 'Просто ответ.'.length);
  });

  it('finds requests and the list below them', () => {
    const text = 'Привет.\nУкажите, пожалуйста:\n- ФИО\n- VIN\n\nСпасибо.';
    const [r] = analyseDraft(text, text.length, options).requests;
    assert.equal(text.slice(r!.start, r!.sentenceEnd), 'Укажите, пожалуйста:');
    assert.equal(r!.listCount, 2);
    assert.equal(r!.bullet, '- ');
    assert.equal(analyseDraft('Сервис работает штатно.', 100, options).requests.length, 0);
  });

  it('can turn each rule off and pin or unpin checklists', () => {
    const text = readFileSync(join(DRAFTS, '19-placeholders.txt'), 'utf8');
    assert.equal(validateDraft(text, { ...options, disabled: ['draft.unfilled-placeholder'] }).findings.length, 0);
    const generic = readFileSync(join(DRAFTS, '32-request-without-topic.txt'), 'utf8');
    assert.deepEqual(validateDraft(generic, { ...options, pinned: ['yandex-plus'] }).checklists.map((c) => c.id), ['yandex-plus']);
    const kc = readFileSync(join(DRAFTS, '02-kc-missing-three.txt'), 'utf8');
    assert.equal(validateDraft(kc, { ...options, unpinned: ['kia-connect'] }).checklists.length, 0);
  });
});
