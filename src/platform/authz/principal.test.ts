import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ADMINISTRATOR_GRANTS,
  PERMISSIONS,
  ROLES,
  ROLE_GRANTS,
  requiresTwoFactor,
  type Permission,
  type Role,
} from './catalogue.js';
import { renderPermissionsDoc } from './permissions-doc.js';
import {
  ANONYMOUS,
  allowedSubset,
  can,
  canAccess,
  grantedScope,
  scopeFilter,
  type Principal,
} from './principal.js';

function principalWith(
  role: Role,
  options: { twoFactor?: boolean; administrator?: boolean } = {},
): Principal {
  const forOrganisation = role !== 'job_seeker' && role !== 'system_admin';
  return {
    userId: 'user-1',
    apiKeyId: null,
    sessionId: 'session-1',
    grants: [
      {
        role,
        organisationId: forOrganisation ? 'org-1' : null,
        countryCode: forOrganisation ? 'KE' : null,
        administrator: options.administrator ?? false,
      },
    ],
    permissionLimit: null,
    twoFactorVerified: options.twoFactor ?? true,
  };
}

describe('permission matrix: every role × every permission', () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = ROLE_GRANTS[role][permission] !== undefined;
      it(`${role} ${expected ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(principalWith(role), permission)).toBe(expected);
        // Without two-factor authentication, roles that require it hold nothing.
        expect(can(principalWith(role, { twoFactor: false }), permission)).toBe(
          expected && !requiresTwoFactor(role),
        );
        expect(can(ANONYMOUS, permission)).toBe(false);
      });
    }
  }

  it('gives every permission to at least one role', () => {
    const held = new Set([
      ...ROLES.flatMap((role) => Object.keys(ROLE_GRANTS[role])),
      ...Object.keys(ADMINISTRATOR_GRANTS),
    ]);
    expect(PERMISSIONS.filter((permission) => !held.has(permission))).toEqual([]);
  });

  it('docs/permissions.md is generated from the catalogue and up to date (npm run docs:permissions)', () => {
    const doc = fs.readFileSync(new URL('../../../docs/permissions.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderPermissionsDoc());
  });
});

describe('scopes', () => {
  it('limits an officer to their jurisdiction', () => {
    const officer = principalWith('origin_officer');
    expect(canAccess(officer, 'person.read', { countryCode: 'KE' })).toBe(true);
    expect(canAccess(officer, 'person.read', { countryCode: 'PH' })).toBe(false);
    expect(scopeFilter(officer, 'person.read')).toEqual({
      all: false,
      userIds: [],
      organisationIds: [],
      countryCodes: ['KE'],
    });
  });

  it('limits staff to their organisation, and a job seeker to their own records', () => {
    const staff = principalWith('employer_staff');
    expect(canAccess(staff, 'vacancy.update', { organisationId: 'org-1' })).toBe(true);
    expect(canAccess(staff, 'vacancy.update', { organisationId: 'org-2' })).toBe(false);
    const seeker = principalWith('job_seeker');
    expect(canAccess(seeker, 'person.read', { userId: 'user-1' })).toBe(true);
    expect(canAccess(seeker, 'person.read', { userId: 'user-2' })).toBe(false);
  });

  it('gives administrators the organisation-administration permissions, for their organisation only', () => {
    const staff = principalWith('agency_staff');
    const admin = principalWith('agency_staff', { administrator: true });
    expect(can(staff, 'member.invite')).toBe(false);
    expect(canAccess(admin, 'member.invite', { organisationId: 'org-1' })).toBe(true);
    expect(canAccess(admin, 'member.invite', { organisationId: 'org-2' })).toBe(false);
    expect(grantedScope(admin.grants[0]!, 'organisation.read')).toBe('organisation');
  });

  it('returns the allowed subset of a set of records', () => {
    const officer = principalWith('origin_officer');
    const records = [
      { id: 'a', country: 'KE' },
      { id: 'b', country: 'PH' },
      { id: 'c', country: 'KE' },
    ];
    expect(
      allowedSubset(officer, 'person.read', records, (r) => ({ countryCode: r.country })).map(
        (r) => r.id,
      ),
    ).toEqual(['a', 'c']);
  });

  it('holds an API key to its permission list', () => {
    const key: Principal = {
      ...principalWith('employer_staff'),
      userId: null,
      apiKeyId: 'key-1',
      twoFactorVerified: false,
      permissionLimit: new Set<Permission>(['vacancy.create']),
    };
    expect(can(key, 'vacancy.create')).toBe(true);
    expect(can(key, 'vacancy.update')).toBe(false);
    expect(scopeFilter(key, 'vacancy.update')).toBeNull();
  });

  it('unions the scopes of several roles', () => {
    const both: Principal = {
      ...principalWith('system_admin'),
      grants: [...principalWith('system_admin').grants, ...principalWith('origin_officer').grants],
    };
    expect(scopeFilter(both, 'directory.manage')).toEqual({ all: true });
  });
});
