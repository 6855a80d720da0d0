/** IMEI (the Kia Connect modem's identity): 15 digits, the last a Luhn check digit. */
export interface ImeiInfo {
  input: string;
  normalized: string;
  valid: boolean;
  problems: ('length' | 'characters' | 'luhn')[];
  /** Type Allocation Code: the first eight digits, the device model. */
  tac: string | undefined;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function decodeImei(input: string): ImeiInfo {
  const normalized = input.replace(/[\s-]/g, '');
  const problems: ImeiInfo['problems'] = [];
  if (!/^\d+$/.test(normalized)) problems.push('characters');
  if (normalized.length !== 15) problems.push('length');
  if (!problems.length && !luhnValid(normalized)) problems.push('luhn');
  return { input, normalized, valid: problems.length === 0, problems, tac: /^\d{8}/.test(normalized) ? normalized.slice(0, 8) : undefined };
}
