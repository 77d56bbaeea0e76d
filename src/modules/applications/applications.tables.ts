import type { Generated, Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

export interface ApplicationsTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

/** The tables this module owns (declared in its manifest). */
export interface ApplicationsTables {
  application: ApplicationsTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type ApplicationsDb = Kysely<ApplicationsTables & ReferenceTables>;
