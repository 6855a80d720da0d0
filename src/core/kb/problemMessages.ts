/**
 * What reading and parsing the KB found, in both UI languages. A `KbProblem` carries a stable
 * message key and its arguments; each place that shows it (Problems panel, status bar, log, CLI)
 * renders it in its own language. The English text is also kept on the problem as `message`
 * (the CLI's JSON and older readers use it), so English here must stay as it always read.
 */
import { fillTemplate } from '../text/template';

export type KbLocale = 'ru' | 'en';

/** A message that is not yet text: its key and arguments. An argument may be such a message itself. */
export interface KbText {
  key: KbMessageKey;
  args?: KbMessageArgs;
}
export type KbMessageArgs = Readonly<Record<string, string | number | KbText>>;

const EN = {
  'file.too-large': 'file is {size} MB; KB files may be at most {max} MB — split it into several files',
  'file.binary': 'file contains NUL bytes and looks binary, not markdown text; remove it from the KB folder',
  'file.encoding': 'file is not valid UTF-8 from this line on; the bad bytes show as "�" — save the file as UTF-8',
  'file.no-articles': 'file has no "##" headings, so it adds no articles',
  'file.more-problems': '{count} more problems in this file are not listed; fix the ones above first',
  'file.internal': 'this file could not be processed ({what}); please report it with the file attached',
  'file.permission': 'permission denied; make the file readable for your user or remove it from the KB folder',
  'file.unreadable': 'cannot be read ({why})',
  'file.not-regular': 'is not a regular file (a pipe, a device or a socket); put a markdown or JSON file here',
  'folder.too-deep': 'folder is nested more than {max} levels below the KB path; its files are not read — move them up',
  'path.not-found': 'KB path not found; check the path in supportKb.kbPaths (or --kb)',
  'path.not-a-folder': 'a part of this path is a file, not a folder; check the path in supportKb.kbPaths (or --kb)',
  'path.is-a-folder': 'is a folder where a file was expected; check the path',
  'path.link-loop': 'symbolic links point at each other in a loop; fix or remove the link',
  'front-matter.bad-line': 'front matter line is not "key: value": "{text}"',
  'front-matter.unclosed-above': 'front matter opened with "---" on line 1 is never closed; add a "---" line above this line',
  'front-matter.unclosed-after': 'front matter opened with "---" on line 1 is never closed; add a "---" line after this line',
  'front-matter.lang': 'unknown lang "{lang}"; use one of {langs}',
  'fence.unclosed': 'code block opened here is never closed; it is read as ordinary text so the headings after it still count — add a closing ``` line',
  'heading.empty': 'heading has no title; its text is not searchable by title — write one after the #',

  'json.aliases': 'aliases file is not valid JSON at line {line}, column {column}: {why}',
  'json.checklists': 'checklists file is not valid JSON at line {line}, column {column}: {why}',
  'json.categories': 'categories file is not valid JSON: {why}',
  'json.control-in-string': 'a line break or control character inside a string (a string not closed?)',
  'json.bad-u-escape': 'a \\u escape is not valid',
  'json.bad-escape': 'a backslash escape is not valid',
  'json.string-unclosed': 'a string is not closed',
  'json.ends-early': 'the file ends where a value is expected',
  'json.key-expected': 'a property name in double quotes is expected (a trailing comma?)',
  'json.colon-missing': 'a colon is missing after the property name',
  'json.value-missing': 'a value is missing (a trailing comma?)',
  'json.not-json': 'this is not JSON (comments, single quotes and bare words are not allowed)',
  'json.text-after-end': 'there is more text after the end of the JSON',
  'json.close-missing': 'a closing {bracket} is missing',
  'json.comma-missing': 'a comma is missing',

  'aliases.not-object': 'aliases file must be an object with a "groups" array',
  'aliases.terms': 'groups[{group}] needs "terms": at least two names for the same thing',
  'aliases.term': 'groups[{group}].terms[{term}] must be a non-empty string',
  'aliases.note': 'groups[{group}].note must be text',
  'aliases.case-sensitive': 'groups[{group}].caseSensitive must list some of that group\'s terms',

  'checklists.not-object': 'checklists file must be an object with a "checklists" array',
  'checklists.texts': '{path} needs "ru" and "en" texts',
  'checklists.id': '{path}.id must be lower-case letters, digits and dashes',
  'checklists.id-twice': '{path}.id "{id}" is used twice',
  'checklists.applies-when': '{path}.appliesWhen is required (an object)',
  'checklists.strings': '{path} must be a list of non-empty strings',
  'checklists.items': '{path}.items must list at least one item',
  'checklists.item-id': '{path}.id must be lower-case letters, digits and underscores',
  'checklists.item-id-twice': '{path}.id "{id}" is used twice in {checklist}',
  'checklists.phrases': '{path}.phrases must list non-empty strings',

  'categories.not-object': 'categories file must be an object',
  'categories.sources': '"sources" must list KB file names (without .md)',
  'categories.otherwise': '"otherwise" must name the category of articles no rule matches',
  'categories.list': '"categories" must be a list of { "name", "titleWords" }',
  'categories.name': 'categories[{index}] needs a "name"',
  'categories.title-words': 'categories[{index}].titleWords must list words of titles',

  // What became of a file that failed (shown after the problem, in parentheses).
  'then.last-version': 'still using the last version that loaded',
  'then.articles-lost': 'its articles are not used',
  'then.aliases-lost': 'its aliases are not used',
  'then.checklists-lost': 'its checklists are not used',
  'then.categories-lost': 'its categories are not used',
  'then.file-lost': 'it is not used',
  'then.aliases-skipped': 'aliases from this file are not used',
  'then.checklists-skipped': 'checklists from this file are not used',
  'then.categories-skipped': 'categories from this file are not used',
} as const;

