import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal, type RoleGrant } from '../../platform/authz/principal.js';
import { canManageDirectory, canManageEntry, maintainerFor } from './directory.policy.js';

function signedIn(role: Role, grant: Partial<RoleGrant> = {}): Principal {
  return {
    ...ANONYMOUS,
    userId: 'u',
    sessionId: 's',
    grants: [{ role, organisationId: null, countryCode: null, administrator: false, ...grant }],
    twoFactorVerified: true,
  };
}

const origin = signedIn('origin_officer', { organisationId: 'nea', countryCode: 'KE' });
const destination = signedIn('destination_officer', { organisationId: 'mohre', countryCode: 'AE' });
const embassy = signedIn('embassy_officer', {
  organisationId: 'emb',
  countryCode: 'AE',
  representedCountryCode: 'KE',
});
const admin = signedIn('system_admin');
const ROLES_WITHOUT: Role[] = [
  'border_officer',
  'agency_staff',
  'employer_staff',
  'job_seeker',
  'analyst',
  'auditor',
];

describe('directory policy: role × action', () => {
  it('lets officers of authorities and embassies, and the system administrator, keep it', () => {
    for (const principal of [origin, destination, embassy, admin])
      expect(canManageDirectory(principal)).toBe(true);
  });

  it('refuses the anonymous and every other role', () => {
    expect(canManageDirectory(ANONYMOUS)).toBe(false);
    for (const role of ROLES_WITHOUT)
      expect(canManageDirectory(signedIn(role, { organisationId: 'o', countryCode: 'KE' }))).toBe(
        false,
      );
  });

  it('refuses an officer who has not passed two-factor authentication', () => {
    expect(canManageDirectory({ ...origin, twoFactorVerified: false })).toBe(false);
  });

  it('reaches an entry: authorities by country, embassies by maintainer, the administrator all', () => {
    const kenyan = { maintainedBy: 'someone', countryCode: 'KE' };
    const embassyEntry = { maintainedBy: 'emb', countryCode: 'AE' };
    expect(canManageEntry(origin, kenyan)).toBe(true);
    expect(canManageEntry(origin, embassyEntry)).toBe(false);
    expect(canManageEntry(destination, embassyEntry)).toBe(true);
    expect(canManageEntry(destination, kenyan)).toBe(false);
    expect(canManageEntry(embassy, embassyEntry)).toBe(true);
    expect(canManageEntry(embassy, kenyan)).toBe(false);
    expect(canManageEntry(admin, kenyan)).toBe(true);
  });

  it('names who maintains a new entry, and where each may add one', () => {
    expect(maintainerFor(origin, 'KE')).toEqual({ organisationId: 'nea' });
    expect(maintainerFor(origin, 'AE')).toBeUndefined();
    expect(maintainerFor(embassy, 'AE')).toEqual({ organisationId: 'emb' });
    expect(maintainerFor(embassy, 'KE')).toEqual({ organisationId: 'emb' });
    expect(maintainerFor(embassy, 'QA')).toBeUndefined();
    expect(maintainerFor(admin, 'QA')).toEqual({ organisationId: null });
    expect(
      maintainerFor(signedIn('agency_staff', { organisationId: 'a', countryCode: 'KE' }), 'KE'),
    ).toBeUndefined();
  });
});
