/**
 * Names as the person writes them (ADR 12, DESIGN.md "person"): kept exactly, in NFC, with the
 * spaces at the ends and repeated spaces left out and control characters refused. A single
 * name (mononym) is valid in either field; both empty is not. The Latin form is for documents
 * and systems that only read the Latin alphabet: Latin letters (with accents), spaces,
 * hyphens, apostrophes and full stops only.
 */
export const NAME_MAX = 200;

/** The normal form a name is stored in. */
export function normaliseName(typed: string): string {
  return typed.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Control and formatting characters other than the joiners that scripts need (ZWJ, ZWNJ). */
const FORBIDDEN = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const LATIN = /^[\p{Script=Latin}\p{M} '’.-]*$/u;
/** Something a name needs: a letter of any script. */
const LETTER = /\p{L}/u;

export type NameProblem = 'invalid' | 'tooLong' | 'notLatin';

export function nameProblem(value: string, options: { latin?: boolean } = {}): NameProblem | null {
  if (value === '') return null;
  if (value.length > NAME_MAX) return 'tooLong';
  if (FORBIDDEN.test(value) || !LETTER.test(value)) return 'invalid';
  if (options.latin && !LATIN.test(value)) return 'notLatin';
  return null;
}

/** True when a name is written in the Latin alphabet already (then it is its own Latin form). */
export function isLatin(value: string): boolean {
  return value !== '' && LATIN.test(value);
}

/** The name to show: given names then family name, or the one there is (a mononym). */
export function displayName(given: string, family: string): string {
  return [given, family].filter((part) => part !== '').join(' ');
}
