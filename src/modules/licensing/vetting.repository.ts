import { sql } from 'kysely';
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
import type { LicensingOrganisations } from './licensing.organisations.js';
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

  /** `organisations`: the employers' names, kinds and countries (the organisations module's). */
  constructor(
    db: Executor,
    private readonly organisations: LicensingOrganisations,
  ) {
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
      .select([
        'employer_vetting.id',
        'employer_vetting.organisation_id',
        'employer_vetting.state',
        'employer_vetting.updated_at',
      ])
      .where(column, '=', value)
      .executeTakeFirst();
    if (!row) return null;
    // In the caller's transaction: on PGlite it holds the one connection.
    const employer = (await this.organisations.registrations([row.organisation_id], executor)).get(
      row.organisation_id,
    );
    return employer
      ? {
          id: row.id,
          organisationId: row.organisation_id,
          organisationName: employer.name,
          countryCode: employer.countryCode,
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

  /** The employer with this id and its country; null when no employer has it. */
  async employer(organisationId: string): Promise<{ id: string; countryCode: string } | null> {
    const organisation = (await this.organisations.registrations([organisationId])).get(
      organisationId,
    );
    return organisation?.kind === 'employer'
      ? { id: organisation.id, countryCode: organisation.countryCode }
      : null;
  }

  /**
   * The employers of these countries (or all) with their vetting state (null: never
   * submitted), by name, at most 500: the employers from the organisations module, their
   * states from this module's table.
   */
  async listEmployers(
    countryCodes: readonly string[] | 'all',
  ): Promise<
    { organisationId: string; name: string; countryCode: string; state: VettingState | null }[]
  > {
    if (countryCodes !== 'all' && countryCodes.length === 0) return [];
    const employers = await this.organisations.ofKinds(['employer'], {
      limit: 500,
      ...(countryCodes === 'all' ? {} : { countryCodes }),
    });
    if (employers.length === 0) return [];
    const rows = await this.db
      .selectFrom('employer_vetting')
      .select(['organisation_id', 'state'])
      .where(
        'organisation_id',
        'in',
        employers.map((employer) => employer.id),
      )
      .execute();
    const states = new Map(rows.map((row) => [row.organisation_id, row.state]));
    return employers.map((employer) => ({
      organisationId: employer.id,
      name: employer.name,
      countryCode: employer.countryCode,
      state: states.get(employer.id) ?? null,
    }));
  }

  async vettingHistory(vettingId: string): Promise<HistoryRecord[]> {
    const rows = await this.lifecycleHistory.history(VETTING_EVENT_TABLE, [vettingId]);
    return withOrganisationNames(rows, (ids) => this.organisationNames(ids));
  }

  private async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    const organisations = await this.organisations.registrations(ids);
    return new Map([...organisations].map(([id, organisation]) => [id, organisation.name]));
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
