import type { Generated, Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

export interface MatchingTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

/** The tables this module owns (declared in its manifest). */
export interface MatchingTables {
  matching: MatchingTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type MatchingDb = Kysely<MatchingTables & ReferenceTables>;
