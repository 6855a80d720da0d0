/**
 * The KB lint's rules: stable codes, default severities, and their messages in both UI languages.
 * Codes never change meaning; a maintainer's `.support-kb-lint.json` switches them by code.
 */
import { fillTemplate } from '../text/template';

export type LintSeverity = 'error' | 'warning' | 'info';
export type LintLocale = 'ru' | 'en';

export const LINT_RULES = {
  'kb.duplicate.exact': { severity: 'warning', ru: 'Точные дубликаты: одинаковый текст статей', en: 'Exact duplicates: articles with the same body' },
  'kb.duplicate.near': { severity: 'warning', ru: 'Почти дубликаты: статьи говорят почти одно и то же', en: 'Near-duplicates: articles that say nearly the same thing' },
  'kb.title.duplicate': { severity: 'warning', ru: 'Один заголовок у статей с разным текстом', en: 'One title used by articles with different bodies' },
  'kb.title.mismatch': { severity: 'warning', ru: 'Заголовок не подходит к тексту статьи', en: 'Title does not fit the article\'s body' },
  'kb.title.junk': { severity: 'warning', ru: 'Мусор, приклеенный к заголовку (служебная метка)', en: 'Junk glued to a title (an internal tag)' },
  'kb.link.malformed': { severity: 'error', ru: 'Неправильная ссылка', en: 'Malformed link' },
  'kb.link.insecure': { severity: 'warning', ru: 'Ссылка http:, хотя тот же сайт есть по https:', en: 'http: link where the KB uses https: for the same site' },
  'kb.link.variant': { severity: 'info', ru: 'Одна ссылка записана по-разному', en: 'The same link written several ways' },
  'kb.contact.email': { severity: 'warning', ru: 'Адрес e-mail записан по-разному', en: 'An e-mail address written inconsistently' },
  'kb.contact.phone': { severity: 'warning', ru: 'Телефон записан по-разному или разорван переносом строки', en: 'A phone number written inconsistently or broken over two lines' },
  'kb.checklist.unknown-article': { severity: 'error', ru: 'Чек-лист ссылается на несуществующую статью', en: 'A checklist refers to an article that does not exist' },
  'kb.checklist.phrase-missing': { severity: 'warning', ru: 'Пункт чек-листа: ни одна фраза не встречается в статьях-источниках', en: 'Checklist item whose phrases occur in none of its source articles' },
  'kb.alias.unused': { severity: 'warning', ru: 'Группа синонимов: ни один термин не встречается в базе', en: 'Alias group none of whose terms occurs in the KB' },
  'kb.article.empty': { severity: 'warning', ru: 'Пустая статья', en: 'Empty article' },
  'kb.article.long': { severity: 'info', ru: 'Очень длинная статья', en: 'Very long article' },
  'kb.heading.empty': { severity: 'warning', ru: 'Заголовок без текста', en: 'Heading without text' },
  'kb.file.invalid': { severity: 'error', ru: 'Файл базы знаний не читается', en: 'KB file cannot be read' },
  'kb.config.invalid': { severity: 'error', ru: 'Ошибка в настройках линтера', en: 'Lint settings file has an error' },
} as const satisfies Record<string, { severity: LintSeverity; ru: string; en: string }>;

export type LintCode = keyof typeof LINT_RULES;
export const LINT_CODES = Object.keys(LINT_RULES) as LintCode[];

export function isLintCode(code: string): code is LintCode {
  return Object.prototype.hasOwnProperty.call(LINT_RULES, code);
}

type Args = Record<string, string | number>;

