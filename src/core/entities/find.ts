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
/** 17 VIN-ish characters standing alone, with at least one digit and one letter. */
const VIN = new RegExp(`(?<![\\p{L}\\p{N}])(?=${VIN_CHAR}*\\d)(?=${VIN_CHAR}*[A-Za-z${LOOKALIKES}])${VIN_CHAR}{17}(?![\\p{L}\\p{N}])`, 'gu');
/** "VIN" followed by something of the wrong length: still worth a look. */
const LABELLED_VIN = new RegExp(`(?:VIN|ВИН|вин)(?:-?номер)?[\\s:№#-]*(${VIN_CHAR}{11,20})(?![\\p{L}\\p{N}])`, 'gu');
const IMEI = /(?<![\p{L}\p{N}])\d{15}(?![\p{L}\p{N}])/gu;
const LABELLED_IMEI = /(?:IMEI|имей)[\s:№#-]*(\d{12,18})(?![\p{L}\p{N}])/giu;

/** VINs (also lower-case or with Cyrillic look-alikes) and IMEIs in `text`, in order. */
export function findEntities(text: string): EntityMatch[] {
  const out: EntityMatch[] = [];
  const add = (kind: EntityMatch['kind'], t: string, start: number) => {
    if (!out.some((m) => start < m.end && m.start < start + t.length)) out.push({ kind, text: t, start, end: start + t.length });
  };
  for (const m of text.matchAll(VIN)) add('vin', m[0], m.index!);
  for (const m of text.matchAll(LABELLED_VIN)) {
    const t = m[1]!;
    if (/\d/.test(t) && /\D/.test(t)) add('vin', t, m.index! + m[0].length - t.length);
  }
  for (const m of text.matchAll(IMEI)) add('imei', m[0], m.index!);
  for (const m of text.matchAll(LABELLED_IMEI)) add('imei', m[1]!, m.index! + m[0].length - m[1]!.length);
  return out.sort((a, b) => a.start - b.start);
}
