/**
 * `--locale` of the CLI commands: the language of what they print, Russian unless asked otherwise
 * (the agents' language), the same check for every command.
 */
export function parseLocale(value: unknown, usage: (message: string) => Error): 'ru' | 'en' {
  const locale = value ?? 'ru';
  if (locale !== 'ru' && locale !== 'en') throw usage('--locale must be ru or en');
  return locale;
}