export type KbMessageKey = keyof typeof EN;

const RU: Record<KbMessageKey, string> = {
  'file.too-large': 'Файл весит {size} МБ, а файл базы знаний может быть не больше {max} МБ: разделите его на несколько файлов',
  'file.binary': 'В файле есть нулевые байты (NUL): похоже, это двоичный файл, а не текст markdown. Уберите его из папки базы знаний',
  'file.encoding': 'С этой строки файл не в кодировке UTF-8: неверные байты показаны как «�». Сохраните файл в UTF-8',
  'file.no-articles': 'В файле нет заголовков «##», поэтому в базу из него не попадает ни одной статьи',
  'file.more-problems': 'Остальные проблемы в этом файле не показаны (ещё {count}); сначала исправьте те, что выше',
  'file.internal': 'Этот файл не удалось обработать ({what}); сообщите об ошибке и приложите файл',
  'file.permission': 'Нет доступа к файлу: разрешите своему пользователю читать его или уберите файл из папки базы знаний',
  'file.unreadable': 'Файл не читается ({why})',
  'file.not-regular': 'Это не обычный файл (канал, устройство или сокет): положите сюда файл markdown или JSON',
  'folder.too-deep': 'Папка вложена глубже {max} уровней от пути к базе знаний, её файлы не читаются: перенесите их выше',
  'path.not-found': 'Путь к базе знаний не найден: проверьте путь в настройке supportKb.kbPaths (или в --kb)',
  'path.not-a-folder': 'Часть этого пути — файл, а не папка: проверьте путь в настройке supportKb.kbPaths (или в --kb)',
  'path.is-a-folder': 'Здесь папка, а нужен файл: проверьте путь',
  'path.link-loop': 'Символические ссылки указывают друг на друга по кругу: исправьте или удалите ссылку',
  'front-matter.bad-line': 'Строка в блоке front matter не в формате «ключ: значение»: «{text}»',
  'front-matter.unclosed-above': 'Блок front matter начат с «---» в строке 1, но не закрыт: добавьте строку «---» перед этой строкой',
  'front-matter.unclosed-after': 'Блок front matter начат с «---» в строке 1, но не закрыт: добавьте строку «---» после этой строки',
  'front-matter.lang': 'Неизвестный язык lang: «{lang}»; допустимые значения: {langs}',
  'fence.unclosed': 'Блок кода, открытый здесь, не закрыт; он читается как обычный текст, чтобы заголовки после него не пропали. Добавьте закрывающую строку ```',
  'heading.empty': 'У заголовка нет текста, и статью не найти по заголовку: напишите его после #',

  'json.aliases': 'Ошибка JSON в файле синонимов, строка {line}, столбец {column}: {why}',
  'json.checklists': 'Ошибка JSON в файле чек-листов, строка {line}, столбец {column}: {why}',
  'json.categories': 'Ошибка JSON в файле категорий: {why}',
  'json.control-in-string': 'перенос строки или управляющий символ внутри строки (строка не закрыта кавычкой?)',
  'json.bad-u-escape': 'неправильная последовательность \\u',
  'json.bad-escape': 'неправильная последовательность с обратной косой чертой',
  'json.string-unclosed': 'строка не закрыта кавычкой',
  'json.ends-early': 'файл кончается там, где ожидается значение',
  'json.key-expected': 'ожидается имя свойства в двойных кавычках (лишняя запятая?)',
  'json.colon-missing': 'после имени свойства нет двоеточия',
  'json.value-missing': 'пропущено значение (лишняя запятая?)',
  'json.not-json': 'это не JSON (комментарии, одинарные кавычки и слова без кавычек не допускаются)',
  'json.text-after-end': 'после конца JSON есть ещё текст',
  'json.close-missing': 'не хватает закрывающей скобки {bracket}',
  'json.comma-missing': 'пропущена запятая',

  'aliases.not-object': 'Файл синонимов должен быть объектом с массивом «groups»',
  'aliases.terms': 'groups[{group}]: в «terms» нужно хотя бы два названия одного и того же',
  'aliases.term': 'groups[{group}].terms[{term}]: нужна непустая строка',
  'aliases.note': 'groups[{group}].note: здесь должен быть текст',
  'aliases.case-sensitive': 'groups[{group}].caseSensitive: перечислите здесь термины из этой же группы',

  'checklists.not-object': 'Файл чек-листов должен быть объектом с массивом «checklists»',
  'checklists.texts': '{path}: нужны тексты «ru» и «en»',
  'checklists.id': '{path}.id: допустимы только строчные латинские буквы, цифры и дефисы',
  'checklists.id-twice': '{path}.id: «{id}» встречается дважды',
  'checklists.applies-when': '{path}.appliesWhen: обязательное поле (объект)',
  'checklists.strings': '{path}: нужен список непустых строк',
  'checklists.items': '{path}.items: нужен хотя бы один пункт',
  'checklists.item-id': '{path}.id: допустимы только строчные латинские буквы, цифры и подчёркивания',
  'checklists.item-id-twice': '{path}.id: «{id}» встречается в чек-листе {checklist} дважды',
  'checklists.phrases': '{path}.phrases: нужен список непустых фраз',

  'categories.not-object': 'Файл категорий должен быть объектом',
  'categories.sources': 'В «sources» перечислите имена файлов базы знаний (без .md)',
  'categories.otherwise': 'В «otherwise» укажите категорию для статей, к которым не подошло ни одно правило',
  'categories.list': '«categories» должен быть списком { "name", "titleWords" }',
  'categories.name': 'categories[{index}]: нет «name»',
  'categories.title-words': 'categories[{index}].titleWords: перечислите слова из заголовков',

  'then.last-version': 'пока используется последняя версия, которая загрузилась',
  'then.articles-lost': 'его статьи не используются',
  'then.aliases-lost': 'его синонимы не используются',
  'then.checklists-lost': 'его чек-листы не используются',
  'then.categories-lost': 'его категории не используются',
  'then.file-lost': 'файл не используется',
  'then.aliases-skipped': 'синонимы из этого файла не используются',
  'then.checklists-skipped': 'чек-листы из этого файла не используются',
  'then.categories-skipped': 'категории из этого файла не используются',
};

