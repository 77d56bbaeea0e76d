import type { Permission } from '../../platform/authz/catalogue.js';
import { canAccess, scopeFilter, type Principal } from '../../platform/authz/principal.js';

/**
 * Pure can-do functions for documents.
 *
 * A job seeker keeps their own ('document.read' own to see them, 'person.update' own to upload
 * and delete). Origin officers read the documents of job seekers who are nationals of their
 * country ('document.read' jurisdiction); nobody else reads anyone's documents, except the
 * organisation working an application the person attached them to (the applications module
 * checks that, then calls `openForApplication`).
 */

function reachesOwn(principal: Principal, permission: Permission): boolean {
  const scope = scopeFilter(principal, permission);
  const userId = principal.userId;
  return scope !== null && userId !== null && (scope.all || scope.userIds.includes(userId));
}

/** Sees their own documents (a person acting for themselves, not a key). */
export function canReadOwnDocuments(principal: Principal): boolean {
  return principal.apiKeyId === null && reachesOwn(principal, 'document.read');
}

/** Uploads and deletes their own documents. */
export function canManageOwnDocuments(principal: Principal): boolean {
  return principal.apiKeyId === null && reachesOwn(principal, 'person.update');
}

/**
 * Reads this person's document: their own, or an officer's whose jurisdiction is the owner's
 * nationality (null when the job-seekers module does not know it: then only the owner).
 */
export function canReadDocumentOf(
  principal: Principal,
  owner: { userId: string; nationality: string | null },
): boolean {
  return canAccess(principal, 'document.read', {
    userId: owner.userId,
    countryCode: owner.nationality ?? undefined,
  });
}
