/**
 * Whether two profiles may be the same person: the same names and date of birth, whatever
 * script the names were typed in. Names are compared through their Latin forms (the profile
 * keeps one beside the names in the person's own script), normalised: case, diacritics,
 * punctuation and spacing do not count, nor the order of the names nor which of them were
 * typed as given names and which as the family name (a mononym is one name either way), nor a
 * doubled letter ("Mohammed" and "Mohamed"). Dates of birth may be partial ('1990',
 * '1990-05', '1990-05-12'): two dates are compatible when the shorter is the start of the
 * longer; a profile without one never matches on names alone.
 */

export interface NamedPerson {
  givenNames: string;
  familyName: string;
  givenNamesLatin: string;
  familyNameLatin: string;
  birthDate: string | null;
}

/** Letters of the Latin alphabet only, once a name's diacritics are gone. */
const LATIN_ONLY = /^[\p{Script=Latin}\s'’.,\-‐‑]*$/u;

/** One name's words: lower case, no diacritics, no punctuation, doubled letters single. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((word) => word.replace(/(\p{L})\1+/gu, '$1'));
}

/**
 * The person's names as one key: the words of the Latin forms, sorted. When both Latin forms
 * are empty and the names themselves are in Latin letters (Filipino, Swahili names), those.
 * Empty when there is nothing to compare.
 */
export function nameKey(person: NamedPerson): string {
  let words = [...nameWords(person.givenNamesLatin), ...nameWords(person.familyNameLatin)];
  if (words.length === 0) {
    const own = `${person.givenNames} ${person.familyName}`;
    if (LATIN_ONLY.test(own.normalize('NFKD').replace(/\p{M}/gu, ''))) words = nameWords(own);
  }
  return words.sort().join(' ');
}

/** Partial dates: compatible when one is the start of the other ('1990' and '1990-05-12'). */
export function birthDatesCompatible(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

/** Same names (as above) and compatible dates of birth. */
export function sameNamesAndBirthDate(a: NamedPerson, b: NamedPerson): boolean {
  const key = nameKey(a);
  return key !== '' && key === nameKey(b) && birthDatesCompatible(a.birthDate, b.birthDate);
}
