import { normaliseIdentifier } from '../../platform/text/identifiers.js';

/**
 * Document numbers as people write them and as Corridor keeps them. "ab 123-4567" and
 * "AB1234567" are the same number: spaces and dashes are left out and letters are upper case
 * (normaliseIdentifier, the one normal form of every typed identifier, which the keyed hash
 * uses too: other scripts' digits, full-width forms and Cyrillic or Greek look-alike capitals
 * read as the Latin ones). What remains must be 5 to 20
 * letters A–Z and digits, the characters of the machine-readable zone of ICAO Doc 9303.
 */

export const MIN_LENGTH = 5;
export const MAX_LENGTH = 20;
/** Longer input is refused before normalising (spaces and dashes included). */
const MAX_INPUT_LENGTH = 60;
const MASK = '•';
const VISIBLE = 3;

export type NumberCheck =
  { ok: true; number: string } | { ok: false; messageKey: `identityDocuments.errors.${string}` };

/** The normalised number, or the locale key of what is wrong. Never says what was typed. */
export function checkDocumentNumber(input: string): NumberCheck {
  if (input.trim() === '') return { ok: false, messageKey: 'identityDocuments.errors.enterNumber' };
  if (input.length > MAX_INPUT_LENGTH) {
    return { ok: false, messageKey: 'identityDocuments.errors.numberLength' };
  }
  const number = normaliseIdentifier(input);
  if (!/^[A-Z0-9]*$/.test(number)) {
    return { ok: false, messageKey: 'identityDocuments.errors.numberCharacters' };
  }
  if (number.length < MIN_LENGTH || number.length > MAX_LENGTH) {
    return { ok: false, messageKey: 'identityDocuments.errors.numberLength' };
  }
  return { ok: true, number };
}

/** Every character hidden but the last three: "AB1234567" → "••••••567". */
export function maskNumber(number: string): string {
  const visible = number.slice(-VISIBLE);
  return MASK.repeat(Math.max(0, number.length - visible.length)) + visible;
}

/** The last three characters, for screen readers ("ending in 567"). */
export function lastCharacters(number: string): string {
  return number.slice(-VISIBLE);
}
