import { sql } from 'kysely';
import type { Db } from '../../database.js';
import {
  LifecycleHistoryRepository,
  type LifecycleEventTable,
} from '../../platform/lifecycle/lifecycle-history.repository.js';
import type { LifecycleEventRow } from '../../platform/lifecycle/transition.js';
import {
  withOrganisationNames,
  type Executor,
  type HistoryRecord,
} from './licensing.repository.js';
import type { VettingState } from './vetting.lifecycle.js';

/** employer_vetting_event: the lifecycle event table of employer vetting. */
const VETTING_EVENT_TABLE: LifecycleEventTable = {
  table: 'employer_vetting_event',
  subjectColumn: 'vetting_id',
};

export interface VettingRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  countryCode: string;
  state: VettingState;
  updatedAt: Date;
}

/** The only SQL for employer vetting. */
export class VettingRepository {
  private readonly db: Executor;
  private readonly lifecycleHistory: LifecycleHistoryRepository;

  constructor(db: Db) {
    this.db = db;
    this.lifecycleHistory = new LifecycleHistoryRepository(db);
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  /** The vetting state of an employer, from its own table only (for other modules). */
  async vettingState(
    organisationId: string,
    executor: Executor = this.db,
  ): Promise<VettingState | null> {
    const row = await executor
      .selectFrom('employer_vetting')
      .select('state')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row?.state ?? null;
  }

  async vettedEmployerIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('employer_vetting')
      .select('organisation_id')
      .where('state', '=', 'vetted')
      .execute();
    return rows.map((row) => row.organisation_id);
  }

  async findVetting(executor: Executor, organisationId: string): Promise<VettingRecord | null> {
    return this.findWhere(executor, 'employer_vetting.organisation_id', organisationId);
  }

  async findVettingById(executor: Executor, id: string): Promise<VettingRecord | null> {
    return this.findWhere(executor, 'employer_vetting.id', id);
  }

  private async findWhere(
    executor: Executor,
    column: 'employer_vetting.organisation_id' | 'employer_vetting.id',
    value: string,
  ): Promise<VettingRecord | null> {
    const row = await executor
      .selectFrom('employer_vetting')
      .innerJoin('organisation', 'organisation.id', 'employer_vetting.organisation_id')
      .select([
        'employer_vetting.id',
        'employer_vetting.organisation_id',
        'organisation.name',
        'organisation.country_code',
        'employer_vetting.state',
        'employer_vetting.updated_at',
      ])
      .where(column, '=', value)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          organisationId: row.organisation_id,
          organisationName: row.name,
          countryCode: row.country_code,
          state: row.state,
          updatedAt: row.updated_at,
        }
      : null;
  }

  async getVetting(organisationId: string): Promise<VettingRecord | null> {
    return this.findVetting(this.db, organisationId);
  }

  async lockVetting(trx: Executor, organisationId: string): Promise<VettingRecord | null> {
    await trx
      .selectFrom('employer_vetting')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .forUpdate()
      .execute();
    return this.findVetting(trx, organisationId);
  }

  async isEmployer(organisationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', organisationId)
      .where('kind', '=', 'employer')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every employer with its vetting state (null: never submitted). */
  async listEmployers(): Promise<
    { organisationId: string; name: string; countryCode: string; state: VettingState | null }[]
  > {
    const rows = await this.db
      .selectFrom('organisation')
      .leftJoin('employer_vetting', 'employer_vetting.organisation_id', 'organisation.id')
      .select([
        'organisation.id',
        'organisation.name',
        'organisation.country_code',
        'employer_vetting.state',
      ])
      .where('organisation.kind', '=', 'employer')
      .orderBy('organisation.name')
      .limit(500)
      .execute();
    return rows.map((row) => ({
      organisationId: row.id,
      name: row.name,
      countryCode: row.country_code,
      state: row.state,
    }));
  }

  async vettingHistory(vettingId: string): Promise<HistoryRecord[]> {
    const rows = await this.lifecycleHistory.history(VETTING_EVENT_TABLE, [vettingId]);
    return withOrganisationNames(rows, (ids) => this.organisationNames(ids));
  }

  private async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Only the vetting's lifecycle store (vetting.states.ts) calls this. */
  async writeVettingState(
    executor: Executor,
    input: { id: string | null; organisationId: string; state: VettingState },
  ): Promise<string> {
    if (input.id) {
      await executor
        .updateTable('employer_vetting')
        .set({ state: input.state, updated_at: sql<Date>`now()` })
        .where('id', '=', input.id)
        .execute();
      return input.id;
    }
    const row = await executor
      .insertInto('employer_vetting')
      .values({ organisation_id: input.organisationId, state: input.state })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Only the vetting's lifecycle store (vetting.states.ts) calls this. */
  async insertVettingEvent(executor: Executor, event: LifecycleEventRow): Promise<void> {
    await executor
      .insertInto('employer_vetting_event')
      .values({
        vetting_id: event.subjectId,
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
}
