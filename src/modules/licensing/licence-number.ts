import { asciiDigits } from '../../platform/i18n/digits.js';

/**
 * A licence number as the register compares it: the letters and digits only, upper case.
 * Numbers hold A-Z, 0-9 and dashes (KE-RA-2026-0001), but people type them with spaces, other
 * dashes, full-width digits or their own script's (Arabic, Urdu, Bengali, Devanagari…), or none of the separators; all of those give the
 * same key (KERA20260001). Null when nothing of a number is left.
 */
export function licenceNumberKey(typed: string): string | null {
  const key = asciiDigits(typed.normalize('NFKC'))
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return key.length > 0 && key.length <= 40 ? key : null;
}
