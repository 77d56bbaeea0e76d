import type { Ownership, Principal } from '../../platform/authz/principal.js';
import { can, scopeFilter } from '../../platform/authz/principal.js';

/**
 * Pure can-do functions, tested as a role × action grid and passed to the views.
 *
 * An officer holding `abuse_report.triage` (origin, destination and embassy officers, each in
 * their jurisdiction: the country of their organisation, for an embassy its host country)
 * reaches a report that is about an organisation in that country, or happened there, or was
 * escalated there; and a report assigned or escalated to their own organisation.
 */

/** Where a report belongs, as far as permissions care. */
export interface ReportPlace {
  subjectCountryCode: string | null;
  occurredCountryCode: string;
  escalatedCountryCode: string | null;
  assignedOrganisationId: string | null;
  escalatedOrganisationId: string | null;
}

export function canTriageReports(principal: Principal): boolean {
  return can(principal, 'abuse_report.triage');
}

/** The record a grant must reach for this report (for the audit row's grant), or null. */
export function reachingOwnership(principal: Principal, report: ReportPlace): Ownership | null {
  const filter = scopeFilter(principal, 'abuse_report.triage');
  if (!filter) return null;
  const countries = [
    report.subjectCountryCode,
    report.occurredCountryCode,
    report.escalatedCountryCode,
  ].filter((code): code is string => code !== null);
  if (filter.all) return { countryCode: countries[0] ?? null };
  const country = countries.find((code) => filter.countryCodes.includes(code));
  if (country) return { countryCode: country };
  const organisation = [report.assignedOrganisationId, report.escalatedOrganisationId].find(
    (id) => id !== null && filter.organisationIds.includes(id),
  );
  return organisation ? { organisationId: organisation } : null;
}

export function canHandleReport(principal: Principal, report: ReportPlace): boolean {
  return reachingOwnership(principal, report) !== null;
}
