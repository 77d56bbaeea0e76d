import type { Kysely, Transaction } from 'kysely';
import { organisationsView, type OrganisationsDb } from './organisations.tables.js';
import type { Role } from '../../platform/authz/catalogue.js';
import type { RoleGrant } from '../../platform/authz/principal.js';

/** The database or a transaction on it. */
type Executor = OrganisationsDb;

/**
 * The roles users hold, with each organisation's country (an authority's jurisdiction) and,
 * for an embassy, the state it represents.
 */
export class RolesRepository {
  constructor(private readonly db: OrganisationsDb) {}

  async grantsFor(userId: string): Promise<RoleGrant[]> {
    const rows = await this.db
      .selectFrom('role_assignment')
      .leftJoin('organisation', 'organisation.id', 'role_assignment.organisation_id')
      .select([
        'role_assignment.role',
        'role_assignment.organisation_id',
        'role_assignment.administrator',
        'organisation.country_code',
        'organisation.represented_country_code',
      ])
      .where('role_assignment.user_id', '=', userId)
      .orderBy('role_assignment.created_at')
      .execute();
    return rows.map((row) => ({
      role: row.role,
      organisationId: row.organisation_id,
      countryCode: row.country_code,
      representedCountryCode: row.represented_country_code,
      administrator: row.administrator,
    }));
  }

  /**
   * Inside the caller's transaction, which may be another module's (accounts opens an account
   * with its role in one): seen here with this module's tables only.
   */
  async assign<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    grant: { userId: string; role: Role; organisationId: string | null; administrator?: boolean },
  ): Promise<void> {
    await organisationsView(executor)
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

  /** The roles a user holds in one organisation. */
  async inOrganisation(userId: string, organisationId: string) {
    return this.db
      .selectFrom('role_assignment')
      .select(['id', 'role', 'administrator'])
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .execute();
  }

  async countAdministrators(executor: Executor, organisationId: string): Promise<number> {
    const row = await executor
      .selectFrom('role_assignment')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('organisation_id', '=', organisationId)
      .where('administrator', '=', true)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Replaces a member's roles in an organisation with one role. */
  async replaceInOrganisation(
    executor: Executor,
    grant: { userId: string; organisationId: string; role: Role; administrator: boolean },
  ): Promise<void> {
    await this.removeFromOrganisation(executor, grant.userId, grant.organisationId);
    await this.assign(executor, grant);
  }

  /**
   * The organisations of which this user is the only administrator, by name: erasing them
   * would leave those organisations without one. Inside an erasure's transaction, call
   * `lockAdministeredBy` first, so that two administrators erasing themselves at once cannot
   * both pass.
   */
  async soleAdministrations(
    userId: string,
    executor: Executor = this.db,
  ): Promise<{ organisationId: string; organisationName: string }[]> {
    return executor
      .selectFrom('role_assignment as mine')
      .innerJoin('organisation', 'organisation.id', 'mine.organisation_id')
      .select(['organisation.id as organisationId', 'organisation.name as organisationName'])
      .distinct()
      .where('mine.user_id', '=', userId)
      .where('mine.administrator', '=', true)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('role_assignment as other')
              .select('other.id')
              .whereRef('other.organisation_id', '=', 'mine.organisation_id')
              .where('other.administrator', '=', true)
              .where('other.user_id', '<>', userId),
          ),
        ),
      )
      .orderBy('organisation.name')
      .execute();
  }

  /** Locks the organisations this user administers until the transaction ends. */
  async lockAdministeredBy(executor: Executor, userId: string): Promise<void> {
    await executor
      .selectFrom('organisation')
      .select('organisation.id')
      .where('organisation.id', 'in', (eb) =>
        eb
          .selectFrom('role_assignment')
          .select('role_assignment.organisation_id')
          .where('role_assignment.user_id', '=', userId)
          .where('role_assignment.administrator', '=', true)
          .where('role_assignment.organisation_id', 'is not', null)
          .$narrowType<{ organisation_id: string }>(),
      )
      .forUpdate()
      .execute();
  }

  async removeFromOrganisation(
    executor: Executor,
    userId: string,
    organisationId: string,
  ): Promise<number> {
    const result = await executor
      .deleteFrom('role_assignment')
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
