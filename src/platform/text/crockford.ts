import { normaliseIdentifier } from './identifiers.js';

/** Crockford's base32: digits and capitals without I, L, O and U (no look-alikes, no words). */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A Crockford code as a person types or pastes it: the identifier normal form
 * (`normaliseIdentifier`: any script's digits, full-width forms, dashes and spaces of any kind,
 * the direction marks a right-to-left page adds when copied), then Crockford's readings of the
 * look-alikes, I and L as 1, O as 0. What is left of other characters is kept, for the caller
 * to refuse.
 */
export function normaliseCrockford(typed: string): string {
  return normaliseIdentifier(typed).replace(/[IL]/g, '1').replace(/O/g, '0');
}
