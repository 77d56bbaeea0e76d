import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { onPostgres } from '../../../test/helpers/postgres.js';
import { AuditLog, SYSTEM_ACTOR } from './audit.js';
import {
  AuditRoleError,
  auditPrivileges,
  auditRoleProblem,
  checkAuditRole,
  grantApplicationRole,
} from './audit.role.repository.js';
import type { AuditTables } from './audit.tables.js';

/**
 * The application's own database role (PostgreSQL only: PGlite has one user): it inserts and
 * reads audit events, and is refused everything that could change the past, the triggers
 * included. Run as that role with SET ROLE from the test's (superuser) connection.
 */
describe.skipIf(!onPostgres())('the application role on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Kysely<AuditTables>;
  const role = `corridor_app_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.kysely;
    await sql`create role ${sql.id(role)} nologin`.execute(db);
    await grantApplicationRole(db, role);
  });

  afterAll(async () => {
    await sql`drop owned by ${sql.id(role)}`.execute(db);
    await sql`drop role ${sql.id(role)}`.execute(db);
    await database.close();
  });

  /** Runs `work` as the application role, in a transaction that is rolled back. */
  async function asApp<T>(work: (trx: Kysely<AuditTables>) => Promise<T>): Promise<T> {
    let result: T | undefined;
    class Done extends Error {}
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`set local role ${sql.id(role)}`.execute(trx);
        result = await work(trx);
        throw new Done();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Done)) throw error;
      });
    return result as T;
  }

  it('inserts and reads audit events, and is seen as safe', async () => {
    const count = await asApp(async (trx) => {
      await new AuditLog(trx).record(trx, {
        action: 'vacancy.published',
        actor: SYSTEM_ACTOR,
        subjectType: 'vacancy',
        subjectIds: [randomUUID()],
      });
      const privileges = await auditPrivileges(trx);
      expect(privileges).toMatchObject({ role, superuser: false, ownsTable: false });
      expect(auditRoleProblem(privileges)).toBeNull();
      const rows = await trx.selectFrom('audit_event').select('id').execute();
      return rows.length;
    });
    expect(count).toBeGreaterThan(0);
  });

  it.each([
    ['DELETE', sql`delete from audit_event`, /permission denied/],
    ['UPDATE', sql`update audit_event set purpose = 'covered up'`, /permission denied/],
    ['TRUNCATE', sql`truncate audit_event`, /permission denied/],
    [
      'ALTER TABLE … DISABLE TRIGGER',
      sql`alter table audit_event disable trigger audit_event_append_only`,
      /must be owner/,
    ],
    [
      'ALTER TABLE … DISABLE TRIGGER USER',
      sql`alter table audit_event disable trigger user`,
      /must be owner/,
    ],
    [
      'SET session_replication_role',
      sql`set local session_replication_role = replica`,
      /permission denied/,
    ],
  ])('is refused %s on the audit table', async (_name, statement, message) => {
    await expect(asApp((trx) => statement.execute(trx))).rejects.toThrow(message);
  });

  it('may not change the record of applied migrations', async () => {
    await expect(asApp((trx) => sql`delete from schema_migration`.execute(trx))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('refuses to start in production as the owner or a superuser', async () => {
    const config = { env: 'production', database: { kind: 'postgres' } };
    await expect(checkAuditRole(config, db)).rejects.toBeInstanceOf(AuditRoleError);
    const warnings: string[] = [];
    await checkAuditRole({ ...config, env: 'development' }, db, (line) => warnings.push(line));
    expect(warnings[0]).toMatch(/could switch the audit trail’s triggers off/);
    await asApp((trx) => checkAuditRole(config, trx));
  });
});

describe('the application role check on PGlite', () => {
  it('does nothing: PGlite has a single user', async () => {
    const config = { env: 'production', database: { kind: 'pglite' } };
    // No query is made: a database that would throw is never touched.
    await expect(
      checkAuditRole(config, null as unknown as Kysely<unknown>),
    ).resolves.toBeUndefined();
  });
});
