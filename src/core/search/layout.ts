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
