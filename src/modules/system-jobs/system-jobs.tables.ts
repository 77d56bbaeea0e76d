import type { Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

/**
 * The system-jobs module owns no table: the job tables are the platform's (platform/jobs),
 * read and written only through its `Jobs` and `JobsRepository`.
 */
export type SystemJobsTables = Record<never, never>;

export type SystemJobsDb = Kysely<SystemJobsTables & ReferenceTables>;
