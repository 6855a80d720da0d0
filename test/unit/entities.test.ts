// VIN and IMEI: table cases and property tests (seeded, so a failure always reproduces).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { findEntities } from '../../src/core/entities/find';
import { decodeImei, luhnValid } from '../../src/core/entities/imei';
import { CYRILLIC_LOOKALIKES, decodeVin, modelYear, vinCheckDigit } from '../../src/core/entities/vin';
import { join } from 'node:path';
import { CLI, REPO } from './helpers';

/** mulberry32: a tiny seeded PRNG. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const pick = (r: () => number, s: string) => s[Math.floor(r() * s.length)]!;
const randomVin = (r: () => number, wmi = '') => wmi + Array.from({ length: 17 - wmi.length }, () => pick(r, VIN_ALPHABET)).join('');
const withCheckDigit = (v: string) => v.slice(0, 8) + vinCheckDigit(v) + v.slice(9);
const LATIN_TO_CYRILLIC = Object.fromEntries(Object.entries(CYRILLIC_LOOKALIKES).filter(([c]) => c === c.toUpperCase()).map(([c, l]) => [l, c]));
const NOW = new Date('2026-11-22T00:00:00Z');

describe('VIN', () => {
  it('decodes the KB’s Russian-market VINs and others', () => {
    const ru = decodeVin('XWEPH81ABN0001234', NOW);
    assert.equal(ru.market, 'ru');
    assert.equal(ru.country, 'Russia');
    assert.equal(ru.modelYear, 2022);
    assert.equal(decodeVin('Z94C241BBKR123456', NOW).market, 'ru');
    const korean = decodeVin('KNAE551CBN6012345', NOW);
    assert.equal(korean.market, 'foreign');
    assert.equal(korean.country, 'South Korea');
    assert.match(korean.manufacturer!, /Kia/);
    assert.deepEqual(decodeVin('1HGCM82633A004352', NOW).checkDigit, { applies: true, ok: true });
    assert.deepEqual(decodeVin('1HGCM82633A004353', NOW).problems, ['check-digit']);
    assert.equal(decodeVin('XWEPH81ABN000123', NOW).market, 'unknown');
    assert.deepEqual(decodeVin('XWEPH81ABN00O1234', NOW).problems, ['forbidden-letters']);
  });

  it('resolves the model year to the latest one not in the future', () => {
    assert.equal(modelYear('T', 2026), 2026);
    assert.equal(modelYear('V', 2026), 1997);
    assert.equal(modelYear('A', 2026), 2010);
    assert.equal(modelYear('9', 2026), 2009);
    assert.equal(modelYear('I', 2026), undefined);
  });

  it('property: any VIN typed with Cyrillic look-alikes or in lower case normalises to itself', () => {
    const r = rng(1);
    for (let n = 0; n < 500; n++) {
      const vin = randomVin(r);
      const typed = [...vin].map((ch) => (LATIN_TO_CYRILLIC[ch] && r() < 0.4 ? LATIN_TO_CYRILLIC[ch]! : r() < 0.3 ? ch.toLowerCase() : ch)).join('');
      const d = decodeVin(typed, NOW);
      assert.equal(d.normalized, vin, typed);
      assert.equal(d.problems.includes('cyrillic-lookalikes'), /[А-Яа-я]/.test(typed));
      assert.equal(d.valid, decodeVin(vin, NOW).valid);
    }
  });

  it('property: a North-American VIN is valid exactly when its check digit matches', () => {
    const r = rng(2);
    for (let n = 0; n < 500; n++) {
      const vin = withCheckDigit(randomVin(r, pick(r, '12345')));
      assert.equal(decodeVin(vin, NOW).valid, true, vin);
      const wrong = vin.slice(0, 8) + (vin[8] === '0' ? '1' : '0') + vin.slice(9);
      assert.deepEqual(decodeVin(wrong, NOW).problems, ['check-digit'], wrong);
    }
  });

  it('property: model years are real years, never in the future, and the market follows the WMI', () => {
    const r = rng(3);
    for (let n = 0; n < 500; n++) {
      const wmi = r() < 0.3 ? pick(r, 'XZ') === 'X' ? 'XWE' : 'Z94' : '';
      const d = decodeVin(randomVin(r, wmi), NOW);
      assert.ok(d.modelYear === undefined || (d.modelYear >= 1980 && d.modelYear <= 2026));
      assert.equal(d.market, wmi ? 'ru' : d.wmi === 'XWE' || d.wmi === 'Z94' ? 'ru' : 'foreign');
      assert.equal(d.problems.includes('length'), false);
    }
  });

  it('property: wrong lengths are reported, whatever the characters', () => {
    const r = rng(4);
    for (let n = 0; n < 200; n++) {
      const len = 1 + Math.floor(r() * 25);
      if (len === 17) continue;
      const d = decodeVin(Array.from({ length: len }, () => pick(r, VIN_ALPHABET)).join(''), NOW);
      assert.ok(d.problems.includes('length') && !d.valid && d.market === 'unknown');
    }
  });
});

describe('IMEI', () => {
  it('checks length, digits and the Luhn digit', () => {
    assert.equal(decodeImei('490154203237518').valid, true);
    assert.deepEqual(decodeImei('490154203237519').problems, ['luhn']);
    assert.deepEqual(decodeImei('49015420323751').problems, ['length']);
    assert.deepEqual(decodeImei('49015420323751A').problems, ['characters']);
  });

  it('property: Luhn catches every single-digit error', () => {
    const r = rng(5);
    for (let n = 0; n < 500; n++) {
      const body = Array.from({ length: 14 }, () => pick(r, '0123456789')).join('');
      const check = [...'0123456789'].find((c) => luhnValid(body + c))!;
      const imei = body + check;
      assert.equal(decodeImei(imei).valid, true);
      const i = Math.floor(r() * 15);
      const other = String((Number(imei[i]) + 1 + Math.floor(r() * 9)) % 10);
      assert.equal(decodeImei(imei.slice(0, i) + other + imei.slice(i + 1)).valid, false);
    }
  });
});

describe('finding VINs and IMEIs in text', () => {
  it('finds them in any case, with look-alikes, and leaves other words alone', () => {
    const text = 'VIN: хwеph81abn0001234, IMEI 490154203237518, заказ 12345678901234567890, слово ABCDEFGHJKLMNPRST.';
    const found = findEntities(text);
    assert.deepEqual(found.map((f) => [f.kind, f.text]), [['vin', 'хwеph81abn0001234'], ['imei', '490154203237518']]);
    assert.deepEqual(findEntities('VIN XWEPH81ABN00012 короче').map((f) => f.text), ['XWEPH81ABN00012']);
  });

  it('property: a VIN anywhere in prose is found with its offsets', () => {
    const r = rng(6);
    for (let n = 0; n < 200; n++) {
      const vin = randomVin(r).replace(/^\D{17}$/, (v) => v.slice(0, 16) + '7');
      const text = `Клиент пишет: мой ${vin}, спасибо`;
      const hit = findEntities(text).find((e) => e.kind === 'vin');
      if (!/\d/.test(vin) || !/[A-Z]/.test(vin)) continue;
      assert.ok(hit, vin);
      assert.equal(text.slice(hit.start, hit.end), vin);
    }
  });
});

describe('support-kb vin / check', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

  it('vin --json prints the documented object', () => {
    const r = cli('vin', 'ХWЕPH81ABN0001234', '--json');
    assert.equal(r.status, 0);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(j).sort(), ['checkDigit', 'country', 'input', 'manufacturer', 'market', 'modelYear', 'normalized', 'problems', 'valid', 'wmi']);
    assert.equal(j.normalized, 'XWEPH81ABN0001234');
    assert.equal(j.valid, true);
    assert.deepEqual(j.problems, ['cyrillic-lookalikes']);
    assert.equal(j.market, 'ru');
    assert.deepEqual(j.checkDigit, { applies: false, ok: null });
  });

  it('check --json prints checklists and findings', () => {
    const r = cli('check', join(REPO, 'test/fixtures/drafts/tune/02-kc-missing-three.txt'), '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(j).sort(), ['checklists', 'findings', 'incoming']);
    assert.equal(j.incoming, false);
    assert.deepEqual(j.checklists[0], { id: 'kia-connect', missing: ['imei', 'date', 'location'], present: ['full_name', 'phone', 'email', 'vin', 'model', 'description', 'error_photo'] });
    assert.deepEqual(Object.keys(j.findings[0]).sort(), ['code', 'end', 'message', 'severity', 'start']);
    assert.equal(cli('check').status, 2);
    assert.equal(cli('check', 'no-such-file.txt').status, 1);
  });

  it('check prints the checklist title and item labels in the chosen language, not ids', () => {
    const draft = join(REPO, 'test/fixtures/drafts/tune/02-kc-missing-three.txt');
    const ru = cli('check', draft);
    assert.equal(ru.status, 0, ru.stderr);
    const summary = ru.stdout.split('\n')[0]!;
    assert.match(summary, /^Kia Connect: данные для обращения: 7\/10 — не хватает: IMEI/);
    assert.doesNotMatch(summary, /kia-connect|\blocation\b|\bdate\b/);
    const en = cli('check', draft, '--locale', 'en').stdout.split('\n')[0]!;
    assert.match(en, /^Kia Connect: information for a request: 7\/10 — missing: /);
    assert.doesNotMatch(en, /[а-яё]/i);
  });
});
