import type { Role } from '../../platform/authz/catalogue.js';
import { can, canAccess, type Principal, type RoleGrant } from '../../platform/authz/principal.js';

/**
 * Pure can-do functions for an organisation's staff: which roles the caller may give, and whose
 * two-factor authentication they may reset. Passed to templates so that forbidden choices and
 * buttons are never drawn; the services check them again.
 */

/**
 * Roles that only a system administrator gives. An auditor reads the audit trail of a whole
 * jurisdiction, its IP addresses and lookup purposes included: the authority being audited must
 * not choose its own auditors.
 */
export const ROLES_ONLY_A_SYSTEM_ADMINISTRATOR_GIVES: readonly Role[] = ['auditor'];

/**
 * A system administrator, as the catalogue knows one: the only holder of `user.create_officer`
 * (never an API key, which may not hold it), with two-factor authentication done.
 */
export function actsAsSystemAdministrator(principal: Principal): boolean {
  return principal.apiKeyId === null && can(principal, 'user.create_officer');
}

/** May the caller give this role (by invitation or by changing a member's role)? */
export function canGiveRole(principal: Principal, role: Role): boolean {
  return (
    !ROLES_ONLY_A_SYSTEM_ADMINISTRATOR_GIVES.includes(role) || actsAsSystemAdministrator(principal)
  );
}

/** Why the caller may not reset a member's two-factor authentication; null when they may. */
export type TwoFactorResetRefusal =
  /** Nobody resets their own: they use a recovery code, or ask another administrator. */
  | 'own'
  /** Outside the caller's reach (not their organisation's member): "not found". */
  | 'out_of_scope'
  /**
   * The member administers an organisation, or holds a role in another organisation (or is a
   * system administrator): their second factor guards more than this organisation, so only a
   * system administrator resets it.
   */
  | 'system_administrator_only';

/**
 * Who may reset whose two-factor authentication (for staff who lost their phone and their
 * recovery codes): a system administrator resets any member's but their own; an organisation's
 * administrator resets the members of their own organisation who hold no role elsewhere and
 * administer nothing.
 */
export function twoFactorResetRefusal(
  principal: Principal,
  organisationId: string,
  member: {
    userId: string;
    grants: readonly Pick<RoleGrant, 'organisationId' | 'administrator'>[];
  },
): TwoFactorResetRefusal | null {
  if (principal.apiKeyId !== null) return 'out_of_scope';
  if (!canAccess(principal, 'member.update_role', { organisationId })) return 'out_of_scope';
  if (!member.grants.some((grant) => grant.organisationId === organisationId))
    return 'out_of_scope';
  if (principal.userId === member.userId) return 'own';
  if (actsAsSystemAdministrator(principal)) return null;
  const onlyHere = member.grants.every(
    (grant) => grant.organisationId === organisationId && !grant.administrator,
  );
  return onlyHere ? null : 'system_administrator_only';
}
