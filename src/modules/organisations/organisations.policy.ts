import { ROLES_BY_ORGANISATION_KIND, type Role } from '../../platform/authz/catalogue.js';
import { can, canAccess, type Principal } from '../../platform/authz/principal.js';
import type { OrganisationRecord } from './organisations.repository.js';

/** Pure can-do functions for organisations, passed to templates so forbidden buttons are never drawn. */

const ownership = (organisation: OrganisationRecord) => ({
  organisationId: organisation.id,
  countryCode: organisation.countryCode,
});

export function canCreateOrganisation(principal: Principal): boolean {
  return can(principal, 'organisation.create');
}

export function canViewOrganisation(
  principal: Principal,
  organisation: OrganisationRecord,
): boolean {
  return canAccess(principal, 'organisation.read', ownership(organisation));
}

export function canUpdateOrganisation(
  principal: Principal,
  organisation: OrganisationRecord,
): boolean {
  return canAccess(principal, 'organisation.update', { organisationId: organisation.id });
}

export function canViewMembers(principal: Principal, organisation: OrganisationRecord): boolean {
  return canAccess(principal, 'member.read', { organisationId: organisation.id });
}

export function canInviteMembers(principal: Principal, organisation: OrganisationRecord): boolean {
  return canAccess(principal, 'member.invite', { organisationId: organisation.id });
}

export function canManageApiKeys(principal: Principal, organisation: OrganisationRecord): boolean {
  return canAccess(principal, 'api_key.create', { organisationId: organisation.id });
}

/** The roles an organisation of this kind can give its staff. */
export function rolesFor(organisation: Pick<OrganisationRecord, 'kind'>): readonly Role[] {
  return ROLES_BY_ORGANISATION_KIND[organisation.kind];
}

export function policiesFor(principal: Principal, organisation: OrganisationRecord) {
  return {
    update: canUpdateOrganisation(principal, organisation),
    viewMembers: canViewMembers(principal, organisation),
    invite: canInviteMembers(principal, organisation),
    apiKeys: canManageApiKeys(principal, organisation),
    manageMembers: canAccess(principal, 'member.update_role', { organisationId: organisation.id }),
  };
}
