/** The UI languages. Adding one means a locales/<code>/messages.json with the same keys. */
export const LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

export interface LanguageInfo {
  code: Language;
  /** The language's name in itself, as the switcher shows it. */
  nativeName: string;
  dir: 'ltr' | 'rtl';
}

export const LANGUAGE_INFO: Record<Language, LanguageInfo> = {
  en: { code: 'en', nativeName: 'English', dir: 'ltr' },
  fr: { code: 'fr', nativeName: 'Français', dir: 'ltr' },
  es: { code: 'es', nativeName: 'Español', dir: 'ltr' },
  ar: { code: 'ar', nativeName: 'العربية', dir: 'rtl' },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
