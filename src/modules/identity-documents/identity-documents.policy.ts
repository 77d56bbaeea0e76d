import type { Permission } from '../../platform/authz/catalogue.js';
import { scopeFilter, type Principal } from '../../platform/authz/principal.js';

/**
 * Pure can-do functions for identity documents.
 *
 * A person keeps their own documents ('person.read' and 'person.update' with the "own" scope).
 * Officers look people up by document ('person.read' with the "jurisdiction" scope), and who is
 * within an officer's jurisdiction depends on the organisation (DESIGN.md §4):
 *
 * - an authority's (origin, destination) and a border agency's jurisdiction is its country: a
 *   person is within it when the document's issuing country is that country (a Kenyan
 *   authority finds holders of documents issued by Kenya);
 * - an embassy serves its own state's nationals in its host country: a person is within it
 *   when the document was issued by the state the embassy represents (the embassy of Kenya in
 *   Abu Dhabi finds holders of Kenyan documents, never of Emirati ones). Corridor does not yet
 *   record where a person is, so the host country narrows nothing for people today; an embassy
 *   not yet given its state reaches nobody.
 *
 * Every other answer is "No person found", the same as for a number nobody holds.
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

/** The documents an officer reaches: every one, or those issued by these countries. */
export type DocumentReach = { all: true } | { all: false; issuingCountries: string[] };

/**
 * Whose documents the principal may look up, grant by grant (each grant's own scope, with
 * two-factor authentication and an API key's permissions taken into account by scopeFilter).
 * Null when 'person.read' reaches no one beyond the principal's own record.
 */
export function documentReach(principal: Principal): DocumentReach | null {
  const issuingCountries = new Set<string>();
  let any = false;
  for (const grant of principal.grants) {
    const scope = scopeFilter({ ...principal, grants: [grant] }, 'person.read');
    if (!scope) continue;
    if (scope.all) return { all: true };
    if (scope.countryCodes.length === 0) continue; // "own": the person's own record only
    any = true;
    if (grant.role === 'embassy_officer') {
      if (grant.representedCountryCode) issuingCountries.add(grant.representedCountryCode);
    } else {
      for (const code of scope.countryCodes) issuingCountries.add(code);
    }
  }
  return any ? { all: false, issuingCountries: [...issuingCountries] } : null;
}

/**
 * Looks people up by document: holds 'person.read' beyond their own record, i.e. over a
 * jurisdiction (or everything). A job seeker's "own" scope does not count.
 */
export function canLookUpPeople(principal: Principal): boolean {
  return documentReach(principal) !== null;
}

/** Whether a document issued by this country is within the principal's jurisdiction. */
export function canLookUpDocumentsOf(principal: Principal, issuingCountry: string): boolean {
  const reach = documentReach(principal);
  return reach !== null && (reach.all || reach.issuingCountries.includes(issuingCountry));
}
