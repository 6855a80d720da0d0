/**
 * Vehicle identification numbers (ISO 3779): normalise, validate, decode; and what the KB says
 * about a VIN's market (only Russian-market Kia VINs, XWE… and Z94…, can be added to the
 * customer's account and to Kia Connect).
 */

/** Cyrillic letters that look like Latin ones; agents type them into VINs by accident. */
export const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X',
  а: 'A', в: 'B', е: 'E', к: 'K', м: 'M', н: 'H', о: 'O', р: 'P', с: 'C', т: 'T', у: 'Y', х: 'X',
};

export type VinProblem = 'length' | 'characters' | 'forbidden-letters' | 'cyrillic-lookalikes' | 'check-digit';

export interface VinInfo {
  input: string;
  /** Upper-cased, Cyrillic look-alikes replaced by their Latin letters. */
  normalized: string;
  /** About the normalized VIN: length, characters and, where it applies, the check digit. */
  valid: boolean;
  problems: VinProblem[];
  wmi: string;
  manufacturer: string | undefined;
  country: string | undefined;
  market: 'ru' | 'foreign' | 'unknown';
  modelYear: number | undefined;
  /** Position 11: the assembly plant, as the manufacturer codes it. */
  plant: string | undefined;
  checkDigit: { applies: boolean; ok: boolean | null };
}

/** The WMIs (first three characters) of the Russian-market cars the KB supports. */
export const RUSSIAN_MARKET_WMIS = ['XWE', 'Z94'] as const;

/** Manufacturers by WMI: Kia's own plants and the ones agents meet most. */
const MANUFACTURERS: Record<string, string> = {
  XWE: 'Avtotor (Kia), Kaliningrad',
  Z94: 'Hyundai Motor Manufacturing Rus (Kia), St Petersburg',
  KNA: 'Kia (passenger cars)',
  KNC: 'Kia (commercial vehicles)',
  KND: 'Kia (SUVs and MPVs)',
  KNE: 'Kia (export)',
  KNH: 'Kia (vans)',
  KNJ: 'Kia (special vehicles)',
  KMH: 'Hyundai (passenger cars)',
  KM8: 'Hyundai (SUVs)',
  KMF: 'Hyundai (vans)',
  U5Y: 'Kia Slovakia, Žilina',
  U6Y: 'Kia Slovakia, Žilina',
  '5XX': 'Kia Georgia (USA)',
  '5XY': 'Kia Georgia (USA, SUVs)',
  '3KP': 'Kia Mexico',
  '3KM': 'Kia Mexico',
  MZB: 'Kia India',
  LJD: 'Dongfeng Yueda Kia (China)',
  XTA: 'AvtoVAZ (Lada)',
  XW8: 'Volkswagen Group Rus',
  X7L: 'Renault Russia',
  WVW: 'Volkswagen',
  WBA: 'BMW',
  WDB: 'Mercedes-Benz',
  JTD: 'Toyota',
  VF1: 'Renault',
  TMA: 'Hyundai Motor Manufacturing Czech',
};

/** ISO 3780 regions by the first two characters (ranges, inclusive, in the VIN alphabet order). */
const COUNTRIES: [string, string, string][] = [
  ['AA', 'AH', 'South Africa'], ['JA', 'J0', 'Japan'], ['KL', 'KR', 'South Korea'],
  ['LA', 'L0', 'China'], ['MA', 'ME', 'India'], ['MZ', 'MZ', 'India'], ['NL', 'NR', 'Turkey'],
  ['SA', 'SM', 'United Kingdom'], ['SN', 'ST', 'Germany'], ['SU', 'SZ', 'Poland'], ['TJ', 'TP', 'Czech Republic'],
  ['TR', 'TV', 'Hungary'], ['U5', 'U7', 'Slovakia'], ['VA', 'VE', 'Austria'], ['VF', 'VR', 'France'],
  ['VS', 'VW', 'Spain'], ['WA', 'W0', 'Germany'], ['XS', 'XW', 'Russia'], ['X3', 'X0', 'Russia'],
  ['YS', 'YW', 'Sweden'], ['YA', 'YE', 'Belgium'], ['YF', 'YK', 'Finland'], ['ZA', 'ZR', 'Italy'],
  ['Z6', 'Z0', 'Russia'], ['1A', '10', 'United States'], ['4A', '40', 'United States'], ['5A', '50', 'United States'],
  ['2A', '20', 'Canada'], ['3A', '3W', 'Mexico'], ['9A', '9E', 'Brazil'], ['8A', '8E', 'Argentina'],
];

