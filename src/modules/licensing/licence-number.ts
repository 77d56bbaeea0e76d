import { normaliseIdentifier } from '../../platform/text/identifiers.js';

/**
 * A licence number as the register compares it: its normal form (normaliseIdentifier, the one
 * for every identifier people type). Numbers hold A-Z, 0-9 and dashes (KE-RA-2026-0001), but
 * people type them with spaces, other dashes or none, full-width digits or their own script's,
 * or Cyrillic letters that look Latin; all of those give the same key (KERA20260001), which is
 * the stored number without its dashes (licence_number_compact_idx). Null when what is left is
 * not letters A-Z and digits (a name, say), or more than a number can hold.
 */
export function licenceNumberKey(typed: string): string | null {
  const key = normaliseIdentifier(typed);
  return /^[A-Z0-9]{1,40}$/.test(key) ? key : null;
}
