import { describe, expect, it } from 'vitest';
import type { Principal } from '../authz/principal.js';
import { shown, type NavigationItem } from './render.js';

const staff = (role: 'agency_staff' | 'origin_officer', twoFactorVerified = true): Principal => ({
  userId: 'u',
  apiKeyId: null,
  sessionId: 's',
  grants: [{ role, organisationId: 'o', countryCode: 'KE', administrator: false }],
  permissionLimit: null,
  twoFactorVerified,
});

describe('the menu', () => {
  const ourLicence: NavigationItem = { href: '/licences', labelKey: 'x', role: 'agency_staff' };
  const licences: NavigationItem = {
    href: '/licences',
    labelKey: 'y',
    permission: 'licence.decide',
  };

  it('shows a role’s entry to that role only, once two-factor authentication is done', () => {
    expect(shown(ourLicence, staff('agency_staff'))).toBe(true);
    expect(shown(ourLicence, staff('agency_staff', false))).toBe(false);
    expect(shown(ourLicence, staff('origin_officer'))).toBe(false);
    expect(shown(ourLicence, undefined)).toBe(false);
  });

  it('shows a permission’s entry to its holders', () => {
    expect(shown(licences, staff('origin_officer'))).toBe(true);
    expect(shown(licences, staff('agency_staff'))).toBe(false);
  });
});
