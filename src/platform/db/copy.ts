import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle } from './database.js';

/**
 * Bulk writes with COPY, on both backends: PGlite reads the rows from a Blob
 * (`COPY … FROM '/dev/blob'`), PostgreSQL from a stream (`COPY … FROM STDIN`, pg-copy-streams).
 * Rows go in PostgreSQL's text format, escaped here, so that any text (quotes, tabs, line
 * breaks, backslashes, any script) survives the round trip. Used by data generators and bulk
 * loads; application writes go through repositories.
 */

export type CopyValue = string | number | boolean | Date | null;
export type CopyRow = readonly CopyValue[];

export interface CopySession {
  /** COPY the rows into `table`; returns how many were written. */
  copyRows(table: string, columns: readonly string[], rows: readonly CopyRow[]): Promise<number>;
  /** One statement without parameters in the same transaction (e.g. SET LOCAL). */
  execute(statement: string): Promise<void>;
}

export interface BulkWriter {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: everything it copies is committed together, or nothing. */
  transaction<T>(work: (session: CopySession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Strings are cut into pieces of about this size so that no single string grows huge. */
const CHUNK_CHARS = 1 << 20;

export class CopyEncodingError extends Error {}

/** One value in COPY text format: `\N` for null, backslash escapes for the rest. */
export function encodeCopyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CopyEncodingError(`Cannot copy the number ${value}`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CopyEncodingError('Cannot copy an invalid date');
    return value.toISOString();
  }
  // Only the backslash, the delimiter (tab) and line ends are special in text format; NUL
  // cannot be stored at all.
  return SPECIAL.test(value) ? value.replace(SPECIALS, escapeSpecial) : value;
}

const SPECIAL = /[\\\t\n\r\0]/;
const SPECIALS = /[\\\t\n\r\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function escapeSpecial(character: string): string {
  const escaped = ESCAPES[character];
  if (escaped === undefined) {
    throw new CopyEncodingError('PostgreSQL text cannot hold the character U+0000');
  }
  return escaped;
}

/** The rows as COPY text, in pieces of about a megabyte. */
export function encodeCopyRows(rows: readonly CopyRow[], width: number): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (const row of rows) {
    if (row.length !== width) {
      throw new CopyEncodingError(`A row has ${row.length} values for ${width} columns`);
    }
    let line = '';
    for (let i = 0; i < row.length; i += 1) {
      if (i > 0) line += '\t';
      line += encodeCopyValue(row[i] ?? null);
    }
    chunk += line + '\n';
    if (chunk.length >= CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

function copyTarget(table: string, columns: readonly string[]): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new CopyEncodingError(`"${name}" is not a plain name`);
  }
  return `${table} (${columns.join(', ')})`;
}

/**
 * A bulk writer for the handle's database. PostgreSQL needs `url`: COPY streams on a client of
 * its own, outside the handle's pool.
 */
export async function openBulkWriter<DB>(
  handle: DatabaseHandle<DB>,
  options: { url?: string } = {},
): Promise<BulkWriter> {
  if (handle.kind === 'pglite') {
    const pglite = handle.pglite;
    if (!pglite) throw new Error('The PGlite handle has no PGlite instance');
    return {
      kind: 'pglite',
      // Holding a Kysely connection keeps the handle's own queries out of the transaction;
      // pglite.transaction() keeps PGlite from syncing to disk after every statement.
      transaction: (work) =>
        handle.kysely.connection().execute(() =>
          pglite.transaction(async (tx) =>
            work({
              copyRows: async (table, columns, rows) => {
                if (rows.length === 0) return 0;
                const blob = new Blob(encodeCopyRows(rows, columns.length));
                await tx.query(`copy ${copyTarget(table, columns)} from '/dev/blob'`, [], { blob });
                return rows.length;
              },
              execute: async (statement) => void (await tx.exec(statement)),
            }),
          ),
        ),
      close: async () => {},
    };
  }

  if (!options.url) throw new Error('COPY on PostgreSQL needs the database URL');
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const session: CopySession = {
    copyRows: async (table, columns, rows) => {
      if (rows.length === 0) return 0;
      const stream = client.query(copyFrom(`copy ${copyTarget(table, columns)} from stdin`));
      await pipeline(Readable.from(encodeCopyRows(rows, columns.length)), stream);
      return rows.length;
    },
    execute: async (statement) => void (await client.query(statement)),
  };
  return {
    kind: 'postgres',
    transaction: async (work) => {
      await client.query('begin');
      try {
        const result = await work(session);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    },
    close: () => client.end(),
  };
}
