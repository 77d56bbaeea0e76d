import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { canNotificationsList } from './notifications.policy.js';

function signedIn(role: Role): Principal {
  const grant = { role, organisationId: null, countryCode: null, administrator: false };
  return { ...ANONYMOUS, userId: 'u', sessionId: 's', grants: [grant], twoFactorVerified: true };
}

// A role × action grid: add a row for each role granted 'notification.read' in the catalogue (see
// licensing.policy.test.ts).
describe('notifications policy', () => {
  it('lets the system administrator list', () => {
    expect(canNotificationsList(signedIn('system_admin'))).toBe(true);
  });

  it('refuses the anonymous and the roles that do not hold notification.read', () => {
    expect(canNotificationsList(ANONYMOUS)).toBe(false);
    expect(canNotificationsList(signedIn('job_seeker'))).toBe(false);
  });
});
