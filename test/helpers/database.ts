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
      await admin.kysely.executeQuery(
        CompiledQuery.raw(`drop database if exists "${name}" with (force)`),
      );
      await admin.close();
    },
  };
}
