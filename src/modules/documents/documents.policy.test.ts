import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { canDocumentsList } from './documents.policy.js';

function signedIn(role: Role): Principal {
  const grant = { role, organisationId: null, countryCode: null, administrator: false };
  return { ...ANONYMOUS, userId: 'u', sessionId: 's', grants: [grant], twoFactorVerified: true };
}

// A role × action grid: add a row for each role granted 'document.read' in the catalogue (see
// licensing.policy.test.ts).
describe('documents policy', () => {
  it('lets the system administrator list', () => {
    expect(canDocumentsList(signedIn('system_admin'))).toBe(true);
  });

  it('refuses the anonymous and the roles that do not hold document.read', () => {
    expect(canDocumentsList(ANONYMOUS)).toBe(false);
    expect(canDocumentsList(signedIn('job_seeker'))).toBe(false);
  });
});
