import { sql } from 'kysely';
import type { Db } from '../../database.js';
import type { Executor, HistoryRecord } from './licensing.repository.js';
import type { VettingState } from './vetting.states.js';

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

  constructor(db: Db) {
    this.db = db;
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  async findVetting(executor: Executor, organisationId: string): Promise<VettingRecord | null> {
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
      .where('employer_vetting.organisation_id', '=', organisationId)
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
    const rows = await this.db
      .selectFrom('employer_vetting_event')
      .leftJoin('organisation', 'organisation.id', 'employer_vetting_event.actor_organisation_id')
      .select([
        'employer_vetting_event.id',
        'employer_vetting_event.event',
        'employer_vetting_event.from_state',
        'employer_vetting_event.to_state',
        'employer_vetting_event.reason',
        'employer_vetting_event.actor_user_id',
        'organisation.name as actor_organisation_name',
        'employer_vetting_event.occurred_at',
      ])
      .where('employer_vetting_event.vetting_id', '=', vettingId)
      .orderBy('employer_vetting_event.id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: String(row.id),
      event: row.event,
      fromState: row.from_state,
      toState: row.to_state,
      reason: row.reason,
      actorUserId: row.actor_user_id,
      actorOrganisationName: row.actor_organisation_name,
      validTo: null,
      occurredAt: row.occurred_at,
    }));
  }

  /** Only vetting.states.ts `transitionVetting` calls this. */
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

  async insertVettingEvent(
    executor: Executor,
    event: {
      vettingId: string;
      event: string;
      fromState: string | null;
      toState: string;
      reason: string | null;
      actorUserId: string | null;
      actorOrganisationId: string | null;
    },
  ): Promise<void> {
    await executor
      .insertInto('employer_vetting_event')
      .values({
        vetting_id: event.vettingId,
        event: event.event,
        from_state: event.fromState,
        to_state: event.toState,
        reason: event.reason,
        actor_user_id: event.actorUserId,
        actor_organisation_id: event.actorOrganisationId,
      })
      .execute();
  }
}
