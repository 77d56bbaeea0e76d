import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from '../../database.js';
import type { BulkWriter } from '../../platform/db/copy.js';
import { BATCH_TABLES, COLUMNS, toCopyRows, type VacancyBatch } from './rows.js';

export type Executor = Kysely<Database> | Transaction<Database>;

/** Where generated vacancies go: one call per batch, one transaction per call. */
export interface BatchSink {
  write(batch: VacancyBatch): Promise<void>;
}

/**
 * COPY, one transaction per batch. With `trustedReferences`, foreign-key triggers are skipped
 * for the transaction (session_replication_role = replica, which needs a superuser): every id
 * the generator writes was read from the database in the same run or created by it, and
 * checking ~15 references per vacancy row by row would make the load several times slower.
 * Check constraints, NOT NULL and unique indexes still apply.
 */
export function copySink(writer: BulkWriter, options: { trustedReferences: boolean }): BatchSink {
  return {
    write: (batch) =>
      writer.transaction(async (session) => {
        if (options.trustedReferences) {
          await session.execute('set local session_replication_role = replica');
        }
        for (const table of BATCH_TABLES) {
          await session.copyRows(table, COLUMNS[table], toCopyRows(batch[table], COLUMNS[table]));
        }
      }),
  };
}

/** Whether this session may skip triggers (superusers only). */
export async function canSkipTriggers(db: Db): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) =>
      eb.fn<string>('current_setting', [eb.val('is_superuser')]).as('is_superuser'),
    )
    .executeTakeFirst();
  return row?.is_superuser === 'on';
}

/**
 * Multi-row INSERTs in one transaction, for small sets (the demo) and where COPY is not at hand.
 */
export function insertSink(db: Db): BatchSink {
  return { write: (batch) => db.transaction().execute((trx) => insertBatch(trx, batch)) };
}

/**
 * About 2,000 parameters a statement: far under PostgreSQL's 65,535, and PGlite takes several
 * statements of this size faster than one big one (200 demo vacancies: ~150 ms against ~650 ms).
 */
const PARAMETERS_PER_STATEMENT = 2_000;

/** The batch's rows, inserted with the caller's executor (a transaction, usually). */
export async function insertBatch(executor: Executor, batch: VacancyBatch): Promise<void> {
  for (const table of BATCH_TABLES) {
    const rows = batch[table];
    const chunk = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / COLUMNS[table].length));
    for (let start = 0; start < rows.length; start += chunk) {
      await executor
        .insertInto(table)
        .values(rows.slice(start, start + chunk))
        .execute();
    }
  }
}
