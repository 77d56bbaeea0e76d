import type { Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

/**
 * The demo module owns no table. It loads its data through the other modules' services, in one
 * transaction that it opens on its own database (reference data only) and lends to them: each
 * writes through its own view of it (`ownView` in platform/db/lent-transaction.ts), and the
 * demo's own audit event goes through AuditLog.
 */
export type DemoTables = Record<never, never>;

export type DemoDb = Kysely<DemoTables & ReferenceTables>;