/** The message tables, by locale (for the table test). */
export function kbProblemMessages(): Readonly<Record<KbLocale, Readonly<Record<KbMessageKey, string>>>> {
  return { en: EN, ru: RU };
}

/** A message in `locale`; `{name}` is replaced by the argument of that name (itself rendered when it is a message). */
export function kbMessage(locale: KbLocale, text: KbText): string {
  return fill(locale === 'ru' ? RU : EN, text, locale === 'ru');
}

/** The English message. Only this path is in dist/extension.js (the loaders build problems there); rendering in the UI language is loaded with the search core. */
export function englishMessage(text: KbText): string {
  return fill(EN, text, false);
}

/** `decimalComma`: Russian writes 8,5 МБ. */
function fill(table: Readonly<Record<KbMessageKey, string>>, text: KbText, decimalComma: boolean): string {
  const template = table[text.key] ?? EN[text.key] ?? text.key;
  return fillTemplate(template, text.args ?? {}, (value) => {
    if (typeof value === 'object') return fill(table, value, decimalComma);
    return typeof value === 'number' && decimalComma ? String(value).replace('.', ',') : String(value);
  });
}

/** The fields a problem's text puts on a `KbProblem`: its key and arguments, and the English `message`. */
export function problemText(key: KbMessageKey, args?: KbMessageArgs): { key: KbMessageKey; args?: KbMessageArgs; message: string } {
  return { key, ...(args ? { args } : {}), message: englishMessage({ key, ...(args ? { args } : {}) }) };
}

/** What a problem says in `locale`. A problem without a key (from an older saved index) keeps its English message. */
export function renderKbProblem(problem: { key?: KbMessageKey; args?: KbMessageArgs; consequence?: KbText; message: string }, locale: KbLocale): string {
  if (!problem.key) return problem.message;
  const text = kbMessage(locale, { key: problem.key, ...(problem.args ? { args: problem.args } : {}) });
  return problem.consequence ? `${text} (${kbMessage(locale, problem.consequence)})` : text;
}

/** A problem as one line: `file:line: message`, the form terminals and editors link to the file. */
export function formatKbProblemLine(problem: { file: string; line: number; key?: KbMessageKey; args?: KbMessageArgs; consequence?: KbText; message: string }, locale: KbLocale): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${renderKbProblem(problem, locale)}`;
}
