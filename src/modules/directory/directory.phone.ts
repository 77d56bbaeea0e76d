import { asciiDigits } from '../../platform/i18n/digits.js';

/**
 * Phone numbers in E.164 by a light rule (no numbering-plan library is installed): a '+', a
 * country code and the rest, 8 to 15 digits in all; spaces, dots, dashes and brackets as
 * people type them are left out, and a leading 00 is read as '+'. Digits of any script are
 * read as ASCII. Numbers without a country code are refused: a directory is read abroad.
 */
const E164 = /^\+[1-9]\d{7,14}$/;

/** The E.164 form of a typed number, or null when it is not one. */
export function parsePhone(typed: string): string | null {
  let compact = asciiDigits(typed.normalize('NFKC')).replace(SEPARATORS, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  return E164.test(compact) ? compact : null;
}

const SEPARATORS = /[\s\p{Z}\p{Pd}\p{Cf}.()/]/gu;

/** Country calling codes, longest first match: enough to group a number for display. */
const CALLING_CODES = new Set([
  '1',
  '7',
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
  '211',
  '212',
  '213',
  '216',
  '218',
  '220',
  '221',
  '233',
  '234',
  '249',
  '250',
  '251',
  '252',
  '253',
  '254',
  '255',
  '256',
  '257',
  '260',
  '263',
  '264',
  '265',
  '266',
  '267',
  '880',
  '960',
  '961',
  '962',
  '963',
  '964',
  '965',
  '966',
  '967',
  '968',
  '970',
  '971',
  '972',
  '973',
  '974',
  '975',
  '976',
  '977',
  '992',
  '993',
  '994',
  '995',
  '996',
  '998',
]);

/**
 * An E.164 number grouped for reading: '+254 20 000 0001'. The country code is set apart;
 * the rest in groups of three and four from the end (no national plans are known here).
 */
export function displayPhone(e164: string): string {
  const digits = e164.slice(1);
  let code = digits.slice(0, 1);
  for (const length of [3, 2, 1]) {
    if (CALLING_CODES.has(digits.slice(0, length))) {
      code = digits.slice(0, length);
      break;
    }
  }
  const rest = digits.slice(code.length);
  const groups: string[] = [];
  let end = rest.length;
  if (end > 4) {
    groups.unshift(rest.slice(end - 4));
    end -= 4;
  }
  while (end > 3) {
    groups.unshift(rest.slice(end - 3, end));
    end -= 3;
  }
  if (end > 0) groups.unshift(rest.slice(0, end));
  return `+${code} ${groups.join(' ')}`;
}
