import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  ParseError,
  type CountryCode,
} from 'libphonenumber-js/max';
import { asciiDigits } from '../../platform/i18n/digits.js';
import type { Language } from '../../platform/i18n/languages.js';

/**
 * Phone numbers as people type them, read with libphonenumber-js (Google's libphonenumber
 * metadata, "max": the number's type and length checked for every country):
 *
 * - any script's digits (Arabic-Indic ٠٥٠, Persian ۰۵۰, Devanagari, Bengali…) read as ASCII;
 * - full-width characters folded (NFKC); spaces of any kind, dashes, dots, brackets and the
 *   invisible direction marks a copy from a right-to-left page brings are left out;
 * - `+` or `00` before the country code, or a national number for the country chosen on the
 *   form (`0712 345 678` in Kenya);
 * - only numbers that can receive a text message: mobile, or "fixed line or mobile" where the
 *   numbering plan cannot tell (as in the United States).
 *
 * The answer is E.164 (`+254712345678`), the one form stored and compared; or a named problem
 * (`accounts.errors.phone*`) for the form to show.
 */
export type PhoneProblem =
  | 'accounts.errors.phoneMissing'
  | 'accounts.errors.phoneCountryNeeded'
  | 'accounts.errors.phoneInvalid'
  | 'accounts.errors.phoneNotMobile';

export type PhoneParse = { ok: true; e164: string } | { ok: false; problem: PhoneProblem };

/** Separators people put in numbers; the direction and zero-width marks among them. */
const SEPARATORS = /[\s\p{Z}\p{Pd}\p{Cf}\u2212.()/\\[\]]/gu;

/** The country a form suggests first, from the page's language where one is clear. */
export const DEFAULT_PHONE_COUNTRY: Partial<Record<Language, CountryCode>> = {
  ne: 'NP',
  bn: 'BD',
  ur: 'PK',
  fil: 'PH',
  sw: 'KE',
};

export function isPhoneCountry(code: string): code is CountryCode {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

export function callingCode(country: CountryCode): string {
  return getCountryCallingCode(country);
}

/** Whether what was typed is meant as a phone number rather than an email address. */
export function looksLikePhone(typed: string): boolean {
  return !typed.includes('@') && /\d/.test(asciiDigits(typed.normalize('NFKC')));
}

export function parsePhone(typed: string, country?: string | null): PhoneParse {
  let text = asciiDigits(typed.normalize('NFKC')).replace(SEPARATORS, '');
  if (text === '') return { ok: false, problem: 'accounts.errors.phoneMissing' };
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  if (!/^\+?[0-9]{4,17}$/.test(text)) return { ok: false, problem: 'accounts.errors.phoneInvalid' };
  const region = country && isPhoneCountry(country) ? country : undefined;
  if (!text.startsWith('+') && !region) {
    return { ok: false, problem: 'accounts.errors.phoneCountryNeeded' };
  }
  try {
    const number = parsePhoneNumberWithError(text, region ? { defaultCountry: region } : {});
    if (!number.isValid()) return { ok: false, problem: 'accounts.errors.phoneInvalid' };
    const type = number.getType();
    if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
      return { ok: false, problem: 'accounts.errors.phoneNotMobile' };
    }
    return { ok: true, e164: number.number };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, problem: 'accounts.errors.phoneInvalid' };
    throw error;
  }
}

/** A stored number shown to people: `+254 712 345 678`, always left to right. */
export function formatPhone(e164: string): string {
  try {
    return parsePhoneNumberWithError(e164).formatInternational();
  } catch {
    return e164;
  }
}
