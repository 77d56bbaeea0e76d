import {
  authorisingGrant,
  canAccess,
  type Ownership,
  type Principal,
} from '../../platform/authz/principal.js';

/**
 * Who keeps the directory (`directory.manage`): the system administrator, every entry;
 * authorities' officers, the entries of their country (jurisdiction); embassy officers, the
 * entries their embassy maintains (organisation), in its host country or the state it
 * represents. Reading the directory is public.
 */
export function canManageDirectory(principal: Principal): boolean {
  return authorisingGrant(principal, 'directory.manage') !== null;
}

/** What a grant must reach to change an entry: who maintains it, and where it is. */
export function entryOwnership(entry: {
  maintainedBy: string | null;
  countryCode: string;
}): Ownership {
  return { organisationId: entry.maintainedBy, countryCode: entry.countryCode };
}

export function canManageEntry(
  principal: Principal,
  entry: { maintainedBy: string | null; countryCode: string },
): boolean {
  return canAccess(principal, 'directory.manage', entryOwnership(entry));
}

/**
 * Whether the caller may add an entry in a country, and the organisation that will maintain
 * it (null: the system administrator's, kept by Corridor's administrators). Undefined: not
 * allowed.
 */
export function maintainerFor(
  principal: Principal,
  countryCode: string,
): { organisationId: string | null } | undefined {
  const wide = authorisingGrant(principal, 'directory.manage', { countryCode });
  if (wide) return { organisationId: wide.grant.organisationId };
  for (const grant of principal.grants) {
    if (!grant.organisationId) continue;
    if (grant.countryCode !== countryCode && grant.representedCountryCode !== countryCode) continue;
    const found = authorisingGrant(principal, 'directory.manage', {
      organisationId: grant.organisationId,
    });
    if (found && found.grant === grant) return { organisationId: grant.organisationId };
  }
  return undefined;
}
