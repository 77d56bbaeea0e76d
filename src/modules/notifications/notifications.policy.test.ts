import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { canReadNotifications } from './notifications.policy.js';

function signedIn(role: Role): Principal {
  const grant = { role, organisationId: null, countryCode: null, administrator: false };
  return { ...ANONYMOUS, userId: 'u', sessionId: 's', grants: [grant], twoFactorVerified: true };
}

// notification.read is one of every account's own grants: each person reads their own.
describe('notifications policy', () => {
  it.each(ROLES)('lets a signed-in %s read their own notifications', (role) => {
    expect(canReadNotifications(signedIn(role))).toBe(true);
  });

  it('refuses the anonymous', () => {
    expect(canReadNotifications(ANONYMOUS)).toBe(false);
  });

  it('refuses an API key (no person behind it)', () => {
    const key: Principal = {
      ...ANONYMOUS,
      apiKeyId: 'k',
      grants: [
        { role: 'employer_staff', organisationId: 'o', countryCode: null, administrator: false },
      ],
    };
    expect(canReadNotifications(key)).toBe(false);
  });
});
