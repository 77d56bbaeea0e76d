import type { Generated, Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

export interface NotificationsTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

/** The tables this module owns (declared in its manifest). */
export interface NotificationsTables {
  notification: NotificationsTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type NotificationsDb = Kysely<NotificationsTables & ReferenceTables>;
