/**
 * Machine-readable zones for tests: the ICAO Doc 9303 specimens as printed (Utopia, expired in
 * 2012), and a builder of TD3 passports with any country and dates, their check digits right.
 */

/** ICAO 9303 part 4, appendix B: the TD3 specimen passport. */
export const ICAO_TD3 = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];

/** ICAO 9303 part 5, appendix B: the TD1 specimen identity card. */
export const ICAO_TD1 = [
  'I<UTOD231458907<<<<<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<6',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];

/** ICAO 9303 part 6, appendix B: the TD2 specimen identity card. */
export const ICAO_TD2 = [
  'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<',
  'D231458907UTO7408122F1204159<<<<<<<6',
];

const value = (char: string) =>
  char === '<' ? 0 : /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55;

/** ICAO 9303 part 3, 4.9: weights 7, 3, 1 repeated, modulus 10. */
export function checkDigit(text: string): string {
  let sum = 0;
  [...text].forEach((char, index) => {
    sum += value(char) * [7, 3, 1][index % 3]!;
  });
  return String(sum % 10);
}

const pad = (text: string, length: number) => text.padEnd(length, '<').slice(0, length);

/** A TD3 passport's two lines, check digits computed. Dates are 'YYMMDD'. */
export function td3(overrides: {
  code?: string;
  country?: string;
  number?: string;
  birth?: string;
  expiry?: string;
  names?: string;
  personal?: string;
}): string[] {
  const country = pad(overrides.country ?? 'KEN', 3);
  const number = pad(overrides.number ?? 'AK1234567', 9);
  const birth = overrides.birth ?? '900315';
  const expiry = overrides.expiry ?? '340101';
  const personal = pad(overrides.personal ?? '', 14);
  const numberPart = number + checkDigit(number);
  const birthPart = birth + checkDigit(birth);
  const rest = expiry + checkDigit(expiry) + personal + checkDigit(personal);
  const composite = checkDigit(numberPart + birthPart + rest);
  return [
    pad(
      `${pad(overrides.code ?? 'P', 2)}${country}${overrides.names ?? 'WANJIKU<<GRACE<AKINYI'}`,
      44,
    ),
    `${numberPart}${country}${birthPart}F${rest}${composite}`,
  ];
}
