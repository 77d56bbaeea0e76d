import type { Principal } from './principal.js';

/** Who is acting, and on which request: what services need to authorise and to audit. */
export interface ActorContext {
  principal: Principal;
  requestId: string | null;
  ipAddress: string | null;
}

/** The actor as the audit trail records it: the user or key, and the role they acted in. */
export function auditActorOf(principal: Principal): {
  userId: string | null;
  role: string | null;
  organisationId: string | null;
  apiKeyId: string | null;
} {
  const grant = principal.grants[0];
  return {
    userId: principal.userId,
    role: grant?.role ?? null,
    organisationId: grant?.organisationId ?? null,
    apiKeyId: principal.apiKeyId,
  };
}

/** The context of work done by Corridor itself (seeding, scheduled jobs, the CLI). */
export function systemContext(principal: Principal): ActorContext {
  return { principal, requestId: null, ipAddress: null };
}
