import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { isUrgent } from './abuse-report.lifecycle.js';
import { canHandleReport, canTriageReports, type ReportPlace } from './abuse-reports.policy.js';

function officer(role: Role, countryCode: string | null = 'KE'): Principal {
  const grant = { role, organisationId: 'org-1', countryCode, administrator: false };
  return { ...ANONYMOUS, userId: 'u', sessionId: 's', grants: [grant], twoFactorVerified: true };
}

const report = (overrides: Partial<ReportPlace> = {}): ReportPlace => ({
  subjectCountryCode: 'KE',
  occurredCountryCode: 'AE',
  escalatedCountryCode: null,
  assignedOrganisationId: null,
  escalatedOrganisationId: null,
  ...overrides,
});

// The role × action grid: who may triage at all, and whose reports they reach.
describe('abuse-reports policy', () => {
  it('lets origin, destination and embassy officers triage; nobody else', () => {
    const allowed = ROLES.filter((role) => canTriageReports(officer(role)));
    expect(allowed).toEqual(['origin_officer', 'destination_officer', 'embassy_officer']);
    expect(canTriageReports(ANONYMOUS)).toBe(false);
  });

  it('reaches a report about an organisation in, or happening in, the officer’s country', () => {
    expect(canHandleReport(officer('origin_officer', 'KE'), report())).toBe(true);
    expect(canHandleReport(officer('destination_officer', 'AE'), report())).toBe(true);
    expect(canHandleReport(officer('embassy_officer', 'AE'), report())).toBe(true);
    expect(canHandleReport(officer('origin_officer', 'NP'), report())).toBe(false);
    expect(canHandleReport(officer('job_seeker', 'KE'), report())).toBe(false);
  });

  it('reaches a report escalated to the officer’s country', () => {
    const escalated = report({
      subjectCountryCode: 'KE',
      occurredCountryCode: 'KE',
      escalatedCountryCode: 'QA',
    });
    expect(canHandleReport(officer('destination_officer', 'QA'), escalated)).toBe(true);
    expect(
      canHandleReport(officer('destination_officer', 'QA'), {
        ...escalated,
        escalatedCountryCode: null,
      }),
    ).toBe(false);
  });

  it('refuses an officer before two-factor authentication', () => {
    expect(
      canHandleReport({ ...officer('origin_officer'), twoFactorVerified: false }, report()),
    ).toBe(false);
  });
});

describe('urgency', () => {
  it('flags any indicator, or the trafficking category', () => {
    expect(isUrgent({ categories: ['illegal_fees'], indicators: [] })).toBe(false);
    expect(isUrgent({ categories: ['illegal_fees'], indicators: ['debt'] })).toBe(true);
    expect(isUrgent({ categories: ['trafficking'], indicators: [] })).toBe(true);
  });
});
