import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Migrator,
  sql,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';

/** Migrations are plain PostgreSQL files, `migrations/<yyyymmddhhmmss>_<name>.sql`. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.sql$/;

export class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly directory: string = MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.directory)).filter((file) => file.endsWith('.sql'));
    const migrations: Record<string, Migration> = {};
    for (const file of files.sort()) {
      if (!MIGRATION_FILE.test(file)) {
        throw new Error(`Migration file name "${file}" must look like 20260101120000_name.sql`);
      }
      const text = await fs.readFile(path.join(this.directory, file), 'utf8');
      migrations[file.slice(0, -'.sql'.length)] = {
        up: async (db) => void (await sql.raw(text).execute(db)),
      };
    }
    return migrations;
  }
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    override readonly cause: unknown,
  ) {
    super(
      `Migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration, each in its own transaction. Returns the names applied. */
export async function migrateToLatest<DB>(db: Kysely<DB>, directory?: string): Promise<string[]> {
  const migrator = new Migrator({
    db: db,
    provider: new SqlFileMigrationProvider(directory),
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? []).map((result) => result.migrationName);
}
