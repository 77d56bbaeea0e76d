import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { canImportRemittancePrices } from './remittances.policy.js';

function signedIn(role: Role): Principal {
  const grant = { role, organisationId: 'o', countryCode: 'KE', administrator: false };
  return { ...ANONYMOUS, userId: 'u', sessionId: 's', grants: [grant], twoFactorVerified: true };
}

// The role × action grid: who may import remittance prices (the comparison is public).
const MAY_IMPORT: readonly Role[] = ['system_admin', 'origin_officer', 'destination_officer'];

describe('remittances policy', () => {
  it.each(ROLES)('import prices: %s', (role) => {
    expect(canImportRemittancePrices(signedIn(role))).toBe(MAY_IMPORT.includes(role));
  });

  it('refuses the anonymous and an officer who has not passed two-factor authentication', () => {
    expect(canImportRemittancePrices(ANONYMOUS)).toBe(false);
    expect(
      canImportRemittancePrices({ ...signedIn('origin_officer'), twoFactorVerified: false }),
    ).toBe(false);
  });
});
