import type { Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

/**
 * The audit-trail module owns no table: audit_event is the platform's (platform/audit), read
 * and written only through AuditLog. Its database is the read-only reference data, on which it
 * opens the transaction that records a verification (AuditLog writes the event in it).
 */
export type AuditTrailTables = Record<never, never>;

export type AuditTrailDb = Kysely<AuditTrailTables & ReferenceTables>;
