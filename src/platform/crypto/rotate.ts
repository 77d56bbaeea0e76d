import type { Kysely } from 'kysely';
import { DecryptionError, type FieldCipher } from './field-cipher.js';

/** A text column holding FieldCipher ciphertexts, and the context they were encrypted with. */
export interface EncryptedColumn {
  table: string;
  idColumn: string;
  column: string;
  context: string;
}

export interface RotationResult {
  table: string;
  column: string;
  rotated: number;
}

export class RotationError extends Error {
  constructor(
    readonly table: string,
    readonly column: string,
    readonly id: string,
    cause: DecryptionError,
  ) {
    // The row id and column are enough to find the value; the value itself is never shown.
    super(`Cannot rotate ${table}.${column} of row ${id}: ${cause.reason}`);
    this.name = 'RotationError';
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
// PostgreSQL silently truncates longer names, which would then point at another object.
const MAX_IDENTIFIER_BYTES = 63;

// The columns are named at run time, so their types are not known to Kysely.
type AnyTables = Record<string, Record<string, unknown>>;

/**
 * Re-encrypts under the current key every value of these columns that is under an older key.
 * Run it after putting a new key first in ENCRYPTION_KEYS; once it reports nothing left to do,
 * the old keys can be removed from the configuration.
 *
 * Each batch is its own transaction and locks its rows (FOR UPDATE), so the application can
 * stay up: a row written meanwhile is either already under the current key or waits for the
 * batch. Batches walk the id in order, so every row is visited once per run.
 */
export async function rotateEncryptedColumns(
  db: Kysely<unknown>,
  cipher: FieldCipher,
  columns: EncryptedColumn[],
  options: { batchSize?: number } = {},
): Promise<RotationResult[]> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError('batchSize must be a positive integer');
  }
  for (const target of columns) {
    for (const name of [target.table, target.idColumn, target.column]) checkIdentifier(name);
  }
  // Identifiers are checked above and quoted by Kysely, which is what sql.id would do; the
  // query builder keeps platform/ free of raw SQL (see eslint.config.js).
  const anyDb = db.withTables<AnyTables>();
  const results: RotationResult[] = [];
  for (const target of columns) {
    results.push({
      table: target.table,
      column: target.column,
      rotated: await rotateColumn(anyDb, cipher, target, batchSize),
    });
  }
  return results;
}

async function rotateColumn(
  db: Kysely<AnyTables>,
  cipher: FieldCipher,
  { table, idColumn, column, context }: EncryptedColumn,
  batchSize: number,
): Promise<number> {
  let rotated = 0;
  let lastId: unknown = undefined;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom(table)
        .select([`${idColumn} as id`, `${column} as value`])
        .where(column, 'is not', null)
        // starts_with, not LIKE: a key id may contain "_", which LIKE reads as a wildcard.
        .where((eb) =>
          eb.not(eb.fn<boolean>('starts_with', [eb.ref(column), eb.val(cipher.currentPrefix)])),
        )
        .orderBy(idColumn)
        .limit(batchSize)
        .forUpdate();
      if (lastId !== undefined) query = query.where(idColumn, '>', lastId);
      const rows = await query.execute();
      for (const row of rows) {
        const value = row.value;
        if (typeof value !== 'string') {
          throw new TypeError(`${table}.${column} is not a text column`);
        }
        let plaintext: string;
        try {
          plaintext = cipher.decrypt(value, context);
        } catch (error) {
          if (error instanceof DecryptionError) {
            throw new RotationError(table, column, String(row.id), error);
          }
          throw error;
        }
        await trx
          .updateTable(table)
          .set({ [column]: cipher.encrypt(plaintext, context) })
          .where(idColumn, '=', row.id)
          .execute();
      }
      return { count: rows.length, lastId: rows.at(-1)?.id };
    });
    rotated += batch.count;
    if (batch.count < batchSize) return rotated;
    lastId = batch.lastId;
  }
}

function checkIdentifier(name: string): void {
  if (!IDENTIFIER.test(name) || Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    throw new RangeError(`"${name}" is not a valid table or column name`);
  }
}
