import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../db/database.js';

/**
 * The database role Corridor runs as, on PostgreSQL (ADR 4). The owner of the tables can
 * switch the audit table's triggers off and rewrite the past; a superuser can too. So the
 * application connects as a role of its own (DATABASE_URL) that may read and insert audit
 * events and nothing more on that table, while migrations and reference data, which change
 * the schema, run as the owner (DATABASE_OWNER_URL). PGlite, in one process with one user,
 * has no such separation: its anchors are what protect it.
 */

/** What the connected role may do to audit_event. */
export interface AuditPrivileges {
  role: string;
  owner: string;
  superuser: boolean;
  /** The role is the owner or a member of it: it can disable the triggers. */
  ownsTable: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  canTruncate: boolean;
}

export async function auditPrivileges<DB>(db: Kysely<DB>): Promise<AuditPrivileges> {
  const { rows } = await sql<{
    role: string;
    owner: string;
    superuser: boolean;
    owns_table: boolean;
    can_update: boolean;
    can_delete: boolean;
    can_truncate: boolean;
  }>`
    select current_user::text as role,
           pg_get_userbyid(c.relowner)::text as owner,
           r.rolsuper as superuser,
           pg_has_role(current_user, c.relowner, 'MEMBER') as owns_table,
           has_table_privilege(c.oid, 'UPDATE') as can_update,
           has_table_privilege(c.oid, 'DELETE') as can_delete,
           has_table_privilege(c.oid, 'TRUNCATE') as can_truncate
      from pg_class c
      join pg_roles r on r.rolname = current_user
     where c.oid = 'audit_event'::regclass
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error('No audit_event table: run the migrations first');
  return {
    role: row.role,
    owner: row.owner,
    superuser: row.superuser,
    ownsTable: row.owns_table,
    canUpdate: row.can_update,
    canDelete: row.can_delete,
    canTruncate: row.can_truncate,
  };
}

/** Null when the role can only read and insert audit events; otherwise what it can do. */
export function auditRoleProblem(privileges: AuditPrivileges): string | null {
  const powers = [
    privileges.superuser && 'is a superuser',
    privileges.ownsTable && `owns the audit table (as ${privileges.owner})`,
    privileges.canUpdate && 'may UPDATE it',
    privileges.canDelete && 'may DELETE from it',
    privileges.canTruncate && 'may TRUNCATE it',
  ].filter((power): power is string => typeof power === 'string');
  if (powers.length === 0) return null;
  return (
    `the database role "${privileges.role}" ${powers.join(', ')}, so it could switch the ` +
    'audit trail’s triggers off or rewrite it. Run Corridor as a role of its own: ' +
    'DATABASE_OWNER_URL for the owner (migrations), DATABASE_URL for the application role ' +
    '(see docs/security.md, "The database role")'
  );
}

export class AuditRoleError extends Error {
  constructor(problem: string) {
    super(`Corridor will not start in production: ${problem}.`);
    this.name = 'AuditRoleError';
  }
}

/**
 * What the application role may do, granted by the owner after every migration (new tables
 * included): read and write every table, except that the audit trail may only be read and
 * appended to, and the migrations' own tables only read.
 */
export async function grantApplicationRole<DB>(owner: Kysely<DB>, role: string): Promise<void> {
  const app = sql.id(role);
  await owner.transaction().execute(async (trx) => {
    await sql`grant usage on schema public to ${app}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema public to ${app}`.execute(
      trx,
    );
    await sql`grant usage, select on all sequences in schema public to ${app}`.execute(trx);
    await sql`revoke update, delete, truncate, references, trigger on audit_event from ${app}`.execute(
      trx,
    );
    await sql`revoke insert, update, delete, truncate on schema_migration, schema_migration_lock from ${app}`.execute(
      trx,
    );
  });
}

/**
 * Runs `work` (migrations, reference data) on the owner's connection when DATABASE_OWNER_URL
 * is set, then grants the application role (DATABASE_URL's user) what it needs; otherwise on
 * the application's own connection, as a single-role installation always has.
 */
export async function asOwner<DB, T>(
  target: { kind: 'pglite' } | { kind: 'postgres'; ownerUrl?: string },
  app: Kysely<DB>,
  work: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (target.kind !== 'postgres' || !target.ownerUrl) return work(app);
  const owner = await openDatabase<DB>({
    kind: 'postgres',
    url: target.ownerUrl,
    maxConnections: 2,
  });
  try {
    const result = await work(owner.kysely);
    const { rows } = await sql<{ role: string }>`select current_user::text as role`.execute(app);
    const role = rows[0]?.role;
    if (role) await grantApplicationRole(owner.kysely, role);
    return result;
  } finally {
    await owner.close();
  }
}

/**
 * At start, on PostgreSQL: refuses in production, and warns in development, when the
 * application's role could change the audit trail.
 */
export async function checkAuditRole<DB>(
  config: { env: string; database: { kind: string } },
  db: Kysely<DB>,
  warn: (message: string) => void = (message) => console.warn(message),
): Promise<void> {
  if (config.database.kind !== 'postgres') return;
  const problem = auditRoleProblem(await auditPrivileges(db));
  if (!problem) return;
  if (config.env === 'production') throw new AuditRoleError(problem);
  if (config.env === 'development') warn(`Warning: ${problem}.`);
}
