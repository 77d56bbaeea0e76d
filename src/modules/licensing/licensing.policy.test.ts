import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { LicenceState } from './licence.lifecycle.js';
import {
  actsForAgency,
  canApplyForLicence,
  canDecideLicence,
  canSeeEmployerVetting,
  canSubmitEmployer,
  canVetEmployer,
  canVetEmployers,
  canViewLicence,
  licenceActions,
} from './licensing.policy.js';
import type { LicenceRecord } from './licensing.repository.js';

const AGENCY = 'agency-ke';
const EMPLOYER = { id: 'employer-ae', countryCode: 'AE' };

function principal(
  role: Role,
  organisationId: string | null,
  countryCode: string | null,
): Principal {
  return {
    userId: `user-${role}`,
    apiKeyId: null,
    sessionId: 's',
    grants: [{ role, organisationId, countryCode, administrator: false }],
    permissionLimit: null,
    twoFactorVerified: true,
  };
}

function licence(state: LicenceState): LicenceRecord {
  return {
    id: 'l',
    organisationId: AGENCY,
    organisationName: 'Agency',
    countryCode: 'KE',
    address: null,
    state,
    number: null,
    issuingAuthorityId: null,
    issuingAuthorityName: null,
    validFrom: null,
    validTo: null,
    appliedAt: new Date(),
    updatedAt: new Date(),
  };
}

const grid: [
  string,
  Principal,
  { decide: boolean; view: boolean; agency: boolean; vet: boolean; submit: boolean },
][] = [
  [
    'KE origin officer',
    principal('origin_officer', 'auth-ke', 'KE'),
    { decide: true, view: true, agency: false, vet: false, submit: false },
  ],
  [
    'NP origin officer',
    principal('origin_officer', 'auth-np', 'NP'),
    { decide: false, view: false, agency: false, vet: false, submit: false },
  ],
  [
    'AE origin officer (the employer’s country)',
    principal('origin_officer', 'auth-ae', 'AE'),
    { decide: false, view: false, agency: false, vet: true, submit: true },
  ],
  [
    'officer of an embassy in the employer’s country',
    principal('embassy_officer', 'emb', 'AE'),
    { decide: false, view: false, agency: false, vet: true, submit: true },
  ],
  [
    'officer of an embassy elsewhere',
    principal('embassy_officer', 'emb-sa', 'SA'),
    { decide: false, view: false, agency: false, vet: false, submit: false },
  ],
  [
    'the agency’s staff',
    principal('agency_staff', AGENCY, 'KE'),
    { decide: false, view: true, agency: true, vet: false, submit: false },
  ],
  [
    'another agency’s staff',
    principal('agency_staff', 'other', 'KE'),
    { decide: false, view: false, agency: false, vet: false, submit: false },
  ],
  [
    'the employer’s staff',
    principal('employer_staff', EMPLOYER.id, 'AE'),
    { decide: false, view: false, agency: false, vet: false, submit: true },
  ],
  [
    'destination officer',
    principal('destination_officer', 'dest', 'AE'),
    { decide: false, view: false, agency: false, vet: false, submit: false },
  ],
  [
    'system administrator',
    principal('system_admin', null, null),
    { decide: false, view: false, agency: false, vet: false, submit: false },
  ],
  [
    'job seeker',
    principal('job_seeker', null, null),
    { decide: false, view: false, agency: false, vet: false, submit: false },
  ],
];

describe('licensing policy grid', () => {
  it.each(grid)('%s', (_name, who, expected) => {
    expect({
      decide: canDecideLicence(who, licence('active')),
      view: canViewLicence(who, licence('active')),
      agency: actsForAgency(who, AGENCY),
      vet: canVetEmployer(who, EMPLOYER),
      submit: canSubmitEmployer(who, EMPLOYER),
    }).toEqual(expected);
  });

  it('draws only the actions the state allows, and none for people who cannot decide', () => {
    const officer = grid[0]?.[1] as Principal;
    expect(licenceActions(officer, licence('applied'))).toEqual(['grant', 'refuse']);
    expect(licenceActions(officer, licence('active'))).toEqual(['renew', 'suspend', 'revoke']);
    expect(licenceActions(officer, licence('suspended'))).toEqual(['reinstate', 'revoke']);
    expect(licenceActions(officer, licence('expired'))).toEqual(['renew']);
    expect(licenceActions(officer, licence('revoked'))).toEqual([]);
    expect(licenceActions(officer, licence('refused'))).toEqual([]);
    expect(licenceActions(grid[3]?.[1] as Principal, licence('active'))).toEqual([]);
  });

  it('lets people apply and submit, and never an API key of the agency or the employer', () => {
    const key = (role: Role, organisationId: string, countryCode: string): Principal => ({
      ...principal(role, organisationId, countryCode),
      userId: null,
      apiKeyId: 'key',
      sessionId: null,
      permissionLimit: new Set(['licence.read']),
      twoFactorVerified: false,
    });
    const agencyKey = key('agency_staff', AGENCY, 'KE');
    expect(actsForAgency(agencyKey, AGENCY)).toBe(true);
    expect(canApplyForLicence(agencyKey, AGENCY)).toBe(false);
    expect(canApplyForLicence(principal('agency_staff', AGENCY, 'KE'), AGENCY)).toBe(true);
    expect(canApplyForLicence(principal('agency_staff', 'other', 'KE'), AGENCY)).toBe(false);

    const employerKey = key('employer_staff', EMPLOYER.id, 'AE');
    expect(canSeeEmployerVetting(employerKey, EMPLOYER)).toBe(true);
    expect(canSubmitEmployer(employerKey, EMPLOYER)).toBe(false);
    expect(canSeeEmployerVetting(principal('employer_staff', EMPLOYER.id, 'AE'), EMPLOYER)).toBe(
      true,
    );
    const officerKey = {
      ...key('embassy_officer', 'emb', 'AE'),
      permissionLimit: new Set(['employer.vet'] as const),
    };
    expect(canSubmitEmployer(officerKey, EMPLOYER)).toBe(true);
    expect(canSubmitEmployer(officerKey, { id: 'employer-ke', countryCode: 'KE' })).toBe(false);
    // Holding employer.vet at all opens the vetting list, which shows only the reachable ones.
    expect(canVetEmployers(principal('origin_officer', 'auth-np', 'NP'))).toBe(true);
  });

  it('counts no staff grant before two-factor authentication', () => {
    const staff = { ...principal('agency_staff', AGENCY, 'KE'), twoFactorVerified: false };
    expect(actsForAgency(staff, AGENCY)).toBe(false);
  });
});
