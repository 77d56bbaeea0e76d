import type { AuditActor } from '../audit/audit.js';
import type { Permission } from './catalogue.js';
import { authorisingGrant, type Ownership, type Principal } from './principal.js';

/** Who is acting, and on which request: what services need to authorise and to audit. */
export interface ActorContext {
  principal: Principal;
  requestId: string | null;
  ipAddress: string | null;
}

/**
 * The actor as the audit trail records it: the user or key, and the grant that allowed the
 * action (role, organisation and its country, permission, scope). The permission is the one
 * the service names (with the record, when the grant must reach it: a user with roles in two
 * organisations acted through the one that owns the record), else the one the request's guard
 * checked. With neither, only a principal with a single grant names it: of several, none is
 * guessed.
 */
export function auditActorOf(
  principal: Principal,
  used: { permission: Permission; record?: Ownership } | null = null,
): AuditActor {
  const permission = used?.permission ?? principal.authorisedBy ?? null;
  const actor = { userId: principal.userId, apiKeyId: principal.apiKeyId };
  if (permission) {
    const found = authorisingGrant(principal, permission, used?.record);
    return {
      ...actor,
      role: found?.grant.role ?? null,
      organisationId: found?.grant.organisationId ?? null,
      countryCode: found?.grant.countryCode ?? null,
      permission,
      scope: found?.scope ?? null,
    };
  }
  const only = principal.grants.length === 1 ? principal.grants[0] : undefined;
  return {
    ...actor,
    role: only?.role ?? null,
    organisationId: only?.organisationId ?? null,
    countryCode: only?.countryCode ?? null,
    permission: null,
    scope: null,
  };
}

/** The context of work done by Corridor itself (seeding, scheduled jobs, the CLI). */
export function systemContext(principal: Principal): ActorContext {
  return { principal, requestId: null, ipAddress: null };
}
