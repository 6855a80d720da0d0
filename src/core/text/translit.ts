/** Russian → Latin, the way agents and customers type it (`личный кабинет` → `lichnyj kabinet`). */
const RU_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'j', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c',
  ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Transliterates Cyrillic letters to Latin; other characters pass through. Input should be lower-case. */
export function cyrillicToLatin(text: string): string {
  let out = '';
  for (const ch of text) out += RU_TO_LATIN[ch] ?? ch;
  return out;
}

/** A URL- and file-safe slug of a heading: folded, transliterated, words joined by `-`, at most `max` characters. */
export function slugify(text: string, max = 60): string {
  // A slug is at most `max` characters: the title's first few hundred are plenty (a 1 MB title took 0.5 s).
  const slug = cyrillicToLatin(text.slice(0, max * 8).toLowerCase())
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug || 'article';
  const cut = slug.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return dash > max / 2 ? cut.slice(0, dash) : cut;
}

/** Latin → Russian for words typed in Latin (`lichniy kabinet` → `личний кабинет`; the stemmer absorbs the ending). */
const LATIN_TO_RU: [string, string][] = [
  ['shch', 'щ'], ['sch', 'щ'], ['yo', 'ё'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['ch', 'ч'], ['sh', 'ш'],
  ['iya', 'ия'], ['iye', 'ие'], ['iyu', 'ию'], ['yu', 'ю'], ['ya', 'я'], ['ye', 'е'], ['iy', 'ий'], ['yy', 'ый'], ['ij', 'ий'], ['a', 'а'], ['b', 'б'], ['c', 'ц'],
  ['d', 'д'], ['e', 'е'], ['f', 'ф'], ['g', 'г'], ['h', 'х'], ['i', 'и'], ['j', 'й'], ['k', 'к'], ['l', 'л'], ['m', 'м'],
  ['n', 'н'], ['o', 'о'], ['p', 'п'], ['q', 'к'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'], ['v', 'в'], ['w', 'в'],
  ['x', 'кс'], ['y', 'ы'], ['z', 'з'], ["'", 'ь'],
];

/** Transliterates a lower-case Latin word to Cyrillic, longest letter group first. */
export function latinToCyrillic(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; ) {
    const pair = LATIN_TO_RU.find(([lat]) => word.startsWith(lat, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
    } else {
      out += word[i];
      i++;
    }
  }
  return out;
}
