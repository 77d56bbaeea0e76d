import type { Permission } from '../../platform/authz/catalogue.js';
import { scopeFilter, type Principal } from '../../platform/authz/principal.js';

/**
 * Pure can-do functions for identity documents.
 *
 * A person keeps their own documents ('person.read' and 'person.update' with the "own" scope).
 * Officers look people up by document ('person.read' with the "jurisdiction" scope). An
 * officer's jurisdiction is their organisation's country, and a person is within it when the
 * document's issuing country is that country: a Kenyan authority finds holders of documents
 * issued by Kenya, whatever their nationality or where they live. Every other answer is "No
 * person found", the same as for a number nobody holds.
 */

function reachesOwn(principal: Principal, permission: Permission): boolean {
  const scope = scopeFilter(principal, permission);
  const userId = principal.userId;
  return scope !== null && userId !== null && (scope.all || scope.userIds.includes(userId));
}

/** Sees their own documents (people acting for themselves, not keys or officers). */
export function canViewOwnDocuments(principal: Principal): boolean {
  return reachesOwn(principal, 'person.read');
}

export function canManageOwnDocuments(principal: Principal): boolean {
  return reachesOwn(principal, 'person.update');
}

/**
 * Looks people up by document: holds 'person.read' beyond their own record, i.e. over a
 * jurisdiction (or everything). A job seeker's "own" scope does not count.
 */
export function canLookUpPeople(principal: Principal): boolean {
  const scope = scopeFilter(principal, 'person.read');
  return scope !== null && (scope.all || scope.countryCodes.length > 0);
}

/** Whether a document issued by this country is within the principal's jurisdiction. */
export function canLookUpDocumentsOf(principal: Principal, issuingCountry: string): boolean {
  const scope = scopeFilter(principal, 'person.read');
  return scope !== null && (scope.all || scope.countryCodes.includes(issuingCountry));
}
