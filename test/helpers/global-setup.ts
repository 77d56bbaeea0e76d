import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import type { TestProject } from 'vitest/node';
import type { Database } from '../../src/database.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { seed } from '../../src/seed.js';
import { adminUrl, templateDatabaseName, withDatabase } from './postgres.js';

/**
 * Builds one migrated database with reference data, once per run: every integration test file
 * then starts from a copy of it (a PGlite dump, or a PostgreSQL template database).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = templateDatabaseName();
    const admin = await openDatabase({ kind: 'postgres', url: adminUrl(url), maxConnections: 1 });
    await admin.kysely.executeQuery(dropDatabase(template));
    await admin.kysely.executeQuery(rawQuery(`create database "${template}"`));
    const db = await openDatabase<Database>({ kind: 'postgres', url: withDatabase(url, template) });
    await migrateToLatest(db.kysely);
    await seed(db.kysely, { demo: false });
    await db.close();
    project.provide('postgresTemplate', template);
    return async () => {
      await admin.kysely.executeQuery(dropDatabase(template));
      await admin.close();
    };
  }

  const db = await openDatabase<Database>({ kind: 'pglite' });
  await migrateToLatest(db.kysely);
  await seed(db.kysely, { demo: false });
  const dump = await db.pglite!.dumpDataDir('gzip');
  await db.close();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-test-'));
  const file = path.join(dir, 'template.tar.gz');
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return async () => fs.rm(dir, { recursive: true, force: true });
}

function rawQuery(text: string) {
  return CompiledQuery.raw(text);
}
function dropDatabase(name: string) {
  return CompiledQuery.raw(`drop database if exists "${name}" with (force)`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
