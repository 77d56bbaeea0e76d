import type { Generated, Kysely } from 'kysely';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

export interface ConsentTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  purpose: 'profile.view' | 'profile.contact';
  granted_at: Generated<Date>;
  withdrawn_at: Date | null;
}

/** The consent module's own table: the ledger. */
export interface ConsentTables {
  consent: ConsentTable;
}

/** What the consent module's code sees: its own table and the read-only reference data. */
export type ConsentDb = Kysely<ConsentTables & ReferenceTables>;

/** Another module's transaction lent to this one, seen with this module's tables only. */
export const consentView = ownView<ConsentTables & ReferenceTables>();
