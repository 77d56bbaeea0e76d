import { sql } from 'kysely';
import {
  LifecycleHistoryRepository,
  type LifecycleEventTable,
  type LifecycleHistoryRow,
} from '../../platform/lifecycle/lifecycle-history.repository.js';
import type { LifecycleEventRow } from '../../platform/lifecycle/transition.js';
import type { GuideState } from './guide.lifecycle.js';
import type { GuideTopic } from './guide.topics.js';
import type { GuideSource, GuidesDb } from './guides.tables.js';

/** The database, or a transaction on it, with this module's tables. */
export type Executor = GuidesDb;

export interface GuideRecord {
  id: string;
  countryCode: string;
  topic: GuideTopic;
  language: string;
  organisationId: string;
  state: GuideState;
  latestVersion: number;
  publishedVersion: number | null;
  submittedVersion: number | null;
  submittedByUserId: string | null;
  /** 'YYYY-MM-DD', or null before the first publication. */
  verifiedOn: string | null;
  publishedAt: Date | null;
  staleNotifiedAt: Date | null;
  createdAt: Date;
}

export interface GuideContent {
  title: string;
  summary: string;
  body: string;
  sources: GuideSource[];
}

export interface VersionRecord extends GuideContent {
  guideId: string;
  number: number;
  createdByUserId: string | null;
  createdAt: Date;
}

/** A published guide with the text readers see. */
export interface PublishedGuide extends GuideRecord {
  version: VersionRecord;
}

export const GUIDE_EVENT_TABLE: LifecycleEventTable = {
  table: 'guide_event',
  subjectColumn: 'guide_id',
  details: ['version'],
};

/** The guide's fields that the lifecycle's writer sets. */
export interface StateWrite {
  state: GuideState;
  latestVersion?: number;
  publishedVersion?: number | null;
  submittedVersion?: number | null;
  submittedByUserId?: string | null;
  verifiedOn?: string | null;
  publishedAt?: Date | null;
}

function guideQuery(executor: Executor) {
  return executor
    .selectFrom('guide')
    .select([
      'guide.id',
      'guide.country_code',
      'guide.topic',
      'guide.language',
      'guide.organisation_id',
      'guide.state',
      'guide.latest_version',
      'guide.published_version',
      'guide.submitted_version',
      'guide.submitted_by_user_id',
      sql<string | null>`to_char(guide.verified_on, 'YYYY-MM-DD')`.as('verified_on'),
      'guide.published_at',
      'guide.stale_notified_at',
      'guide.created_at',
    ]);
}

type GuideRow = Awaited<ReturnType<ReturnType<typeof guideQuery>['executeTakeFirstOrThrow']>>;

function toGuide(row: GuideRow): GuideRecord {
  return {
    id: row.id,
    countryCode: row.country_code,
    topic: row.topic as GuideTopic,
    language: row.language,
    organisationId: row.organisation_id,
    state: row.state as GuideState,
    latestVersion: row.latest_version,
    publishedVersion: row.published_version,
    submittedVersion: row.submitted_version,
    submittedByUserId: row.submitted_by_user_id,
    verifiedOn: row.verified_on,
    publishedAt: row.published_at,
    staleNotifiedAt: row.stale_notified_at,
    createdAt: row.created_at,
  };
}

