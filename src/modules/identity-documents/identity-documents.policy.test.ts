import { describe, expect, it } from 'vitest';
import { ROLES, type Permission, type Role } from '../../platform/authz/catalogue.js';
import type { Principal } from '../../platform/authz/principal.js';
import {
  canLookUpDocumentsOf,
  canLookUpPeople,
  canManageOwnDocuments,
  canViewOwnDocuments,
} from './identity-documents.policy.js';

function principal(
  role: Role,
  options: { twoFactor?: boolean; apiKey?: Permission[]; country?: string } = {},
): Principal {
  const organisational = role !== 'job_seeker' && role !== 'system_admin';
  return {
    userId: options.apiKey ? null : 'user-1',
    apiKeyId: options.apiKey ? 'key-1' : null,
    sessionId: options.apiKey ? null : 'session-1',
    grants: [
      {
        role,
        organisationId: organisational ? 'org-1' : null,
        countryCode: organisational ? (options.country ?? 'KE') : null,
        administrator: false,
      },
    ],
    permissionLimit: options.apiKey ? new Set(options.apiKey) : null,
    twoFactorVerified: options.twoFactor ?? true,
  };
}

/** Who may do what, role by role (two-factor authentication passed). */
const GRID: Record<Role, { own: boolean; lookUp: boolean }> = {
  system_admin: { own: false, lookUp: false },
  origin_officer: { own: false, lookUp: true },
  destination_officer: { own: false, lookUp: true },
  embassy_officer: { own: false, lookUp: true },
  border_officer: { own: false, lookUp: true },
  agency_staff: { own: false, lookUp: false },
  employer_staff: { own: false, lookUp: false },
  job_seeker: { own: true, lookUp: false },
  analyst: { own: false, lookUp: false },
  auditor: { own: false, lookUp: false },
};

describe('identity document policies', () => {
  it.each(ROLES)('%s', (role) => {
    const actor = principal(role);
    expect({
      own: canViewOwnDocuments(actor) && canManageOwnDocuments(actor),
      lookUp: canLookUpPeople(actor),
    }).toEqual(GRID[role]);
  });

  it('keeps an officer to documents issued by their organisation’s country', () => {
    const kenyan = principal('origin_officer', { country: 'KE' });
    expect(canLookUpDocumentsOf(kenyan, 'KE')).toBe(true);
    expect(canLookUpDocumentsOf(kenyan, 'AE')).toBe(false);
    expect(canLookUpDocumentsOf(principal('embassy_officer', { country: 'AE' }), 'KE')).toBe(false);
    expect(canLookUpDocumentsOf(principal('job_seeker'), 'KE')).toBe(false);
  });

  it('needs two-factor authentication for officers, and person.read on a key', () => {
    expect(canLookUpPeople(principal('border_officer', { twoFactor: false }))).toBe(false);
    expect(canLookUpPeople(principal('origin_officer', { apiKey: ['person.read'] }))).toBe(true);
    expect(canLookUpPeople(principal('origin_officer', { apiKey: ['statistics.read'] }))).toBe(
      false,
    );
    // A key acts for an organisation, never as a person with documents of their own.
    expect(canViewOwnDocuments(principal('origin_officer', { apiKey: ['person.read'] }))).toBe(
      false,
    );
  });
});
