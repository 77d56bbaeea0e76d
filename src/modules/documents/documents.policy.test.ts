import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import {
  canManageOwnDocuments,
  canReadDocumentOf,
  canReadOwnDocuments,
} from './documents.policy.js';

function signedIn(role: Role, countryCode: string | null = null, userId = 'u'): Principal {
  const grant = { role, organisationId: null, countryCode, administrator: false };
  return { ...ANONYMOUS, userId, sessionId: 's', grants: [grant], twoFactorVerified: true };
}

const seeker = signedIn('job_seeker', null, 'seeker');
const owner = { userId: 'seeker', nationality: 'KE' };

describe('documents policy', () => {
  it('lets a job seeker read and manage their own documents, and nobody else', () => {
    expect(canReadOwnDocuments(seeker)).toBe(true);
    expect(canManageOwnDocuments(seeker)).toBe(true);
    expect(canReadOwnDocuments(ANONYMOUS)).toBe(false);
    expect(canManageOwnDocuments(ANONYMOUS)).toBe(false);
    expect(canReadOwnDocuments(signedIn('origin_officer', 'KE'))).toBe(false);
  });

  it("reads a person's document: the owner, and origin officers of their nationality only", () => {
    expect(canReadDocumentOf(seeker, owner)).toBe(true);
    expect(canReadDocumentOf(signedIn('job_seeker', null, 'other'), owner)).toBe(false);
    expect(canReadDocumentOf(signedIn('origin_officer', 'KE'), owner)).toBe(true);
    expect(canReadDocumentOf(signedIn('origin_officer', 'NP'), owner)).toBe(false);
    expect(
      canReadDocumentOf(signedIn('origin_officer', 'KE'), { ...owner, nationality: null }),
    ).toBe(false);
    for (const role of ['destination_officer', 'embassy_officer', 'agency_staff'] as const) {
      expect(canReadDocumentOf(signedIn(role, 'KE'), owner)).toBe(false);
    }
    expect(canReadDocumentOf(ANONYMOUS, owner)).toBe(false);
  });
});
