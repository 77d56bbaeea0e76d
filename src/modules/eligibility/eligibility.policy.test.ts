import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { canEligibilityList } from './eligibility.policy.js';

function signedIn(role: Role): Principal {
  const grant = { role, organisationId: null, countryCode: null, administrator: false };
  return { ...ANONYMOUS, userId: 'u', sessionId: 's', grants: [grant], twoFactorVerified: true };
}

// A role × action grid: add a row for each role granted 'eligibility.read' in the catalogue (see
// licensing.policy.test.ts).
describe('eligibility policy', () => {
  it('lets the system administrator list', () => {
    expect(canEligibilityList(signedIn('system_admin'))).toBe(true);
  });

  it('refuses the anonymous and the roles that do not hold eligibility.read', () => {
    expect(canEligibilityList(ANONYMOUS)).toBe(false);
    expect(canEligibilityList(signedIn('job_seeker'))).toBe(false);
  });
});
