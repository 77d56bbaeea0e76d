/** The UI languages. Adding one means a locales/<code>/ with every English key (tested). */
export const LANGUAGES = ['en', 'fr', 'es', 'ar', 'sw', 'fil', 'ne', 'bn', 'ur'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/**
 * Who has read a catalogue. `source`: written in that language (English). `drafted`:
 * translated by the team, not yet read by a native speaker who works with migrants.
 * `reviewed`: read and corrected by such a speaker, on the date given.
 */
export type ReviewStatus =
  { state: 'source' } | { state: 'drafted' } | { state: 'reviewed'; on: string; by: string };

export interface LanguageInfo {
  code: Language;
  /** The language's name in itself, as the switcher shows it. */
  nativeName: string;
  dir: 'ltr' | 'rtl';
  review: ReviewStatus;
}

const DRAFTED: ReviewStatus = { state: 'drafted' };

export const LANGUAGE_INFO: Record<Language, LanguageInfo> = {
  en: { code: 'en', nativeName: 'English', dir: 'ltr', review: { state: 'source' } },
  fr: { code: 'fr', nativeName: 'Français', dir: 'ltr', review: DRAFTED },
  es: { code: 'es', nativeName: 'Español', dir: 'ltr', review: DRAFTED },
  ar: { code: 'ar', nativeName: 'العربية', dir: 'rtl', review: DRAFTED },
  sw: { code: 'sw', nativeName: 'Kiswahili', dir: 'ltr', review: DRAFTED },
  fil: { code: 'fil', nativeName: 'Filipino', dir: 'ltr', review: DRAFTED },
  ne: { code: 'ne', nativeName: 'नेपाली', dir: 'ltr', review: DRAFTED },
  bn: { code: 'bn', nativeName: 'বাংলা', dir: 'ltr', review: DRAFTED },
  ur: { code: 'ur', nativeName: 'اردو', dir: 'rtl', review: DRAFTED },
};

/** Tags that browsers send for one of our languages under another code. */
const ALIASES: Readonly<Record<string, Language>> = { tl: 'fil' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Our language for a BCP 47 primary subtag ('fil', 'tl', 'ur'…), or null. */
export function languageOfSubtag(subtag: string): Language | null {
  const lower = subtag.toLowerCase();
  if (isLanguage(lower)) return lower;
  return ALIASES[lower] ?? null;
}
