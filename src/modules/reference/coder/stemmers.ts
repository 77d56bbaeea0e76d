import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as bulgarian } from '@orama/stemmers/bulgarian';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { foldWord, type Script } from './normalise.js';

/**
 * A light stemmer per language: Snowball (@orama/stemmers) where it has one, our own suffix
 * stripper for Polish (Snowball has none; see docs/adr/0014-occupation-coder.md). German first
 * loses its feminine endings (-in, -innen), which Snowball keeps ("Maurerin" → "maurer").
 * Input is a lower-case word with its accents; output is folded like every compared word.
 */

const SNOWBALL: Readonly<Record<string, (word: string) => string>> = {
  ar: arabic,
  bg: bulgarianStem,
  de: (word) => german(germanMasculine(word)),
  en: english,
  es: spanish,
  fr: french,
  it: italian,
  nl: dutch,
  pl: polish,
  pt: portuguese,
  ro: romanian,
};

export const STEMMED_LANGUAGES = Object.keys(SNOWBALL);

/** The languages whose stems a word in this script can be. */
export const LANGUAGES_BY_SCRIPT: Readonly<Record<Script, readonly string[]>> = {
  latin: ['en', 'fr', 'es', 'pt', 'de', 'it', 'nl', 'pl', 'ro'],
  cyrillic: ['bg'],
  arabic: ['ar'],
  other: [],
};

/** "Maurerin", "Maurerinnen" → "Maurer"; "Ärztin" → "Ärzt"; "Medizin" stays (no agent ending). */
export function germanMasculine(word: string): string {
  const match =
    /^(.{3,}?(?:er|or|eur|ist|ant|ent|ar|är|ör|ier|og|at|ent|ot|än|ärzt|arzt|t))in(?:nen)?$/u.exec(
      word,
    );
  return match ? match[1]! : word;
}

const POLISH_SUFFIXES = [
  'owie',
  'ami',
  'ach',
  'ową',
  'owa',
  'owe',
  'owy',
  'ego',
  'emu',
  'ych',
  'ich',
  'ymi',
  'imi',
  'ów',
  'om',
  'ej',
  'ki',
  'ka',
  'ką',
  'a',
  'ą',
  'ę',
  'e',
  'i',
  'y',
  'o',
  'u',
].sort((a, b) => b.length - a.length);

/**
 * Polish: the longest common inflection ending removed, keeping a stem of at least four
 * letters: "murarz", "murarza", "murarze" → "murarz"; "pielęgniarka", "pielęgniarki" →
 * "pielęgniar". Light on purpose: a wrong cut only costs a match that the character n-grams
 * (other endings of the same word) still make.
 */
export function polish(word: string): string {
  for (const suffix of POLISH_SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

/**
 * @orama/stemmers' Bulgarian stemmer writes letters into its input ("ци" → "к"), which a
 * JavaScript string does not allow (it throws in a module): it is given an array of letters
 * that reads like the string and takes the writes.
 */
function bulgarianStem(word: string): string {
  const letters = Object.assign([...word], {
    substring(start: number, end: number) {
      return letters.slice(start, end).join('');
    },
  });
  return bulgarian(letters as unknown as string);
}

const caches = new Map<string, Map<string, string>>();

/** The folded stem of a lower-case word in `language`; the folded word for a language without. */
export function stem(word: string, language: string): string {
  const stemmer = SNOWBALL[language];
  if (!stemmer) return foldWord(word);
  let cache = caches.get(language);
  if (!cache) caches.set(language, (cache = new Map<string, string>()));
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = foldWord(stemmer(language === 'ar' ? stripArabicMarks(word) : word));
    if (stemmed === '') stemmed = foldWord(word);
    if (cache.size > 200_000) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}

function stripArabicMarks(word: string): string {
  return word.replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, '');
}
