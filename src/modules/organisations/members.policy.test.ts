import { describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/authz/catalogue.js';
import type { Principal, RoleGrant } from '../../platform/authz/principal.js';
import { canGiveRole, twoFactorResetRefusal } from './members.policy.js';

const AUTHORITY = 'authority-ke';
const OTHER = 'employer-ae';

function principal(
  userId: string,
  grants: Partial<RoleGrant>[],
  overrides: Partial<Principal> = {},
): Principal {
  return {
    userId,
    apiKeyId: null,
    sessionId: 's',
    grants: grants.map((grant) => ({
      role: 'origin_officer',
      organisationId: AUTHORITY,
      countryCode: 'KE',
      administrator: false,
      ...grant,
    })),
    permissionLimit: null,
    twoFactorVerified: true,
    ...overrides,
  };
}

const systemAdmin = principal('sysadmin', [
  { role: 'system_admin', organisationId: null, countryCode: null },
]);
const authorityAdmin = principal('admin', [{ administrator: true }]);
const officer = principal('officer', [{}]);

describe('who gives which role', () => {
  it('only a system administrator gives the auditor role; every other role as before', () => {
    for (const role of ROLES) {
      expect({ role, sysadmin: canGiveRole(systemAdmin, role) }).toEqual({
        role,
        sysadmin: true,
      });
      expect({ role, admin: canGiveRole(authorityAdmin, role) }).toEqual({
        role,
        admin: role !== 'auditor',
      });
    }
  });

  it('a system administrator who has not passed two-factor authentication gives no auditor role', () => {
    const halfway = { ...systemAdmin, twoFactorVerified: false };
    expect(canGiveRole(halfway, 'auditor')).toBe(false);
  });

  it('an API key never gives the auditor role, whatever its organisation holds', () => {
    const key = principal('', [{ role: 'system_admin', organisationId: null }], {
      userId: null,
      apiKeyId: 'key',
    });
    expect(canGiveRole(key, 'auditor')).toBe(false);
  });
});

describe('who resets whose two-factor authentication', () => {
  const member = (userId: string, grants: Partial<RoleGrant>[]) => ({
    userId,
    grants: principal(userId, grants).grants,
  });
  const staff = member('staff', [{}]);
  const fellowAdmin = member('fellow', [{ administrator: true }]);
  const twoJobs = member('two-jobs', [{}, { role: 'employer_staff', organisationId: OTHER }]);

  const grid: [string, Principal, ReturnType<typeof member>, string | null][] = [
    ['organisation administrator → staff member', authorityAdmin, staff, null],
    [
      'organisation administrator → themselves',
      authorityAdmin,
      member('admin', [{ administrator: true }]),
      'own',
    ],
    [
      'organisation administrator → another administrator',
      authorityAdmin,
      fellowAdmin,
      'system_administrator_only',
    ],
    [
      'organisation administrator → member with a role elsewhere',
      authorityAdmin,
      twoJobs,
      'system_administrator_only',
    ],
    [
      'organisation administrator → another organisation’s member',
      authorityAdmin,
      member('x', [{ organisationId: OTHER }]),
      'out_of_scope',
    ],
    ['officer (not administrator) → staff member', officer, staff, 'out_of_scope'],
    ['system administrator → staff member', systemAdmin, staff, null],
    ['system administrator → organisation administrator', systemAdmin, fellowAdmin, null],
    ['system administrator → member with a role elsewhere', systemAdmin, twoJobs, null],
    [
      'system administrator → themselves (also a member)',
      systemAdmin,
      member('sysadmin', [{}, { role: 'system_admin', organisationId: null }]),
      'own',
    ],
    [
      'administrator without two-factor done → staff member',
      { ...authorityAdmin, twoFactorVerified: false },
      staff,
      'out_of_scope',
    ],
  ];
  it.each(grid)('%s', (_label, actor, target, expected) => {
    expect(twoFactorResetRefusal(actor, AUTHORITY, target)).toBe(expected);
  });
});