const ORDER = 'ABCDEFGHJKLMNPRSTUVWXYZ1234567890';
const VIN_CHARS = /^[A-HJ-NPR-Z0-9]+$/;
/** Model-year codes (position 10), cycling every 30 years from 1980. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const TRANSLITERATION: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export function normalizeVin(input: string): { normalized: string; lookalikes: boolean } {
  let lookalikes = false;
  let out = '';
  for (const ch of input.trim()) {
    const latin = CYRILLIC_LOOKALIKES[ch];
    if (latin) lookalikes = true;
    // Only ASCII letters are upper-cased: `ß`, `ı`, `ſ`, `ﬀ` upper-case into Latin letters (`SS`, `I`,
    // `S`, `FF`) and would turn a non-VIN into a "valid" one; they stay as typed and fail as characters.
    out += latin ?? (ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch);
  }
  return { normalized: out, lookalikes };
}

/** The North-American check digit (position 9) of a 17-character VIN. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    const value = /\d/.test(c) ? Number(c) : TRANSLITERATION[c] ?? 0;
    sum += value * WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** The model year of position-10 code, the latest year of its 30-year cycle not after `year`. */
export function modelYear(code: string, year: number): number | undefined {
  const i = YEAR_CODES.indexOf(code);
  if (i < 0) return undefined;
  let y = 1980 + i;
  while (y + 30 <= year) y += 30;
  return y;
}

function countryOf(wmi: string): string | undefined {
  const key = wmi.slice(0, 2);
  const pos = (s: string) => ORDER.indexOf(s[0]!) * 100 + ORDER.indexOf(s[1]!);
  for (const [from, to, country] of COUNTRIES) {
    if (from[0] !== key[0]) continue;
    if (pos(key) >= pos(from) && pos(key) <= pos(to)) return country;
  }
  return undefined;
}

/**
 * Decodes a VIN as typed (any case, Cyrillic look-alikes allowed).
 * @example
 * decodeVin('XWEPH81ABN0001234').market // 'ru'
 * decodeVin('ХWЕPH81ABN0001234').problems // ['cyrillic-lookalikes'] (Х and Е typed in Cyrillic)
 */
export function decodeVin(input: string, now: Date = new Date()): VinInfo {
  const { normalized, lookalikes } = normalizeVin(input);
  const problems: VinProblem[] = [];
  if (lookalikes) problems.push('cyrillic-lookalikes');
  if (normalized.length !== 17) problems.push('length');
  if (/[IOQ]/.test(normalized)) problems.push('forbidden-letters');
  if (!/^[A-Z0-9]*$/.test(normalized)) problems.push('characters');
  const wmi = normalized.slice(0, 3);
  const shapeOk = normalized.length === 17 && VIN_CHARS.test(normalized);
  const applies = shapeOk && /^[1-5]/.test(normalized);
  const checkOk = applies ? vinCheckDigit(normalized) === normalized[8] : null;
  if (checkOk === false) problems.push('check-digit');
  const valid = shapeOk && checkOk !== false;
  return {
    input,
    normalized,
    valid,
    problems,
    wmi,
    manufacturer: MANUFACTURERS[wmi],
    country: wmi.length >= 2 ? countryOf(wmi) : undefined,
    market: !valid && normalized.length !== 17 ? 'unknown' : (RUSSIAN_MARKET_WMIS as readonly string[]).includes(wmi) ? 'ru' : 'foreign',
    modelYear: shapeOk ? modelYear(normalized[9]!, now.getFullYear()) : undefined,
    plant: shapeOk ? normalized[10] : undefined,
    checkDigit: { applies, ok: checkOk },
  };
}
