import type { Db } from '../../database.js';
import type { Role } from '../../platform/authz/catalogue.js';
import type { RoleGrant } from '../../platform/authz/principal.js';

/** The database or a transaction on it. */
type Executor = Db;

/** The roles users hold, with each organisation's country (an authority's jurisdiction). */
export class RolesRepository {
  constructor(private readonly db: Db) {}

  async grantsFor(userId: string): Promise<RoleGrant[]> {
    const rows = await this.db
      .selectFrom('role_assignment')
      .leftJoin('organisation', 'organisation.id', 'role_assignment.organisation_id')
      .select([
        'role_assignment.role',
        'role_assignment.organisation_id',
        'role_assignment.administrator',
        'organisation.country_code',
      ])
      .where('role_assignment.user_id', '=', userId)
      .orderBy('role_assignment.created_at')
      .execute();
    return rows.map((row) => ({
      role: row.role,
      organisationId: row.organisation_id,
      countryCode: row.country_code,
      administrator: row.administrator,
    }));
  }

  async assign(
    executor: Executor,
    grant: { userId: string; role: Role; organisationId: string | null; administrator?: boolean },
  ): Promise<void> {
    await executor
      .insertInto('role_assignment')
      .values({
        user_id: grant.userId,
        role: grant.role,
        organisation_id: grant.organisationId,
        administrator: grant.administrator ?? false,
      })
      .execute();
  }

  /** Removes every role the user holds (erasure): the organisations keep their other staff. */
  async removeAll(executor: Executor, userId: string): Promise<void> {
    await executor.deleteFrom('role_assignment').where('user_id', '=', userId).execute();
  }
}
