import { can, canAccess, scopeFilter, type Principal } from '../../platform/authz/principal.js';
import type { SchemeRecord } from './eligibility.repository.js';

/**
 * Pure can-do functions, tested as a role × action grid and passed to the views. Reading and
 * assessing published schemes is public; managing a scheme needs eligibility.manage over its
 * destination country (a destination officer, their own country).
 */
export function canManageSchemes(principal: Principal): boolean {
  return can(principal, 'eligibility.manage');
}

export function schemeOwnership(scheme: Pick<SchemeRecord, 'destinationCountry'>) {
  return { countryCode: scheme.destinationCountry };
}

export function canManageScheme(
  principal: Principal,
  scheme: Pick<SchemeRecord, 'destinationCountry'>,
): boolean {
  return canAccess(principal, 'eligibility.manage', schemeOwnership(scheme));
}

/** The destination countries whose schemes the principal manages; null: none. */
export function manageableCountries(principal: Principal): string[] | 'all' | null {
  const filter = scopeFilter(principal, 'eligibility.manage');
  if (!filter) return null;
  return filter.all ? 'all' : filter.countryCodes;
}
