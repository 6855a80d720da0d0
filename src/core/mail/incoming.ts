/**
 * Is a text an incoming customer e-mail (what the agent answers), rather than the reply they draft?
 * An e-mail as saved or pasted starts with its header block: a `From:`/`От:` line and at least one
 * other header (`Subject`/`Тема`, `Date`/`Дата`, `To`/`Кому`, `Message-ID`…) before the first blank
 * line. A reply draft starts with the greeting; quoted customer text below it does not count.
 * Only the first lines are read, so the cost does not grow with the document.
 * @example
 * isIncomingMail('От: Ирина <i@example.ru>\nТема: пароль\n\nЗдравствуйте!') // true
 * isIncomingMail('Здравствуйте, Ирина!\n\n> От: Ирина') // false
 */
const HEADER = /^(from|от|отправитель|to|кому|cc|копия|subject|тема|date|дата|отправлено|sent|reply-to|message-id|received|return-path)\s*:/i;
const FROM = /^(from|от|отправитель)\s*:/i;
/** A draft the mail program saved but never sent says so. */
const UNSENT = /^x-unsent\s*:\s*1/i;
const MAX_HEADER_LINES = 30;

export function isIncomingMail(text: string): boolean {
  const head = text.slice(0, 4000).replace(/^\uFEFF/, '').split(/\r?\n/, MAX_HEADER_LINES + 1);
  let i = 0;
  while (i < head.length && !head[i]!.trim()) i++;
  let headers = 0;
  let from = false;
  for (; i < head.length; i++) {
    const line = head[i]!;
    if (!line.trim()) break; // the header block ends at the first blank line
    if (UNSENT.test(line)) return false;
    if (HEADER.test(line)) {
      headers++;
      if (FROM.test(line)) from = true;
    } else if (!/^\s/.test(line)) break; // not a header nor a folded header line: the body began
  }
  return from && headers >= 2;
}
