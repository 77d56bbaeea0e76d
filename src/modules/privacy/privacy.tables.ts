import type { Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

/**
 * The privacy module owns no table: the data is each module's (PersonalDataProvider), the
 * access log is the audit trail's (AuditLog). Its database is the read-only reference data, on
 * which it opens the erasure's one transaction and hands it on to every provider.
 */
export type PrivacyTables = Record<never, never>;

export type PrivacyDb = Kysely<PrivacyTables & ReferenceTables>;
