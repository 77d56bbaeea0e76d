import { can, type Principal } from '../../platform/authz/principal.js';

/**
 * Pure can-do functions, tested as a role × action grid and passed to the views. The comparison
 * is public (no permission); importing prices takes `remittance.manage`, whose scope (the
 * officer's country) the service applies row by row: a corridor from or to that country.
 */
export function canImportRemittancePrices(principal: Principal): boolean {
  return can(principal, 'remittance.manage');
}
