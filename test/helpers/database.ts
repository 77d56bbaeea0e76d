import fs from 'node:fs/promises';
import { CompiledQuery } from 'kysely';
import { inject } from 'vitest';
import type { Database } from '../../src/database.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { adminUrl, testDatabaseName, withDatabase } from './postgres.js';

export type TestDatabase = DatabaseHandle<Database>;

/**
 * A fresh database for one test file, migrated and holding the reference data: a copy of the
 * template that the global setup built. PGlite by default; PostgreSQL when DATABASE_URL is set.
 * Call `close()` in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dump = await fs.readFile(inject('pgliteTemplate'));
    return openDatabase<Database>({ kind: 'pglite', loadDataDir: new Blob([dump]) });
  }
  const name = testDatabaseName();
  const admin = await openDatabase({ kind: 'postgres', url: adminUrl(url), maxConnections: 1 });
  await admin.kysely.executeQuery(
    CompiledQuery.raw(`create database "${name}" template "${inject('postgresTemplate')}"`),
  );
  const handle = await openDatabase<Database>({ kind: 'postgres', url: withDatabase(url, name) });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      // pg's pool.end() resolves before its sockets close: wait for the backends to go, so that
      // the forced drop below does not kill them mid-flight.
      await admin.kysely.executeQuery(
        CompiledQuery.raw(
          `do $$ begin for i in 1..250 loop exit when not exists (select from pg_stat_activity where datname = '${name}'); perform pg_sleep(0.02); end loop; end $$`,
        ),
      );
      await admin.kysely.executeQuery(
        CompiledQuery.raw(`drop database if exists "${name}" with (force)`),
      );
      await admin.close();
    },
  };
}
