import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assembleKb } from '../../src/core/kb/assemble';
import { lintKb } from '../../src/core/kb/lint';
import { parseKbFile } from '../../src/core/kb/parse';
import { formatKbProblemLine, kbProblemMessages, renderKbProblem, type KbMessageKey } from '../../src/core/kb/problemMessages';
import { decodeKbBytes, folderTooDeep, notARegularFile, readFailure } from '../../src/core/kb/read';
import { KbError, type KbProblem } from '../../src/core/kb/types';
import { lintMessage } from '../../src/core/kb/lintRules';
import { fillTemplate } from '../../src/core/text/template';
import { REPO } from './helpers';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const CYRILLIC = /[а-яё]/i;

function thrown(f: () => unknown): KbProblem {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof KbError, String(e));
    return e.problem;
  }
  assert.fail('expected a KbError');
}

/** Every file under src/, for the check that each key is used. */
function sources(dir = join(REPO, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const KB_PROBLEM_MESSAGES = kbProblemMessages();

describe('KB problem messages: the table', () => {
  const keys = Object.keys(KB_PROBLEM_MESSAGES.en) as KbMessageKey[];

  it('has every key in Russian and English, with the same placeholders, one language per string', () => {
    assert.deepEqual(Object.keys(KB_PROBLEM_MESSAGES.ru).sort(), [...keys].sort());
    for (const key of keys) {
      const { ru, en } = { ru: KB_PROBLEM_MESSAGES.ru[key], en: KB_PROBLEM_MESSAGES.en[key] };
      assert.ok(ru.trim() && en.trim(), key);
      assert.deepEqual(placeholders(ru), placeholders(en), `placeholders of ${key}`);
      assert.match(ru, CYRILLIC, `${key} in Russian: ${ru}`);
      assert.doesNotMatch(en, CYRILLIC, `${key} in English: ${en}`);
      assert.doesNotMatch(ru, /"[^"]*[а-яё][^"]*"/i, `${key}: Russian text quotes with «ёлочки»: ${ru}`);
    }
  });

  it('has no key that nothing uses', () => {
    const code = sources().filter((f) => !f.endsWith('problemMessages.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const key of Object.keys(KB_PROBLEM_MESSAGES.en)) assert.ok(code.includes(`'${key}'`), `${key} is not used`);
  });

  it('keeps a problem without a key (from an older saved index) as its English message', () => {
    const old: KbProblem = { severity: 'error', code: 'kb.file.binary', message: 'file contains NUL bytes', file: 'kb/a.md', line: 2 };
    assert.equal(renderKbProblem(old, 'ru'), 'file contains NUL bytes');
  });
});

describe('KB problem messages: real problems in Russian, with the file and line', () => {
  it('a front matter that is never closed', () => {
    const p = thrown(() => parseKbFile({ file: 'kb/team.md', text: '---\nlang: ru\n\n# Команда\n\n## Статья\n\nТекст.\n' }));
    assert.equal(p.code, 'kb.front-matter.invalid');
    assert.equal(formatKbProblemLine(p, 'ru'), 'kb/team.md:4: Блок front matter начат с «---» в строке 1, но не закрыт: добавьте строку «---» перед этой строкой');
    assert.equal(renderKbProblem(p, 'en'), p.message, 'English is the message it always had');
    assert.match(p.message, /^front matter opened with "---" on line 1 is never closed; add a "---" line above this line$/);
  });

  it('a front matter line that is not "key: value", quoted in «ёлочки»', () => {
    const p = thrown(() => parseKbFile({ file: 'kb/fm.md', text: '---\nlang ru\n---\n## A\n' }));
    assert.equal(formatKbProblemLine(p, 'ru'), 'kb/fm.md:2: Строка в блоке front matter не в формате «ключ: значение»: «lang ru»');
  });

  it('a binary file, on the line of its first NUL byte', () => {
    const p = thrown(() => parseKbFile({ file: 'kb/logo.md', text: '## A\nтекст\n\u0000\u0001PNG' }));
    assert.equal(p.code, 'kb.file.binary');
    assert.equal(p.line, 3);
    assert.match(formatKbProblemLine(p, 'ru'), /^kb\/logo\.md:3: В файле есть нулевые байты \(NUL\): похоже, это двоичный файл/);
  });

  it('bytes that are not UTF-8, and a file with no articles, as warnings from the whole KB', () => {
    const latin1 = decodeKbBytes('kb/latin1.md', Uint8Array.from([...Buffer.from('## Статья\nтекст\n'), 0xe9, 0x0a]));
    const kb = assembleKb([latin1, { file: 'kb/empty.md', text: 'Только текст.\n' }]);
    const lines = kb.problems.map((p) => formatKbProblemLine(p, 'ru'));
    assert.ok(lines.includes('kb/latin1.md:3: С этой строки файл не в кодировке UTF-8: неверные байты показаны как «�». Сохраните файл в UTF-8'), lines.join('\n'));
    assert.ok(lines.includes('kb/empty.md: В файле нет заголовков «##», поэтому в базу из него не попадает ни одной статьи'), lines.join('\n'));
  });

  it('a checklists.json with a syntax error: the line and column, and that its checklists are not used', () => {
    const kb = assembleKb([{ file: 'kb/checklists.json', text: '{\n  "checklists": [\n    {"id": "vin",}\n  ]\n}' }]);
    const [p] = kb.problems;
    assert.equal(p!.code, 'kb.checklists.invalid');
    assert.equal(p!.line, 3);
    assert.equal(
      formatKbProblemLine(p!, 'ru'),
      'kb/checklists.json:3: Ошибка JSON в файле чек-листов, строка 3, столбец 18: ожидается имя свойства в двойных кавычках (лишняя запятая?) (чек-листы из этого файла не используются)',
    );
    assert.equal(renderKbProblem(p!, 'en'), p!.message);
    assert.match(p!.message, /^checklists file is not valid JSON at line 3, column 18: a property name .* \(checklists from this file are not used\)$/);
  });

  it('a checklists.json that does not match its schema names the place in the file', () => {
    const kb = assembleKb([{ file: 'kb/checklists.json', text: '{"checklists": [{"id": "Bad Id"}]}' }]);
    assert.equal(formatKbProblemLine(kb.problems[0]!, 'ru'), 'kb/checklists.json: checklists[0].id: допустимы только строчные латинские буквы, цифры и дефисы (чек-листы из этого файла не используются)');
    assert.equal(kb.problems[0]!.message, 'checklists[0].id must be lower-case letters, digits and dashes (checklists from this file are not used)');
  });

  it('an aliases.json and a categories.json that do not match their schema', () => {
    const kb = assembleKb([
      { file: 'kb/aliases.json', text: '{"groups": [{"terms": ["один"]}]}' },
      { file: 'kb/categories.json', text: '{"sources": ["a"], "otherwise": "Другое", "categories": [{"titleWords": ["x"]}]}' },
    ]);
    assert.deepEqual(kb.problems.map((p) => formatKbProblemLine(p, 'ru')), [
      'kb/aliases.json: groups[0]: в «terms» нужно хотя бы два названия одного и того же (синонимы из этого файла не используются)',
      'kb/categories.json: categories[0]: нет «name» (категории из этого файла не используются)',
    ]);
  });

  it('a file over the size limit, in МБ with a decimal comma', () => {
    const p = thrown(() => parseKbFile({ file: 'kb/dump.md', text: '', bytes: 9.46 * 1024 * 1024 }));
    assert.equal(formatKbProblemLine(p, 'ru'), 'kb/dump.md: Файл весит 9,5 МБ, а файл базы знаний может быть не больше 8 МБ: разделите его на несколько файлов');
    assert.equal(p.message, 'file is 9.5 MB; KB files may be at most 8 MB — split it into several files');
  });

  it('a path that is not there, and a file that cannot be read', () => {
    assert.equal(formatKbProblemLine(readFailure('/srv/kb', { code: 'ENOENT' }).problem, 'ru'), '/srv/kb: Путь к базе знаний не найден: проверьте путь в настройке supportKb.kbPaths (или в --kb)');
    assert.equal(formatKbProblemLine(readFailure('kb/a.md', { code: 'ELOOP' }).problem, 'en'), 'kb/a.md: symbolic links point at each other in a loop; fix or remove the link');
    assert.equal(formatKbProblemLine(notARegularFile('kb/fifo.md').problem, 'ru'), 'kb/fifo.md: Это не обычный файл (канал, устройство или сокет): положите сюда файл markdown или JSON');
    assert.equal(formatKbProblemLine(folderTooDeep('kb/a/b', 32).problem, 'ru'), 'kb/a/b: Папка вложена глубже 32 уровней от пути к базе знаний, её файлы не читаются: перенесите их выше');
    assert.equal(folderTooDeep('kb/a/b', 32).problem.message, 'folder is nested more than 32 levels below the KB path; its files are not read — move them up');
    const kb = assembleKb([readFailure('kb/a.md', { code: 'EACCES' })]);
    assert.equal(renderKbProblem(kb.problems[0]!, 'ru'), 'Нет доступа к файлу: разрешите своему пользователю читать его или уберите файл из папки базы знаний (его статьи не используются)');
  });

  it('a file that broke after it had loaded keeps its last version, said in Russian', () => {
    const good = parseKbFile({ file: 'kb/a.md', text: '## Статья\nТекст.\n' });
    const kb = assembleKb([{ file: 'kb/a.md', text: '---\nlang: xx\n---\n## Статья\n' }], new Map([['kb/a.md', good]]));
    assert.equal(formatKbProblemLine(kb.problems[0]!, 'ru'), 'kb/a.md:2: Неизвестный язык lang: «xx»; допустимые значения: ru, da, en (пока используется последняя версия, которая загрузилась)');
    assert.equal(kb.articles.length, 1);
  });

  it('the lint reports a broken file in its own locale', () => {
    const files = [{ file: 'kb/logo.md', text: '## A\n\u0000' }];
    const [ru] = lintKb(files, { locale: 'ru' }).filter((f) => f.code === 'kb.file.invalid');
    const [en] = lintKb(files, { locale: 'en' }).filter((f) => f.code === 'kb.file.invalid');
    assert.match(ru!.message, /^В файле есть нулевые байты/);
    assert.match(en!.message, /^file contains NUL bytes/);
    assert.equal(ru!.line, 2);
  });

  it('fills KB problem and lint templates alike: an argument by name, a missing one left as written', () => {
    const table: [string, Record<string, string | number>, string][] = [
      ['{count} more problems', { count: 3 }, '3 more problems'],
      ['{path} needs {what}', { path: 'a[0]' }, 'a[0] needs {what}'],
      ['{a}{a} {b}', { a: 'x', b: 0 }, 'xx 0'],
      ['{toString} and {constructor}', {}, '{toString} and {constructor}'],
      ['no placeholders', { x: 1 }, 'no placeholders'],
    ];
    for (const [template, args, want] of table) assert.equal(fillTemplate(template, args), want, template);
    assert.equal(fillTemplate('{n} MB', { n: 8.5 }, (v) => String(v).replace('.', ',')), '8,5 MB');
    assert.equal(lintMessage('en', 'config.invalid'), 'Lint settings: {why}; this part is ignored.');
    assert.match(lintMessage('ru', 'config.invalid', { why: 'X' }), /: X;/);
  });
});
