import type { Permission, Role } from '../../platform/authz/catalogue.js';
import { canAccess, scopeFilter, type Principal } from '../../platform/authz/principal.js';
import type { VacancyRecord } from './job-orders.repository.js';
import {
  allowedFrom,
  OFFICER_EVENTS,
  OWNER_EVENTS,
  type OfficerEvent,
  type OwnerEvent,
} from './vacancy.states.js';

/**
 * Who may do what with a job order. Owners are the staff of the employer or of the recruiting
 * agency (vacancy.update, organisation scope); deciders are origin officers of the country the
 * workers are recruited from (vacancy.decide, jurisdiction scope). Anyone else gets "not found".
 */

export interface ActingOrganisation {
  organisationId: string;
  role: Extract<Role, 'employer_staff' | 'agency_staff'>;
}

/** The organisations the caller may create job orders for, employers and agencies alike. */
export function actingOrganisations(principal: Principal): ActingOrganisation[] {
  if (!scopeFilter(principal, 'vacancy.create')) return [];
  const staffActive = principal.twoFactorVerified || principal.apiKeyId !== null;
  if (!staffActive) return [];
  return principal.grants.flatMap((grant) =>
    (grant.role === 'employer_staff' || grant.role === 'agency_staff') && grant.organisationId
      ? [{ organisationId: grant.organisationId, role: grant.role }]
      : [],
  );
}

/** The permission each owner event needs (an API key may hold some and not others). */
export const OWNER_EVENT_PERMISSION: Record<OwnerEvent, Permission> = {
  update: 'vacancy.update',
  submit: 'vacancy.submit',
  withdraw: 'vacancy.submit',
  publish: 'vacancy.submit',
  fill_position: 'vacancy.update',
  close: 'vacancy.close',
};
const OWNER_PERMISSIONS: readonly Permission[] = [
  'vacancy.create',
  'vacancy.update',
  'vacancy.submit',
  'vacancy.close',
];

/**
 * Whether the caller answers for the job order: a job order brought by an agency belongs to
 * the agency (the employer sees it but the agency answers for it). With `permission`, whether
 * they hold that one for it; without, any of the owner's permissions.
 */
export function owns(
  principal: Principal,
  vacancy: Pick<VacancyRecord, 'employerId' | 'agencyId'>,
  permission?: Permission,
) {
  const organisationId = vacancy.agencyId ?? vacancy.employerId;
  return (permission ? [permission] : OWNER_PERMISSIONS).some((held) =>
    canAccess(principal, held, { organisationId }),
  );
}

export function seesAsEmployer(principal: Principal, vacancy: Pick<VacancyRecord, 'employerId'>) {
  return owns(principal, { employerId: vacancy.employerId, agencyId: null });
}

export function canDecide(principal: Principal, vacancy: Pick<VacancyRecord, 'originCountry'>) {
  return canAccess(principal, 'vacancy.decide', { countryCode: vacancy.originCountry });
}

/**
 * A draft is its authors' (and the employer it names): the officers who decide see a job order
 * once it is submitted, and again each time it is (a withdrawn or corrected one is a draft).
 */
export function canView(principal: Principal, vacancy: VacancyRecord): boolean {
  return (
    owns(principal, vacancy) ||
    seesAsEmployer(principal, vacancy) ||
    (vacancy.state !== 'draft' && canDecide(principal, vacancy))
  );
}

export function ownerActions(principal: Principal, vacancy: VacancyRecord): OwnerEvent[] {
  return OWNER_EVENTS.filter(
    (event) =>
      allowedFrom(vacancy.state, event) && owns(principal, vacancy, OWNER_EVENT_PERMISSION[event]),
  );
}

export function officerActions(principal: Principal, vacancy: VacancyRecord): OfficerEvent[] {
  if (!canDecide(principal, vacancy)) return [];
  return OFFICER_EVENTS.filter((event) => allowedFrom(vacancy.state, event));
}

/** Setting minimum wages: origin officers, for their own country. */
export function canSetMinimumWage(principal: Principal, originCountry: string): boolean {
  return canAccess(principal, 'minimum_wage.manage', { countryCode: originCountry });
}
