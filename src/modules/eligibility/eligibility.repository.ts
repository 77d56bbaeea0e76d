import {
  LifecycleHistoryRepository,
  type LifecycleHistoryRow,
} from '../../platform/lifecycle/lifecycle-history.repository.js';
import type { LifecycleEventRow } from '../../platform/lifecycle/transition.js';
import type { SchemeState } from './scheme.lifecycle.js';
import type { EligibilityDb } from './eligibility.tables.js';

/** The database, or a transaction on it, with this module's tables. */
export type Executor = EligibilityDb;

export interface SchemeRecord {
  id: string;
  slug: string;
  destinationCountry: string;
  organisationId: string;
  state: SchemeState;
  latestVersion: number;
  publishedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VersionRecord {
  schemeId: string;
  version: number;
  /** As stored: the service validates it before use. */
  definition: unknown;
  createdAt: Date;
}

export interface AssessmentRecord {
  code: string;
  schemeId: string;
  version: number;
  answers: unknown;
  total: number;
  eligible: boolean;
  userId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const SCHEME_COLUMNS = [
  'id',
  'slug',
  'destination_country',
  'organisation_id',
  'state',
  'latest_version',
  'published_version',
  'created_at',
  'updated_at',
] as const;

type SchemeRow = {
  id: string;
  slug: string;
  destination_country: string;
  organisation_id: string;
  state: SchemeState;
  latest_version: number;
  published_version: number | null;
  created_at: Date;
  updated_at: Date;
};

function scheme(row: SchemeRow): SchemeRecord {
  return {
    id: row.id,
    slug: row.slug,
    destinationCountry: row.destination_country,
    organisationId: row.organisation_id,
    state: row.state,
    latestVersion: row.latest_version,
    publishedVersion: row.published_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The only SQL of the module, on its own tables. */
export class EligibilityRepository {
  constructor(private readonly db: EligibilityDb) {}

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  /** Published schemes, optionally of one destination, by country then slug. */
  async published(country: string | null): Promise<SchemeRecord[]> {
    let query = this.db
      .selectFrom('eligibility_scheme')
      .select(SCHEME_COLUMNS)
      .where('state', '=', 'published');
    if (country) query = query.where('destination_country', '=', country);
    const rows = await query.orderBy('destination_country').orderBy('slug').execute();
    return rows.map(scheme);
  }

  /** Schemes of these destination countries (every one when `countries` is null). */
  async list(countries: readonly string[] | null): Promise<SchemeRecord[]> {
    if (countries && countries.length === 0) return [];
    let query = this.db.selectFrom('eligibility_scheme').select(SCHEME_COLUMNS);
    if (countries) query = query.where('destination_country', 'in', [...countries]);
    const rows = await query.orderBy('destination_country').orderBy('slug').limit(500).execute();
    return rows.map(scheme);
  }

  async bySlug(slug: string, executor: Executor = this.db): Promise<SchemeRecord | null> {
    const row = await executor
      .selectFrom('eligibility_scheme')
      .select(SCHEME_COLUMNS)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? scheme(row) : null;
  }

  async byId(id: string, executor: Executor = this.db): Promise<SchemeRecord | null> {
    const row = await executor
      .selectFrom('eligibility_scheme')
      .select(SCHEME_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? scheme(row) : null;
  }

  async lock(trx: Executor, id: string): Promise<SchemeRecord | null> {
    await trx
      .selectFrom('eligibility_scheme')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .execute();
    return this.byId(id, trx);
  }

  async slugTaken(executor: Executor, slug: string): Promise<boolean> {
    return !!(await executor
      .selectFrom('eligibility_scheme')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst());
  }

  async version(
    schemeId: string,
    version: number,
    executor: Executor = this.db,
  ): Promise<VersionRecord | null> {
    const row = await executor
      .selectFrom('eligibility_scheme_version')
      .select(['scheme_id', 'version', 'definition', 'created_at'])
      .where('scheme_id', '=', schemeId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row
      ? {
          schemeId: row.scheme_id,
          version: row.version,
          definition: row.definition,
          createdAt: row.created_at,
        }
      : null;
  }

  /** The definitions of these schemes at these versions, keyed `${schemeId}:${version}`. */
  async versions(
    keys: readonly { schemeId: string; version: number }[],
  ): Promise<Map<string, unknown>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('eligibility_scheme_version')
      .select(['scheme_id', 'version', 'definition'])
      .where('scheme_id', 'in', [...new Set(keys.map((k) => k.schemeId))])
      .execute();
    const wanted = new Set(keys.map((k) => `${k.schemeId}:${k.version}`));
    return new Map(
      rows
        .map((row) => [`${row.scheme_id}:${row.version}`, row.definition] as const)
        .filter(([key]) => wanted.has(key)),
    );
  }

  async insertScheme(
    trx: Executor,
    values: {
      slug: string;
      destinationCountry: string;
      organisationId: string;
      state: SchemeState;
    },
  ): Promise<string> {
    const row = await trx
      .insertInto('eligibility_scheme')
      .values({
        slug: values.slug,
        destination_country: values.destinationCountry,
        organisation_id: values.organisationId,
        state: values.state,
        latest_version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async setState(
    trx: Executor,
    id: string,
    values: { state: SchemeState; publishedVersion: number | null; now: Date },
  ): Promise<void> {
    await trx
      .updateTable('eligibility_scheme')
      .set({
        state: values.state,
        published_version: values.publishedVersion,
        updated_at: values.now,
      })
      .where('id', '=', id)
      .execute();
  }

  async insertVersion(
    trx: Executor,
    values: { schemeId: string; version: number; definition: unknown; userId: string | null },
  ): Promise<void> {
    await trx
      .insertInto('eligibility_scheme_version')
      .values({
        scheme_id: values.schemeId,
        version: values.version,
        definition: JSON.stringify(values.definition),
        created_by_user_id: values.userId,
      })
      .execute();
  }

  async setLatestVersion(trx: Executor, id: string, version: number, now: Date): Promise<void> {
    await trx
      .updateTable('eligibility_scheme')
      .set({ latest_version: version, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async insertEvent(trx: Executor, row: LifecycleEventRow & { version: number | null }) {
    await trx
      .insertInto('eligibility_scheme_event')
      .values({
        scheme_id: row.subjectId,
        event: row.event,
        from_state: row.fromState,
        to_state: row.toState,
        version: row.version,
        reason: row.reason,
        actor_user_id: row.actorUserId,
        actor_organisation_id: row.actorOrganisationId,
        actor_role: row.actorRole,
        actor_api_key_id: row.actorApiKeyId,
        occurred_at: row.occurredAt,
      })
      .execute();
  }

  history(schemeId: string): Promise<LifecycleHistoryRow[]> {
    return new LifecycleHistoryRepository(this.db).history(
      { table: 'eligibility_scheme_event', subjectColumn: 'scheme_id', details: ['version'] },
      [schemeId],
    );
  }

  async insertAssessment(
    values: Omit<AssessmentRecord, 'userId' | 'createdAt'> & { now: Date },
  ): Promise<void> {
    await this.db
      .insertInto('eligibility_assessment')
      .values({
        code: values.code,
        scheme_id: values.schemeId,
        version: values.version,
        answers: JSON.stringify(values.answers),
        total: values.total,
        eligible: values.eligible,
        created_at: values.now,
        expires_at: values.expiresAt,
      })
      .execute();
  }

  /** An assessment not yet expired (the purge job may not have run yet). */
  async assessment(code: string, now: Date, executor: Executor = this.db) {
    const row = await executor
      .selectFrom('eligibility_assessment')
      .select([
        'code',
        'scheme_id',
        'version',
        'answers',
        'total',
        'eligible',
        'user_id',
        'created_at',
        'expires_at',
      ])
      .where('code', '=', code)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return null;
    return {
      code: row.code,
      schemeId: row.scheme_id,
      version: row.version,
      answers: row.answers,
      total: row.total,
      eligible: row.eligible,
      userId: row.user_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    } satisfies AssessmentRecord;
  }

  /** Links an unexpired, unlinked assessment to an account; false when there is none. */
  async link(executor: Executor, input: { code: string; userId: string; now: Date }) {
    const result = await executor
      .updateTable('eligibility_assessment')
      .set({ user_id: input.userId, linked_at: input.now })
      .where('code', '=', input.code)
      .where('user_id', 'is', null)
      .where('expires_at', '>', input.now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The assessments carried into this account, newest first. */
  async ofUser(userId: string, executor: Executor = this.db) {
    return executor
      .selectFrom('eligibility_assessment')
      .select(['code', 'scheme_id', 'version', 'total', 'eligible', 'created_at', 'expires_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async deleteOfUser(executor: Executor, userId: string): Promise<number> {
    const result = await executor
      .deleteFrom('eligibility_assessment')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes assessments past their retention; returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('eligibility_assessment')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
