import type { Generated, Kysely } from 'kysely';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

export interface ConsentTable {
  id: Generated<string>;
  user_id: string;
  /** Null for a visibility consent ('profile.visible'), which names a destination instead. */
  organisation_id: string | null;
  purpose: 'profile.view' | 'profile.contact' | 'profile.visible';
  destination_country: string | null;
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
