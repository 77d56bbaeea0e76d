/**
 * The one normaliser for search: applied to every label when it is loaded (`search_text`) and to
 * every query, so that both sides compare the same way on PGlite and on PostgreSQL.
 *
 * Accents and case are dropped, punctuation becomes a space. Letters that do not decompose under
 * NFKD (ß, æ, ł…) are spelled out, and Cyrillic is transliterated to Latin: pg_trgm only treats
 * non-ASCII letters as word characters when the database's ctype is a UTF-8 locale, so keeping
 * search_text in Latin letters makes trigram search independent of how the server was created
 * (and lets "medicinska sestra" find "медицинска сестра").
 */

const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
  ð: 'd',
  // Cyrillic after NFKD (й → и, ё → е): Bulgarian streamlined system, plus Russian and Ukrainian.
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sht',
  ъ: 'a',
  ь: 'y',
  ю: 'yu',
  я: 'ya',
  ы: 'y',
  э: 'e',
  і: 'i',
  є: 'ye',
  ґ: 'g',
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѕ: 'dz',
};

const ASCII_ONLY = /^[\x20-\x7e]*$/;
const NOT_ASCII_WORD = /[^a-z0-9]+/g;
const COMBINING_ACCENTS = /[\u0300-\u036f]+/g;
const NON_ASCII = /\P{ASCII}/gu;
// Anything but a letter or a digit, of any script, separates words.
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const MARK = /^\p{M}$/u;
const WORD = /^[\p{L}\p{N}]$/u;

/** What each non-ASCII character becomes: decided once per character, then looked up. */
const replacements = new Map<string, string>();
function replacement(character: string): string {
  let value = replacements.get(character);
  if (value === undefined) {
    if (MARK.test(character)) value = '';
    else value = LETTERS[character] ?? (WORD.test(character) ? character : ' ');
    replacements.set(character, value);
  }
  return value;
}

export function normaliseSearchText(text: string): string {
  let value = text.toLowerCase();
  // Fast paths: most labels are ASCII, or become ASCII once their accents are dropped.
  if (!ASCII_ONLY.test(value)) {
    value = value.normalize('NFKD').replace(COMBINING_ACCENTS, '');
    if (!ASCII_ONLY.test(value)) return normaliseCharacters(value);
  }
  return value.replace(NOT_ASCII_WORD, ' ').trim();
}

function normaliseCharacters(value: string): string {
  return value.replace(NON_ASCII, replacement).replace(NOT_WORD, ' ').trim();
}
