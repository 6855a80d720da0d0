/**
 * A KB answer as a VS Code snippet for a reply draft: an optional greeting with a tabstop for the
 * customer's name, the answer word for word, an optional signature.
 *
 * The KB text is data, so snippet syntax in it (`$`, `}`, `\`) is escaped; greeting and signature
 * come from settings and may use snippet syntax (`${1:имя}`).
 * @example
 * answerSnippet('Сбросьте пароль.', { greeting: 'Здравствуйте, ${1:имя}!', signature: 'С уважением,\nПоддержка Kia' })
 * // 'Здравствуйте, ${1:имя}!\n\nСбросьте пароль.\n\nС уважением,\nПоддержка Kia$0'
 */
export interface ReplyParts {
  /** Snippet text of the greeting, or '' for none. */
  greeting: string;
  /** Snippet text of the signature, or '' for none. */
  signature: string;
}

export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

export function answerSnippet(body: string, parts: ReplyParts): string {
  const blocks = [parts.greeting.trim(), escapeSnippetText(body), parts.signature.trim()].filter(Boolean);
  return `${blocks.join('\n\n')}$0`;
}

const GREETING = /^\s*(здравствуйте|добрый\s+(день|вечер|утро)|доброе\s+утро|приветствуем|hej|goddag|hello|dear)(?!\p{L})/imu;
const SIGNATURE = /^\s*(с уважением|best regards|kind regards|med venlig hilsen|venlig hilsen)(?!\p{L})/imu;

/**
 * Which parts a draft still lacks: a reply that already greets the customer or is already signed
 * gets the answer alone, so inserting never doubles them.
 */
export function partsForDraft(draft: string, parts: ReplyParts): ReplyParts {
  return { greeting: GREETING.test(draft) ? '' : parts.greeting, signature: SIGNATURE.test(draft) ? '' : parts.signature };
}
