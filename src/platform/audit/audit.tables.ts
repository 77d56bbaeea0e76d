import type { ColumnType, GeneratedAlways } from 'kysely';
import type { JsonObject } from './canonical-json.js';

/**
 * audit_event rows. Every column's update type is `never`: the table is append-only (a
 * trigger refuses UPDATE, DELETE and TRUNCATE), and the types say so before the database does.
 */
type Immutable<Select, Insert = Select> = ColumnType<Select, Insert, never>;

export interface AuditEventTable {
  id: GeneratedAlways<number>;
  // Always written by AuditLog (not left to the column default): the time is hashed content.
  occurred_at: Immutable<Date>;
  actor_user_id: Immutable<string | null>;
  actor_role: Immutable<string | null>;
  actor_organisation_id: Immutable<string | null>;
  api_key_id: Immutable<string | null>;
  /** The grant the action was allowed by: permission, scope, and its organisation's country. */
  actor_permission: Immutable<string | null>;
  actor_scope: Immutable<string | null>;
  actor_country_code: Immutable<string | null>;
  action: Immutable<string>;
  subject_type: Immutable<string>;
  subject_ids: Immutable<string[]>;
  data_subject_user_id: Immutable<string | null>;
  purpose: Immutable<string | null>;
  request_id: Immutable<string | null>;
  ip_address: Immutable<string | null>;
  // Inserted as JSON text: the pg driver would turn a top-level JS array into a PostgreSQL array.
  before: Immutable<JsonObject | null, string | null>;
  after: Immutable<JsonObject | null, string | null>;
  prev_hash: Immutable<string>;
  hash: Immutable<string>;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}
