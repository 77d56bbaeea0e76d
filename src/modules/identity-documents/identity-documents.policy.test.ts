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
  options: {
    twoFactor?: boolean;
    apiKey?: Permission[];
    country?: string;
    represents?: string | null;
  } = {},
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
        representedCountryCode: role === 'embassy_officer' ? (options.represents ?? 'KE') : null,
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

  it('keeps an authority’s officer to documents issued by their organisation’s country', () => {
    const kenyan = principal('origin_officer', { country: 'KE' });
    expect(canLookUpDocumentsOf(kenyan, 'KE')).toBe(true);
    expect(canLookUpDocumentsOf(kenyan, 'AE')).toBe(false);
    const emirati = principal('destination_officer', { country: 'AE' });
    expect(canLookUpDocumentsOf(emirati, 'AE')).toBe(true);
    expect(canLookUpDocumentsOf(emirati, 'KE')).toBe(false);
    expect(canLookUpDocumentsOf(principal('job_seeker'), 'KE')).toBe(false);
  });

  it('keeps an embassy’s officer to its own state’s nationals, never its host country’s', () => {
    // The embassy of Kenya in Abu Dhabi: host country AE, represents KE.
    const embassy = principal('embassy_officer', { country: 'AE', represents: 'KE' });
    expect(canLookUpDocumentsOf(embassy, 'KE')).toBe(true);
    expect(canLookUpDocumentsOf(embassy, 'AE')).toBe(false);
    expect(canLookUpDocumentsOf(embassy, 'NP')).toBe(false);
    const nepal = principal('embassy_officer', { country: 'AE', represents: 'NP' });
    expect(canLookUpDocumentsOf(nepal, 'NP')).toBe(true);
    expect(canLookUpDocumentsOf(nepal, 'KE')).toBe(false);
    // Its key the same.
    const key = principal('embassy_officer', {
      country: 'AE',
      represents: 'KE',
      apiKey: ['person.read'],
    });
    expect(canLookUpDocumentsOf(key, 'KE')).toBe(true);
    expect(canLookUpDocumentsOf(key, 'AE')).toBe(false);
    // An embassy not yet given its state reaches nobody (it may still open the lookup).
    const unset = principal('embassy_officer', { country: 'AE', represents: '' });
    expect(canLookUpPeople(unset)).toBe(true);
    for (const country of ['AE', 'KE']) expect(canLookUpDocumentsOf(unset, country)).toBe(false);
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
