import { asciiDigits } from '../i18n/digits.js';

/**
 * Identifiers that people type (licence numbers, identity document numbers, any reference
 * number) are compared in one normal form, wherever they are searched or hashed:
 *
 * 1. compatibility forms folded (NFKC): full-width `ＫＥ１２`, mathematical and circled letters,
 *    ligatures and Roman numerals become their plain letters and digits;
 * 2. every script's decimal digits read as ASCII digits (`platform/i18n/digits.ts`): Arabic-
 *    Indic, Persian, Devanagari, Bengali…;
 * 3. upper case;
 * 4. Greek, Cyrillic and Armenian capitals that look like a Latin capital or digit read as that
 *    letter or digit (a Cyrillic `К` or `Е` typed on a Russian keyboard is `K`, `E`); a lower-
 *    case letter is folded by its capital. Only those: the table is Unicode's confusables
 *    (UTS #39) restricted to these scripts and to one Latin capital or digit;
 * 5. separators left out: spaces of any kind, dashes and hyphens of any kind, the minus sign,
 *    full stops, slashes, underscores and middle dots, and invisible format characters (the
 *    direction marks and zero-width spaces that copying from a right-to-left page brings).
 *
 * Letters and digits of the Latin alphabet are never merged with one another (`O` and `0`, `I`
 * and `1` stay distinct: both occur in real passport numbers), so a stored normal form never
 * changes: the function is idempotent, and the identity on `[A-Z0-9]*`. What is left of other
 * characters (letters with accents, other scripts) is kept, for the caller to refuse.
 */
export function normaliseIdentifier(typed: string): string {
  let out = '';
  for (const char of asciiDigits(typed.normalize('NFKC')).toUpperCase()) {
    if (SEPARATOR.test(char)) continue;
    out += LOOK_ALIKES.get(char) ?? char;
  }
  return out;
}

const SEPARATOR = /^[\s\p{Z}\p{Pd}\p{Cf}\u2212._/\\\u00B7\u2027\u30FB]$/u;

/**
 * Capitals of the Greek, Cyrillic and Armenian scripts that Unicode's confusables list as
 * look-alikes of one Latin capital or digit (prototype `l` read as `I`, the capital).
 */
const LOOK_ALIKE_TABLE: Record<string, string> = {
  A: '\u0391\u0410', // Α А
  B: '\u0392\u0412', // Β В
  C: '\u0421', // С (the Greek lunate Ϲ is Σ once folded)
  E: '\u0395\u0415', // Ε Е
  F: '\u03DC', // Ϝ
  G: '\u050C', // Ԍ
  H: '\u0397\u041D', // Η Н
  I: '\u0399\u0406\u04C0', // Ι І Ӏ
  J: '\u037F\u0408', // Ϳ Ј
  K: '\u039A\u041A', // Κ К
  M: '\u039C\u03FA\u041C', // Μ Ϻ М
  N: '\u039D', // Ν
  O: '\u039F\u041E\u0555', // Ο О Օ
  P: '\u03A1\u0420', // Ρ Р
  S: '\u0405\u054F', // Ѕ Տ
  T: '\u03A4\u0422', // Τ Т
  U: '\u054D', // Ս
  V: '\u0474', // Ѵ
  W: '\u051C', // Ԝ
  X: '\u03A7\u0425', // Χ Х
  Y: '\u03A5\u03D2\u04AE', // Υ ϒ Ү
  Z: '\u0396', // Ζ
  '3': '\u0417\u04E0', // З Ӡ
};

/** Each look-alike capital and the Latin capital or digit it reads as. */
export const LOOK_ALIKES: ReadonlyMap<string, string> = new Map(
  Object.entries(LOOK_ALIKE_TABLE).flatMap(([latin, others]) =>
    [...others].map((other) => [other, latin] as const),
  ),
);
