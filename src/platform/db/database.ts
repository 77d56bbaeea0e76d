import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import {
  DurableNodeFS,
  durableStartParams,
  flushDirectoryTree,
  isNewDataDir,
  pgliteDurability,
  postgresDurability,
  type Durability,
} from './durable-storage.js';
import { PGliteDialect } from './pglite-dialect.js';

/** Where the database lives: a PGlite directory (or a dump to start from), or a server URL. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; maxConnections?: number };

export interface DatabaseHandle<DB> {
  readonly kysely: Kysely<DB>;
  readonly kind: 'pglite' | 'postgres';
  /** The raw PGlite instance, for dumps in tests; undefined on PostgreSQL. */
  readonly pglite: PGlite | undefined;
  readonly ping: () => Promise<void>;
  /** Whether an acknowledged commit survives a power cut, in a sentence (ADR 13). */
  readonly durability: () => Promise<Durability>;
  readonly close: () => Promise<void>;
}

// Type ids: int8 → number (ids and counts stay far below 2^53), numeric → string (exact money),
// date → 'YYYY-MM-DD' string (a calendar date has no time zone). The same on both databases.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);

export async function openDatabase<DB>(target: DatabaseTarget): Promise<DatabaseHandle<DB>> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? 10 });
    const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return handle(kysely, 'postgres', undefined, async () => {
      const { rows } = await sql<{ fsync: string; synchronousCommit: string }>`
        select current_setting('fsync') as fsync,
               current_setting('synchronous_commit') as "synchronousCommit"`.execute(kysely);
      const settings = rows[0];
      if (!settings) throw new Error('PostgreSQL did not report its fsync settings');
      return postgresDurability(settings);
    });
  }

  if (target.dataDir) await fs.mkdir(target.dataDir, { recursive: true });
  const isNew = target.dataDir !== undefined && isNewDataDir(target.dataDir);
  const pglite = await PGlite.create({
    // A directory on disk: the file store, flushed on every commit (ADR 13). Without one
    // (tests only) PGlite keeps it in memory, and flushing would only cost time.
    ...(target.dataDir
      ? {
          dataDir: target.dataDir,
          fs: new DurableNodeFS(target.dataDir),
          startParams: [...durableStartParams],
        }
      : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: {
      [INT8]: (value: string) => Number(value),
      [NUMERIC]: (value: string) => value,
      [DATE]: (value: string) => value,
    },
  });
  if (target.dataDir && isNew) await flushDirectoryTree(target.dataDir);
  const kysely = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return handle(kysely, 'pglite', pglite, () => Promise.resolve(pgliteDurability(target.dataDir)));
}

function handle<DB>(
  kysely: Kysely<DB>,
  kind: 'pglite' | 'postgres',
  pglite: PGlite | undefined,
  durability: () => Promise<Durability>,
): DatabaseHandle<DB> {
  let closed = false;
  return {
    kysely,
    kind,
    pglite,
    durability,
    ping: async () => {
      if (closed) throw new Error('The database is closed');
      await sql`select 1`.execute(kysely);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await kysely.destroy();
    },
  };
}
