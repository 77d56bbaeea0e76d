import type { OrganisationsDb } from './organisations.tables.js';

export interface ApiKeyRecord {
  id: string;
  organisationId: string;
  name: string;
  prefix: string;
  permissions: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The database or a transaction on it. */
type Executor = OrganisationsDb;

const COLUMNS = [
  'id',
  'organisation_id as organisationId',
  'name',
  'prefix',
  'permissions',
  'created_at as createdAt',
  'last_used_at as lastUsedAt',
  'revoked_at as revokedAt',
] as const;

export class ApiKeysRepository {
  constructor(private readonly db: OrganisationsDb) {}

  list(organisationId: string): Promise<ApiKeyRecord[]> {
    return this.db
      .selectFrom('api_key')
      .select(COLUMNS)
      .where('organisation_id', '=', organisationId)
      .orderBy('revoked_at', (ob) => ob.desc().nullsFirst())
      .orderBy('created_at', 'desc')
      .execute();
  }

  find(organisationId: string, id: string): Promise<ApiKeyRecord | undefined> {
    return this.db
      .selectFrom('api_key')
      .select(COLUMNS)
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A key that is not revoked, by its public prefix, with the hash of its secret. */
  findActiveByPrefix(prefix: string) {
    return this.db
      .selectFrom('api_key')
      .innerJoin('organisation', 'organisation.id', 'api_key.organisation_id')
      .select([
        'api_key.id',
        'api_key.organisation_id as organisationId',
        'api_key.secret_hash as secretHash',
        'api_key.permissions',
        'api_key.last_used_at as lastUsedAt',
        'organisation.kind',
        'organisation.country_code as countryCode',
        'organisation.represented_country_code as representedCountryCode',
      ])
      .where('api_key.prefix', '=', prefix)
      .where('api_key.revoked_at', 'is', null)
      .executeTakeFirst();
  }

  async insert(
    executor: Executor,
    key: {
      organisationId: string;
      name: string;
      prefix: string;
      secretHash: string;
      permissions: string[];
      createdBy: string | null;
    },
  ): Promise<ApiKeyRecord> {
    return executor
      .insertInto('api_key')
      .values({
        organisation_id: key.organisationId,
        name: key.name,
        prefix: key.prefix,
        secret_hash: key.secretHash,
        permissions: key.permissions,
        created_by: key.createdBy,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  }

  async revoke(executor: Executor, id: string, revokedBy: string | null): Promise<boolean> {
    const result = await executor
      .updateTable('api_key')
      .set({ revoked_at: new Date(), revoked_by: revokedBy })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.updateTable('api_key').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  transaction<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
