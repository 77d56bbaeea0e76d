import {
  ADMINISTRATOR_GRANTS,
  ROLE_GRANTS,
  SCOPE_RANK,
  requiresTwoFactor,
  type Permission,
  type Role,
  type Scope,
} from './catalogue.js';

/** One role held by a user, for one organisation (none for job seekers and system admins). */
export interface RoleGrant {
  role: Role;
  organisationId: string | null;
  /** The organisation's country: an authority's jurisdiction; an embassy's host country. */
  countryCode: string | null;
  /**
   * An embassy's own state: it serves that state's nationals in its host country (countryCode).
   * Null or absent for every other organisation, and for an embassy not yet given its state.
   */
  representedCountryCode?: string | null;
  administrator: boolean;
}

/** Who is asking: a signed-in user, an organisation's API key, or nobody. */
export interface Principal {
  userId: string | null;
  apiKeyId: string | null;
  sessionId: string | null;
  grants: RoleGrant[];
  /** An API key holds a subset of its organisation's permissions; null for people. */
  permissionLimit: ReadonlySet<Permission> | null;
  /** True once the user has passed two-factor authentication in this session. */
  twoFactorVerified: boolean;
  /**
   * The permission the request's guard checked (requirePermission sets it): the audit row
   * names the grant that gave it, unless the service names a permission of its own.
   */
  authorisedBy?: Permission;
}

export const ANONYMOUS: Principal = {
  userId: null,
  apiKeyId: null,
  sessionId: null,
  grants: [],
  permissionLimit: null,
  twoFactorVerified: false,
};

/** What a list query may return: everything, or records matching any of these owners. */
export type ScopeFilter =
  | { all: true }
  | { all: false; userIds: string[]; organisationIds: string[]; countryCodes: string[] };

/** The owner of a record, as far as permissions care. */
export interface Ownership {
  userId?: string | null;
  organisationId?: string | null;
  countryCode?: string | null;
}

export function grantedScope(grant: RoleGrant, permission: Permission): Scope | undefined {
  const fromRole = ROLE_GRANTS[grant.role][permission];
  const fromAdmin = grant.administrator ? ADMINISTRATOR_GRANTS[permission] : undefined;
  if (!fromRole) return fromAdmin;
  if (!fromAdmin) return fromRole;
  return SCOPE_RANK[fromRole] >= SCOPE_RANK[fromAdmin] ? fromRole : fromAdmin;
}

/** A grant counts only when two-factor authentication is done where its role requires it. */
function activeGrants(principal: Principal): RoleGrant[] {
  if (principal.apiKeyId) return principal.grants;
  return principal.grants.filter(
    (grant) => !requiresTwoFactor(grant.role) || principal.twoFactorVerified,
  );
}

function limited(principal: Principal, permission: Permission): boolean {
  return principal.permissionLimit !== null && !principal.permissionLimit.has(permission);
}

export function can(principal: Principal, permission: Permission): boolean {
  if (limited(principal, permission)) return false;
  return activeGrants(principal).some((grant) => grantedScope(grant, permission) !== undefined);
}

/** The records a principal reaches with a permission: the union of its grants' scopes. */
export function scopeFilter(principal: Principal, permission: Permission): ScopeFilter | null {
  if (limited(principal, permission)) return null;
  const filter = {
    all: false as const,
    userIds: [] as string[],
    organisationIds: [] as string[],
    countryCodes: [] as string[],
  };
  let any = false;
  for (const grant of activeGrants(principal)) {
    const scope = grantedScope(grant, permission);
    if (!scope) continue;
    if (scope === 'all') return { all: true };
    any = true;
    if (scope === 'own' && principal.userId) filter.userIds.push(principal.userId);
    if (scope === 'organisation' && grant.organisationId)
      filter.organisationIds.push(grant.organisationId);
    if (scope === 'jurisdiction' && grant.countryCode) filter.countryCodes.push(grant.countryCode);
  }
  return any ? filter : null;
}

export function canAccess(
  principal: Principal,
  permission: Permission,
  record: Ownership,
): boolean {
  const filter = scopeFilter(principal, permission);
  if (!filter) return false;
  if (filter.all) return true;
  return (
    (!!record.userId && filter.userIds.includes(record.userId)) ||
    (!!record.organisationId && filter.organisationIds.includes(record.organisationId)) ||
    (!!record.countryCode && filter.countryCodes.includes(record.countryCode))
  );
}

/** A grant and the scope at which it gives a permission. */
export interface AuthorisingGrant {
  grant: RoleGrant;
  permission: Permission;
  scope: Scope;
}

/**
 * The grant a permission check uses: among the active grants that give the permission (and,
 * given a record, reach it), the one with the widest scope; the first of those on a tie. Null
 * when no grant gives it. What the audit row records as the actor's role and organisation.
 */
export function authorisingGrant(
  principal: Principal,
  permission: Permission,
  record?: Ownership,
): AuthorisingGrant | null {
  if (limited(principal, permission)) return null;
  let best: AuthorisingGrant | null = null;
  for (const grant of activeGrants(principal)) {
    const scope = grantedScope(grant, permission);
    if (!scope) continue;
    if (record && !reaches(principal, grant, scope, record)) continue;
    if (!best || SCOPE_RANK[scope] > SCOPE_RANK[best.scope]) best = { grant, permission, scope };
  }
  return best;
}

function reaches(principal: Principal, grant: RoleGrant, scope: Scope, record: Ownership) {
  switch (scope) {
    case 'all':
      return true;
    case 'own':
      return !!record.userId && record.userId === principal.userId;
    case 'organisation':
      return !!record.organisationId && record.organisationId === grant.organisationId;
    case 'jurisdiction':
      return !!record.countryCode && record.countryCode === grant.countryCode;
  }
}

/** Record checks take a set and return the allowed subset. */
export function allowedSubset<T>(
  principal: Principal,
  permission: Permission,
  records: readonly T[],
  ownership: (record: T) => Ownership,
): T[] {
  return records.filter((record) => canAccess(principal, permission, ownership(record)));
}
