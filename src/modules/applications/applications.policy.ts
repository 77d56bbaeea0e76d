import type { Permission } from '../../platform/authz/catalogue.js';
import { can, canAccess, type Principal } from '../../platform/authz/principal.js';

/** Pure can-do functions, tested as a role × action grid and passed to the views. */

/** Applying: a job seeker (application.create, own). */
export function canApply(principal: Principal): boolean {
  return can(principal, 'application.create') && principal.userId !== null;
}

/** The applicant's own application. */
export function isApplicant(
  principal: Principal,
  application: { seekerUserId: string | null },
): boolean {
  return (
    application.seekerUserId !== null &&
    principal.userId === application.seekerUserId &&
    canAccess(principal, 'application.read', { userId: application.seekerUserId })
  );
}

/** The organisation working it: the vacancy's agency or employer, with this permission. */
export function organisationReaches(
  principal: Principal,
  permission: Extract<Permission, 'application.read' | 'application.decide'>,
  application: { agencyOrganisationId: string | null; employerOrganisationId: string | null },
): string | null {
  for (const organisationId of [
    application.agencyOrganisationId,
    application.employerOrganisationId,
  ]) {
    if (organisationId && canAccess(principal, permission, { organisationId })) {
      return organisationId;
    }
  }
  return null;
}

/** Whether the principal works any organisation's applicants (the menu, the list). */
export function canWorkApplicants(principal: Principal): boolean {
  return can(principal, 'application.decide');
}