/** Message templates by code; `{name}` is replaced by the argument of that name. */
const MESSAGES: Record<LintLocale, Record<string, string>> = {
  en: {
    'duplicate.exact': 'Same text as {count} other article(s): {others}. Keep one and point the others at it.',
    'duplicate.near': 'Says nearly the same as {others} (similarity {score}). Merge them or make each answer its own question.',
    'title.duplicate': 'Title «{title}» is also used by {others} with a different text: agents cannot tell them apart.',
    'title.mismatch': 'Title «{title}» does not fit the text: {share}% of its words (by weight) occur in the body. The title may belong to another article.',
    'title.junk': 'Title has «{junk}» glued to it; it should read «{fixed}».',
    'link.malformed': 'Malformed link «{url}»: {why}.',
    'link.insecure': '«{url}» uses http:, while the KB links to {host} with https: elsewhere.',
    'link.variant': '«{url}» is written elsewhere as «{canonical}» ({count}×); write it one way.',
    'email.variant': 'E-mail «{email}» is written elsewhere as «{canonical}»; write it one way.',
    'phone.broken': 'Phone number «{phone}» is broken over two lines: it cannot be found or copied whole.',
    'phone.variant': 'Phone number «{phone}» is written elsewhere as «{canonical}» ({count}×); write it one way.',
    'checklist.unknown': 'Checklist «{checklist}»: {field} names «{id}», which is not an article id.',
    'checklist.phrase': 'Checklist «{checklist}», item «{item}»: none of its phrases ({phrases}) occurs in its source articles.',
    'alias.unused': 'Alias group «{terms}»: none of its terms occurs in any article, so it never helps a search.',
    'article.empty': 'Article «{title}» has no text.',
    'article.title-only': 'Article «{title}» only repeats its title.',
    'article.long': 'Article «{title}» is {chars} characters long (limit {max}); split it so answers stay findable.',
    'heading.no-title': 'Heading has no title.',
    'heading.no-text': 'Section «{title}» has no text and no articles.',
    'config.invalid': 'Lint settings: {why}; this part is ignored.',
  },
  ru: {
    'duplicate.exact': 'Тот же текст, что в других статьях ({count}): {others}. Оставьте одну статью.',
    'duplicate.near': 'Почти то же, что {others} (сходство {score}). Объедините статьи или разведите их по разным вопросам.',
    'title.duplicate': 'Заголовок «{title}» есть и у {others}, но с другим текстом: агенты их не различат.',
    'title.mismatch': 'Заголовок «{title}» не подходит к тексту: в тексте встречается {share}% его слов (по весу). Возможно, заголовок от другой статьи.',
    'title.junk': 'К заголовку приклеено «{junk}»; должно быть «{fixed}».',
    'link.malformed': 'Неправильная ссылка «{url}»: {why}.',
    'link.insecure': '«{url}» по http:, а в других местах базы {host} — по https:.',
    'link.variant': '«{url}» в других местах записана как «{canonical}» ({count}×); пишите одинаково.',
    'email.variant': 'Адрес «{email}» в других местах записан как «{canonical}»; пишите одинаково.',
    'phone.broken': 'Телефон «{phone}» разорван переносом строки: его не найти поиском и не скопировать целиком.',
    'phone.variant': 'Телефон «{phone}» в других местах записан как «{canonical}» ({count}×); пишите одинаково.',
    'checklist.unknown': 'Чек-лист «{checklist}»: в {field} указано «{id}», такой статьи нет.',
    'checklist.phrase': 'Чек-лист «{checklist}», пункт «{item}»: ни одна из фраз ({phrases}) не встречается в статьях-источниках.',
    'alias.unused': 'Группа синонимов «{terms}»: ни один термин не встречается в статьях, поиску она не помогает.',
    'article.empty': 'В статье «{title}» нет текста.',
    'article.title-only': 'Статья «{title}» только повторяет свой заголовок.',
    'article.long': 'Статья «{title}» длиной {chars} символов (предел {max}); разделите её, чтобы ответы находились.',
    'heading.no-title': 'У заголовка нет текста.',
    'heading.no-text': 'В разделе «{title}» нет ни текста, ни статей.',
    'config.invalid': 'Настройки линтера: {why}; эта часть не учитывается.',
  },
};

const WHY: Record<LintLocale, Record<string, string>> = {
  en: {
    scheme: 'the scheme is misspelt (should be http:// or https://)',
    slashes: 'the scheme needs two slashes (https://)',
    host: 'the address has no valid host name',
    space: 'the address contains a space',
    parse: 'it is not a valid URL',
  },
  ru: {
    scheme: 'протокол написан с ошибкой (должно быть http:// или https://)',
    slashes: 'после протокола нужны две косые черты (https://)',
    host: 'в адресе нет правильного имени сайта',
    space: 'в адресе пробел',
    parse: 'это не адрес URL',
  },
};

export function lintMessage(locale: LintLocale, key: string, args: Args = {}): string {
  const template = MESSAGES[locale][key] ?? MESSAGES.en[key] ?? key;
  return fillTemplate(template, args);
}

export function whyMalformed(locale: LintLocale, reason: string): string {
  return WHY[locale][reason] ?? reason;
}

/** Cosine similarity from which two articles are near-duplicates (kb.near-duplicate; see lintSimilarity.ts for how it was chosen). */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.65;
