import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { canApply, isApplicant, organisationReaches } from './applications.policy.js';

function signedIn(role: Role, organisationId: string | null = null, userId = 'u'): Principal {
  const grant = { role, organisationId, countryCode: null, administrator: false };
  return { ...ANONYMOUS, userId, sessionId: 's', grants: [grant], twoFactorVerified: true };
}

const application = {
  seekerUserId: 'seeker',
  agencyOrganisationId: 'agency-1',
  employerOrganisationId: 'employer-1',
};

describe('applications policy', () => {
  it('only a job seeker applies', () => {
    expect(canApply(signedIn('job_seeker'))).toBe(true);
    expect(canApply(signedIn('agency_staff', 'agency-1'))).toBe(false);
    expect(canApply(ANONYMOUS)).toBe(false);
  });

  it('the applicant alone reads their own application as the applicant', () => {
    expect(isApplicant(signedIn('job_seeker', null, 'seeker'), application)).toBe(true);
    expect(isApplicant(signedIn('job_seeker', null, 'someone-else'), application)).toBe(false);
    expect(isApplicant(signedIn('job_seeker', null, 'seeker'), { seekerUserId: null })).toBe(false);
    expect(isApplicant(signedIn('agency_staff', 'agency-1', 'seeker'), application)).toBe(false);
  });

  it('the vacancy’s agency and employer reach it; another organisation does not', () => {
    expect(
      organisationReaches(signedIn('agency_staff', 'agency-1'), 'application.decide', application),
    ).toBe('agency-1');
    expect(
      organisationReaches(
        signedIn('employer_staff', 'employer-1'),
        'application.decide',
        application,
      ),
    ).toBe('employer-1');
    expect(
      organisationReaches(signedIn('agency_staff', 'agency-2'), 'application.read', application),
    ).toBeNull();
    expect(
      organisationReaches(
        signedIn('job_seeker', null, 'seeker'),
        'application.decide',
        application,
      ),
    ).toBeNull();
    expect(
      organisationReaches(signedIn('origin_officer', 'agency-1'), 'application.read', application),
    ).toBeNull();
  });
});