function versionQuery(executor: Executor) {
  return executor
    .selectFrom('guide_version')
    .select([
      'guide_version.guide_id',
      'guide_version.number',
      'guide_version.title',
      'guide_version.summary',
      'guide_version.body',
      'guide_version.sources',
      'guide_version.created_by_user_id',
      'guide_version.created_at',
    ]);
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['executeTakeFirstOrThrow']>>;

function toVersion(row: VersionRow): VersionRecord {
  const sources: unknown = typeof row.sources === 'string' ? JSON.parse(row.sources) : row.sources;
  return {
    guideId: row.guide_id,
    number: row.number,
    title: row.title,
    summary: row.summary,
    body: row.body,
    sources: Array.isArray(sources) ? (sources as GuideSource[]) : [],
    createdByUserId: row.created_by_user_id,
    createdAt: row.created_at,
  };
}

/** Readers see a guide that has a published version and is not withdrawn. */
const VISIBLE = sql<boolean>`guide.published_version is not null and guide.state <> 'withdrawn'`;

/** The only SQL of the module, on its own tables. */
export class GuidesRepository {
  constructor(private readonly db: GuidesDb) {}

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  async find(id: string, executor: Executor = this.db): Promise<GuideRecord | null> {
    const row = await guideQuery(executor).where('guide.id', '=', id).executeTakeFirst();
    return row ? toGuide(row) : null;
  }

  async lock(trx: Executor, id: string): Promise<GuideRecord | null> {
    await trx.selectFrom('guide').select('id').where('id', '=', id).forUpdate().execute();
    return this.find(id, trx);
  }

  async findByKey(
    key: { countryCode: string; topic: string; language: string },
    executor: Executor = this.db,
  ): Promise<GuideRecord | null> {
    const row = await guideQuery(executor)
      .where('guide.country_code', '=', key.countryCode)
      .where('guide.topic', '=', key.topic)
      .where('guide.language', '=', key.language)
      .executeTakeFirst();
    return row ? toGuide(row) : null;
  }

  /** The organisation that keeps the other languages of this country's topic, if any. */
  async keeperOf(
    key: { countryCode: string; topic: string },
    executor: Executor = this.db,
  ): Promise<string | null> {
    const row = await executor
      .selectFrom('guide')
      .select('organisation_id')
      .where('country_code', '=', key.countryCode)
      .where('topic', '=', key.topic)
      .orderBy('created_at')
      .executeTakeFirst();
    return row?.organisation_id ?? null;
  }

  async insertGuide(
    trx: Executor,
    guide: { countryCode: string; topic: string; language: string; organisationId: string },
  ): Promise<string> {
    const row = await trx
      .insertInto('guide')
      .values({
        country_code: guide.countryCode,
        topic: guide.topic,
        language: guide.language,
        organisation_id: guide.organisationId,
        state: 'draft',
        latest_version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async writeState(trx: Executor, id: string, write: StateWrite): Promise<void> {
    await trx
      .updateTable('guide')
      .set({
        state: write.state,
        ...(write.latestVersion !== undefined ? { latest_version: write.latestVersion } : {}),
        ...(write.publishedVersion !== undefined
          ? { published_version: write.publishedVersion }
          : {}),
        ...(write.submittedVersion !== undefined
          ? { submitted_version: write.submittedVersion }
          : {}),
        ...(write.submittedByUserId !== undefined
          ? { submitted_by_user_id: write.submittedByUserId }
          : {}),
        ...(write.verifiedOn !== undefined ? { verified_on: write.verifiedOn } : {}),
        ...(write.publishedAt !== undefined ? { published_at: write.publishedAt } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Versions are only ever inserted: a change is a new row. */
  async insertVersion(
    trx: Executor,
    version: GuideContent & { guideId: string; number: number; userId: string | null; at: Date },
  ): Promise<void> {
    await trx
      .insertInto('guide_version')
      .values({
        guide_id: version.guideId,
        number: version.number,
        title: version.title,
        summary: version.summary,
        body: version.body,
        sources: JSON.stringify(version.sources),
        created_by_user_id: version.userId,
        created_at: version.at,
      })
      .execute();
  }

  async version(
    guideId: string,
    number: number,
    executor: Executor = this.db,
  ): Promise<VersionRecord | null> {
    const row = await versionQuery(executor)
      .where('guide_version.guide_id', '=', guideId)
      .where('guide_version.number', '=', number)
      .executeTakeFirst();
    return row ? toVersion(row) : null;
  }

  /** Every version of a guide, newest first, without their bodies. */
  async versions(guideId: string): Promise<Omit<VersionRecord, 'body'>[]> {
    const rows = await versionQuery(this.db)
      .where('guide_version.guide_id', '=', guideId)
      .orderBy('guide_version.number', 'desc')
      .execute();
    return rows.map((row) => {
      const version: Partial<VersionRecord> = toVersion(row);
      delete version.body;
      return version as Omit<VersionRecord, 'body'>;
    });
  }

  async insertEvent(trx: Executor, event: LifecycleEventRow & { version: number | null }) {
    await trx
      .insertInto('guide_event')
      .values({
        guide_id: event.subjectId,
        version: event.version,
        event: event.event,
        from_state: event.fromState,
        to_state: event.toState,
        reason: event.reason,
        actor_user_id: event.actorUserId,
        actor_organisation_id: event.actorOrganisationId,
        actor_role: event.actorRole,
        actor_api_key_id: event.actorApiKeyId,
        occurred_at: event.occurredAt,
      })
      .execute();
  }

  history(guideId: string): Promise<LifecycleHistoryRow[]> {
    return new LifecycleHistoryRepository(this.db).history(GUIDE_EVENT_TABLE, [guideId]);
  }

  /** The countries with at least one guide readers see. */
  async publishedCountries(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('guide')
      .select('country_code')
      .distinct()
      .where(VISIBLE)
      .orderBy('country_code')
      .execute();
    return rows.map((row) => row.country_code);
  }

  /**
   * The guides readers see, of a country (every topic) or of one topic, in every language, with
   * their published text (the body only when asked for).
   */
  async published(filter: {
    countryCode?: string;
    topic?: string;
    withBody: boolean;
  }): Promise<PublishedGuide[]> {
    let query = guideQuery(this.db)
      .innerJoin('guide_version', (join) =>
        join
          .onRef('guide_version.guide_id', '=', 'guide.id')
          .onRef('guide_version.number', '=', 'guide.published_version'),
      )
      .select([
        'guide_version.title',
        'guide_version.summary',
        'guide_version.sources',
        'guide_version.created_by_user_id',
        'guide_version.created_at as version_created_at',
        'guide_version.number as version_number',
      ])
      .where(VISIBLE);
    if (filter.withBody) query = query.select('guide_version.body');
    if (filter.countryCode) query = query.where('guide.country_code', '=', filter.countryCode);
    if (filter.topic) query = query.where('guide.topic', '=', filter.topic);
    const rows = await query.orderBy('guide.country_code').orderBy('guide.topic').execute();
    return rows.map((row) => ({
      ...toGuide(row),
      version: toVersion({
        guide_id: row.id,
        number: row.version_number,
        title: row.title,
        summary: row.summary,
        body: 'body' in row && typeof row.body === 'string' ? row.body : '',
        sources: row.sources,
        created_by_user_id: row.created_by_user_id,
        created_at: row.version_created_at,
      }),
    }));
  }

  /** Guides kept by these organisations (or all), with their latest title, for editors. */
  async kept(
    organisationIds: readonly string[] | 'all',
  ): Promise<(GuideRecord & { title: string })[]> {
    if (organisationIds !== 'all' && organisationIds.length === 0) return [];
    let query = guideQuery(this.db)
      .innerJoin('guide_version', (join) =>
        join
          .onRef('guide_version.guide_id', '=', 'guide.id')
          .onRef('guide_version.number', '=', 'guide.latest_version'),
      )
      .select('guide_version.title');
    if (organisationIds !== 'all')
      query = query.where('guide.organisation_id', 'in', [...organisationIds]);
    const rows = await query
      .orderBy('guide.country_code')
      .orderBy('guide.topic')
      .orderBy('guide.language')
      .execute();
    return rows.map((row) => ({ ...toGuide(row), title: row.title }));
  }

  /**
   * Published guides last verified before `verifiedBefore` whose editors were not told since
   * `notifiedBefore` (once per period); given a transaction, locked so that two runners never
   * tell twice.
   */
  async staleToNotify(
    trx: Executor | null,
    cutoff: { verifiedBefore: string; notifiedBefore: Date },
  ): Promise<GuideRecord[]> {
    const executor = trx ?? this.db;
    let query = executor
      .selectFrom('guide')
      .select('id')
      .where(VISIBLE)
      .where('verified_on', '<', cutoff.verifiedBefore)
      .where((eb) =>
        eb.or([
          eb('stale_notified_at', 'is', null),
          eb('stale_notified_at', '<', cutoff.notifiedBefore),
        ]),
      )
      .orderBy('id');
    // In a transaction, locked (skipping rows another runner holds); else only read.
    if (trx) query = query.forUpdate().skipLocked();
    const ids = await query.execute();
    if (ids.length === 0) return [];
    const rows = await guideQuery(executor)
      .where(
        'guide.id',
        'in',
        ids.map((row) => row.id),
      )
      .orderBy('guide.country_code')
      .orderBy('guide.topic')
      .execute();
    return rows.map(toGuide);
  }

  async markNotified(trx: Executor, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await trx
      .updateTable('guide')
      .set({ stale_notified_at: at })
      .where('id', 'in', [...ids])
      .execute();
  }

  /**
   * The officers who acted on each guide (wrote, submitted, reviewed, verified) for its own
   * organisation: the editors told when it is due for checking.
   */
  async editorsOf(
    guideIds: readonly string[],
    executor: Executor = this.db,
  ): Promise<Map<string, string[]>> {
    if (guideIds.length === 0) return new Map();
    const rows = await executor
      .selectFrom('guide_event')
      .innerJoin('guide', 'guide.id', 'guide_event.guide_id')
      .select(['guide_event.guide_id', 'guide_event.actor_user_id'])
      .distinct()
      .where('guide_event.guide_id', 'in', [...guideIds])
      .where('guide_event.actor_user_id', 'is not', null)
      .whereRef('guide_event.actor_organisation_id', '=', 'guide.organisation_id')
      .execute();
    const editors = new Map<string, string[]>();
    for (const row of rows) {
      if (!row.actor_user_id) continue;
      editors.set(row.guide_id, [...(editors.get(row.guide_id) ?? []), row.actor_user_id]);
    }
    return editors;
  }

  /** For the demo loader: whether any guide exists. */
  async any(): Promise<boolean> {
    const row = await this.db.selectFrom('guide').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }
}
