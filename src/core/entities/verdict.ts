import type { VinInfo } from './vin';

/** KB articles that state the rules below (ids of the bundled Russian KB). */
export const VIN_RULE_ARTICLES = {
  russianVinOnly: 'kia-support-ru#dobavlenie-avtomobilya-v-lichnyj-kabinet-vozmozhnost-tolko',
  kiaConnectRussianOnly: 'kia-support-ru#kia-connect-dostupen-tolko-dlya-rossijskih-avtomobilej-s',
  foreignVin: 'kia-support-ru#registraciya-avtomobilej-s-inostrannymi-vin-nomerami',
  after2011: 'kia-support-ru#opisanie-ogranichenij-dlya-registracii-avtomobilej-v',
} as const;

/** The first model year the customer's account supports ("выпущенные после мая 2011 года"). */
export const FIRST_SUPPORTED_YEAR = 2011;

export interface VinVerdict {
  /** Can the car be added to the customer's account on kia.ru and to Kia Connect. */
  supported: boolean | undefined;
  reasons: ('russian-market' | 'foreign-vin' | 'before-2011' | 'invalid')[];
  /** KB articles that say so, for links. */
  articles: string[];
}

/**
 * What the KB says about a VIN: only Russian-market VINs (XWE…, Z94…) can be added to the
 * customer's account and to Kia Connect, and only cars from 2011 on.
 */
export function vinVerdict(vin: VinInfo): VinVerdict {
  if (!vin.valid) return { supported: undefined, reasons: ['invalid'], articles: [] };
  if (vin.market !== 'ru') return { supported: false, reasons: ['foreign-vin'], articles: [VIN_RULE_ARTICLES.foreignVin, VIN_RULE_ARTICLES.kiaConnectRussianOnly] };
  if (vin.modelYear !== undefined && vin.modelYear < FIRST_SUPPORTED_YEAR) {
    return { supported: false, reasons: ['before-2011'], articles: [VIN_RULE_ARTICLES.after2011] };
  }
  return { supported: true, reasons: ['russian-market'], articles: [VIN_RULE_ARTICLES.russianVinOnly, VIN_RULE_ARTICLES.kiaConnectRussianOnly] };
}
