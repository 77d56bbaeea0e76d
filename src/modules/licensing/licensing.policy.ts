import { can, canAccess, type Principal } from '../../platform/authz/principal.js';
import { allowedFrom } from '../../platform/lifecycle/lifecycle.js';
import { LICENCE_LIFECYCLE, OFFICER_EVENTS, type OfficerEvent } from './licence.lifecycle.js';
import type { LicenceRecord } from './licensing.repository.js';

/**
 * Pure can-do functions for licences and employer vetting, passed to templates so that
 * forbidden buttons are never drawn.
 *
 * The catalogue has no "licence.apply" permission: an agency applies through its own staff,
 * so applying is checked as "holds the agency_staff role for this organisation" (with two-factor
 * authentication done, as for every staff role). Nor does it name putting one's own employer
 * forward for vetting. An API key holds nothing but the catalogue permissions it was given, so
 * no key was ever given these two rights: a key of the agency or the employer reads
 * (licence.read) but does not apply or submit; its staff do, in person.
 */

/** Staff of this organisation in this role: two-factor authentication done, or its API key. */
function staffOf(
  principal: Principal,
  role: 'agency_staff' | 'employer_staff',
  organisationId: string,
): boolean {
  return principal.grants.some(
    (grant) =>
      grant.role === role &&
      grant.organisationId === organisationId &&
      (principal.twoFactorVerified || principal.apiKeyId !== null),
  );
}

export function canDecideLicence(
  principal: Principal,
  licence: Pick<LicenceRecord, 'countryCode'>,
): boolean {
  return canAccess(principal, 'licence.decide', { countryCode: licence.countryCode });
}

/** The agency's staff, or its API key: they see its licences. */
export function actsForAgency(principal: Principal, organisationId: string): boolean {
  return staffOf(principal, 'agency_staff', organisationId);
}

/** The agency's staff in person (not a key: see above) apply for its licence. */
export function canApplyForLicence(principal: Principal, organisationId: string): boolean {
  return principal.apiKeyId === null && actsForAgency(principal, organisationId);
}

/** The agencies the caller works for. */
export function agenciesOf(principal: Principal): string[] {
  return principal.grants
    .filter((grant) => grant.organisationId && actsForAgency(principal, grant.organisationId))
    .map((grant) => grant.organisationId as string);
}

export function canViewLicence(principal: Principal, licence: LicenceRecord): boolean {
  return canDecideLicence(principal, licence) || actsForAgency(principal, licence.organisationId);
}

/** The officer's events that the licence's state allows now (guards are checked on submit). */
export function licenceActions(principal: Principal, licence: LicenceRecord): OfficerEvent[] {
  if (!canDecideLicence(principal, licence)) return [];
  return OFFICER_EVENTS.filter((event) => allowedFrom(LICENCE_LIFECYCLE, licence.state, event));
}

/** The authority that issues the licence: the deciding officer's organisation in that country. */
export function issuingAuthorityFor(principal: Principal, countryCode: string): string | null {
  const grant = principal.grants.find(
    (candidate) => candidate.role === 'origin_officer' && candidate.countryCode === countryCode,
  );
  return grant?.organisationId ?? null;
}

/** An employer as vetting sees it: where it is registered. */
export interface VettedEmployer {
  id: string;
  countryCode: string;
}

/**
 * Employer vetting is an officer's within their jurisdiction, which for an employer is the
 * country it is registered in: the embassy of Kenya in Abu Dhabi (whose country is its host
 * country, the United Arab Emirates) vets employers in the Emirates; a Kenyan authority vets
 * employers in Kenya; nobody vets an employer of a country they do not serve.
 */
export function canVetEmployer(principal: Principal, employer: VettedEmployer): boolean {
  return canAccess(principal, 'employer.vet', { countryCode: employer.countryCode });
}

/** Holds employer.vet at all: the vetting list (which shows only the employers they reach). */
export function canVetEmployers(principal: Principal): boolean {
  return can(principal, 'employer.vet');
}

/** Who sees an employer's vetting: officers who may vet it, and the employer's staff or key. */
export function canSeeEmployerVetting(principal: Principal, employer: VettedEmployer): boolean {
  return canVetEmployer(principal, employer) || staffOf(principal, 'employer_staff', employer.id);
}

/**
 * Who may put an employer forward for vetting: an officer who may vet it (or a key holding
 * employer.vet for its country), or the employer's own staff in person (not its key: see above).
 */
export function canSubmitEmployer(principal: Principal, employer: VettedEmployer): boolean {
  return (
    canVetEmployer(principal, employer) ||
    (principal.apiKeyId === null && staffOf(principal, 'employer_staff', employer.id))
  );
}
