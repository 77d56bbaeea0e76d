import { licenceAsOf } from './licence.as-of.js';
import type { LicenceState } from './licence.lifecycle.js';

/**
 * Where an agency stands with its licence on a day, for other modules (job orders, the public
 * vacancy search): the one definition of "agency licensed today".
 */
export type AgencyStatus = 'licensed' | Exclude<LicenceState, 'active'> | 'none';

export interface AgencyStanding {
  organisationId: string;
  /** May recruit on that day: its latest licence is active and the day is not past its end. */
  licensed: boolean;
  /** Why not, when not: 'expired' for a licence active or suspended past its last day. */
  status: AgencyStatus;
  validTo: string | null;
}

/** The latest licence of an agency (an agency holds at most one open licence at a time). */
export interface LatestLicence {
  organisationId: string;
  state: LicenceState;
  validTo: string | null;
}

/**
 * Pure: the standing on `on` ('YYYY-MM-DD') of an agency whose latest licence is `licence`,
 * read as it stands that day (licence.as-of.ts: active or suspended past its last day is
 * expired), so that the licence pages and the job orders' check say the same.
 */
export function standingOf(
  organisationId: string,
  licence: LatestLicence | null,
  on: string,
): AgencyStanding {
  if (!licence) return { organisationId, licensed: false, status: 'none', validTo: null };
  const { state, validTo } = licenceAsOf(licence, on);
  if (state === 'active') return { organisationId, licensed: true, status: 'licensed', validTo };
  return { organisationId, licensed: false, status: state, validTo };
}
