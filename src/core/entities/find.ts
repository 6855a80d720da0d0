import { CYRILLIC_LOOKALIKES } from './vin';

/** A VIN or IMEI candidate in a text, with its offsets. */
export interface EntityMatch {
  kind: 'vin' | 'imei';
  text: string;
  start: number;
  end: number;
}

const LOOKALIKES = Object.keys(CYRILLIC_LOOKALIKES).join('');
const VIN_CHAR = `[A-Za-z0-9${LOOKALIKES}]`;
/** 17 VIN-ish characters standing alone, with at least one digit and one letter (look-aheads bounded to the 17). */
const VIN = new RegExp(`(?<![\\p{L}\\p{N}])(?=${VIN_CHAR}{0,16}\\d)(?=${VIN_CHAR}{0,16}[A-Za-z${LOOKALIKES}])${VIN_CHAR}{17}(?![\\p{L}\\p{N}])`, 'gu');
/** "VIN" followed by something of the wrong length: still worth a look. */
const LABELLED_VIN = new RegExp(`(?:VIN|ВИН|вин)(?:-?номер)?[\\s:№#-]*(${VIN_CHAR}{11,20})(?![\\p{L}\\p{N}])`, 'gu');
const IMEI = /(?<![\p{L}\p{N}])\d{15}(?![\p{L}\p{N}])/gu;
const LABELLED_IMEI = /(?:IMEI|имей)[\s:№#-]*(\d{12,18})(?![\p{L}\p{N}])/giu;

/** VINs (also lower-case or with Cyrillic look-alikes) and IMEIs in `text`, in order. */
export function findEntities(text: string): EntityMatch[] {
  const match = (kind: EntityMatch['kind'], t: string, start: number): EntityMatch => ({ kind, text: t, start, end: start + t.length });
  // Earlier passes win where matches overlap; each pass is merged in one sweep (never against all earlier matches).
  let out = [...text.matchAll(VIN)].map((m) => match('vin', m[0], m.index!));
  const labelledVins: EntityMatch[] = [];
  for (const m of text.matchAll(LABELLED_VIN)) {
    const t = m[1]!;
    if (/\d/.test(t) && /\D/.test(t)) labelledVins.push(match('vin', t, m.index! + m[0].length - t.length));
  }
  out = mergeNonOverlapping(out, labelledVins);
  out = mergeNonOverlapping(out, [...text.matchAll(IMEI)].map((m) => match('imei', m[0], m.index!)));
  return mergeNonOverlapping(out, [...text.matchAll(LABELLED_IMEI)].map((m) => match('imei', m[1]!, m.index! + m[0].length - m[1]!.length)));
}

/**
 * `kept` plus those of `more` that overlap nothing kept before them, in order. Both lists are sorted
 * by start and free of overlaps within themselves (matches of one regex never overlap).
 */
function mergeNonOverlapping(kept: readonly EntityMatch[], more: readonly EntityMatch[]): EntityMatch[] {
  const out: EntityMatch[] = [];
  let i = 0;
  for (const m of more) {
    while (i < kept.length && kept[i]!.end <= m.start) out.push(kept[i++]!);
    if (i < kept.length && kept[i]!.start < m.end) continue;
    out.push(m);
  }
  while (i < kept.length) out.push(kept[i++]!);
  return out;
}
