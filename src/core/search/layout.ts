/**
 * Keyboard layout mistakes: Russian typed with the English layout on (`rbf rjyytrn` → `киа коннект`)
 * and back (`шьуш` → `imei`). Standard ЙЦУКЕН ⇄ QWERTY positions, including the punctuation keys
 * that carry Russian letters (`;` → `ж`, `,` → `б`, `.` → `ю`, `[` → `х`, `'` → `э`).
 */
const QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const JCUKEN = 'ёйцукенгшщзхъфывапролджэячсмитьбю';

const toRu = new Map<string, string>();
const toEn = new Map<string, string>();
for (let i = 0; i < QWERTY.length; i++) {
  toRu.set(QWERTY[i]!, JCUKEN[i]!);
  toEn.set(JCUKEN[i]!, QWERTY[i]!);
}

/**
 * The query as it would read in the other layout, or undefined when that makes no sense
 * (nothing to switch, or the query mixes scripts). Input should be lower-case.
 */
export function switchLayout(query: string): string | undefined {
  const hasLatin = /[a-z]/.test(query);
  const hasCyrillic = /[а-яё]/.test(query);
  if (hasLatin === hasCyrillic) return undefined;
  const map = hasLatin ? toRu : toEn;
  let out = '';
  for (const ch of query) out += map.get(ch) ?? ch;
  return out === query ? undefined : out;
}

/** Shifted QWERTY keys that carry Russian capitals (`:` is Shift+ж → `Ж`). */
const SHIFTED_TO_RU = new Map([[':', 'Ж'], ['"', 'Э'], ['<', 'Б'], ['>', 'Ю'], ['{', 'Х'], ['}', 'Ъ'], ['~', 'Ё']]);

/** What typing `text` gives with the Russian layout on, key for key, Shift kept (`kb:` → `лиЖ`). */
export function typedInRussianLayout(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const ru = toRu.get(lower);
    out += ru ? (ch === lower ? ru : ru.toUpperCase()) : (SHIFTED_TO_RU.get(ch) ?? ch);
  }
  return out;
}

/**
 * The spellings of the completion trigger an agent types: as set (any case), in Cyrillic letters
 * (`кб:`, any case), and with the Russian layout on by mistake (`лиЖ`, exactly so: `лиж` in lower case
 * is part of everyday words such as "ближе").
 */
export function triggerSpellings(trigger: string, toCyrillic: (s: string) => string): { text: string; exact: boolean }[] {
  const out = [{ text: trigger, exact: false }];
  const cyrillic = toCyrillic(trigger.toLowerCase());
  if (cyrillic !== trigger.toLowerCase() && /[а-яё]/.test(cyrillic)) out.push({ text: cyrillic, exact: false });
  if (/[a-z]/i.test(trigger)) out.push({ text: typedInRussianLayout(trigger), exact: true });
  return out;
}
