import type { Generated, Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

/**
 * An invitation to apply: an employer's or agency's staff member asked a matching candidate to
 * apply to a vacancy (issue 15). One per vacancy and person, however often the button is pressed.
 */
export interface MatchingInvitationTable {
  id: Generated<string>;
  vacancy_id: string;
  vacancy_number: number;
  user_id: string;
  /** The organisation that invited (the vacancy's employer or its agency). */
  organisation_id: string;
  /** Who invited: a staff member in the pages, or the organisation's API key. */
  invited_by_user_id: string | null;
  invited_by_api_key_id: string | null;
  created_at: Generated<Date>;
}

/** The tables this module owns (declared in its manifest). */
export interface MatchingTables {
  matching_invitation: MatchingInvitationTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type MatchingDb = Kysely<MatchingTables & ReferenceTables>;
