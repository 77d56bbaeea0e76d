import { sql, type Kysely, type Transaction } from 'kysely';
import {
  LifecycleHistoryRepository,
  type LifecycleHistoryRow,
} from '../../platform/lifecycle/lifecycle-history.repository.js';
import type { LifecycleEventRow } from '../../platform/lifecycle/transition.js';
import type { ApplicationState, RejectReason } from './application.lifecycle.js';
import type { VacancyTerms } from './application.terms.js';
import { applicationsView, type ApplicationsDb } from './applications.tables.js';

/** The database, or a transaction on it, with this module's tables. */
export type Executor = ApplicationsDb;

export interface ApplicationRecord {
  id: string;
  seekerUserId: string | null;
  vacancyId: string;
  vacancyNumber: number;
  agencyOrganisationId: string | null;
  employerOrganisationId: string | null;
  terms: VacancyTerms;
  note: string | null;
  documentIds: string[];
  state: ApplicationState;
  interviewAt: Date | null;
  interviewPlace: string | null;
  interviewLink: string | null;
  rejectReason: RejectReason | null;
  offerTerms: string | null;
  offerStartDate: string | null;
  submittedAt: Date;
  updatedAt: Date;
}

export interface NewApplication {
  seekerUserId: string;
  vacancyId: string;
  vacancyNumber: number;
  agencyOrganisationId: string | null;
  employerOrganisationId: string | null;
  terms: VacancyTerms;
  note: string | null;
  documentIds: string[];
}

export interface StateWrite {
  state: ApplicationState;
  interviewAt: Date | null;
  interviewPlace: string | null;
  interviewLink: string | null;
  rejectReason: RejectReason | null;
  offerTerms: string | null;
  offerStartDate: string | null;
  now: Date;
}

/** Which applications an organisation list shows. */
export interface OrganisationFilter {
  /** null: every organisation (a system administrator). */
  organisationIds: readonly string[] | null;
  vacancyId?: string;
  state?: ApplicationState;
  limit: number;
  offset: number;
}

const COLUMNS = [
  'id',
  'seeker_user_id',
  'vacancy_id',
  'vacancy_number',
  'agency_organisation_id',
  'employer_organisation_id',
  'terms',
  'note',
  'document_ids',
  'state',
  'interview_at',
  'interview_place',
  'interview_link',
  'reject_reason_code',
  'offer_terms',
  'offer_start_date',
  'submitted_at',
  'updated_at',
] as const;

function query(executor: Executor) {
  return executor.selectFrom('application').select(COLUMNS);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function toRecord(row: Row): ApplicationRecord {
  return {
    id: row.id,
    seekerUserId: row.seeker_user_id,
    vacancyId: row.vacancy_id,
    vacancyNumber: row.vacancy_number,
    agencyOrganisationId: row.agency_organisation_id,
    employerOrganisationId: row.employer_organisation_id,
    terms: (typeof row.terms === 'string' ? JSON.parse(row.terms) : row.terms) as VacancyTerms,
    note: row.note,
    documentIds: row.document_ids,
    state: row.state,
    interviewAt: row.interview_at,
    interviewPlace: row.interview_place,
    interviewLink: row.interview_link,
    rejectReason: row.reject_reason_code,
    offerTerms: row.offer_terms,
    offerStartDate: row.offer_start_date,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}

/** The only SQL of the module, on its own tables. */
export class ApplicationsRepository {
  private readonly historyRepository: LifecycleHistoryRepository;

  constructor(private readonly db: ApplicationsDb) {
    this.historyRepository = new LifecycleHistoryRepository(db);
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  async find(executor: Executor, id: string): Promise<ApplicationRecord | null> {
    const row = await query(executor).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byId(id: string): Promise<ApplicationRecord | null> {
    return this.find(this.db, id);
  }

  async lock(trx: Executor, id: string): Promise<ApplicationRecord | null> {
    const row = await query(trx).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The database itself, for an audit row outside a transaction. */
  database(): Executor {
    return this.db;
  }

  async mineFor(seekerUserId: string, vacancyId: string): Promise<ApplicationRecord | null> {
    const row = await query(this.db)
      .where('seeker_user_id', '=', seekerUserId)
      .where('vacancy_id', '=', vacancyId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async ofSeeker(seekerUserId: string, executor: Executor = this.db): Promise<ApplicationRecord[]> {
    const rows = await query(executor)
      .where('seeker_user_id', '=', seekerUserId)
      .orderBy('submitted_at', 'desc')
      .orderBy('id')
      .limit(500)
      .execute();
    return rows.map(toRecord);
  }

  async ofOrganisations(
    filter: OrganisationFilter,
  ): Promise<{ items: ApplicationRecord[]; total: number }> {
    const ids = filter.organisationIds ? [...filter.organisationIds] : null;
    if (ids && ids.length === 0) return { items: [], total: 0 };
    let base = this.db.selectFrom('application');
    if (ids) {
      base = base.where((eb) =>
        eb.or([eb('agency_organisation_id', 'in', ids), eb('employer_organisation_id', 'in', ids)]),
      );
    }
    if (filter.vacancyId) base = base.where('vacancy_id', '=', filter.vacancyId);
    if (filter.state) base = base.where('state', '=', filter.state);
    const [rows, count] = await Promise.all([
      base
        .select(COLUMNS)
        .orderBy('submitted_at', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.n) };
  }

  async hasApplied(seekerUserId: string, organisationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('application')
      .select('id')
      .where('seeker_user_id', '=', seekerUserId)
      .where((eb) =>
        eb.or([
          eb('agency_organisation_id', '=', organisationId),
          eb('employer_organisation_id', '=', organisationId),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insert(trx: Executor, application: NewApplication, now: Date): Promise<string> {
    const row = await trx
      .insertInto('application')
      .values({
        seeker_user_id: application.seekerUserId,
        vacancy_id: application.vacancyId,
        vacancy_number: application.vacancyNumber,
        agency_organisation_id: application.agencyOrganisationId,
        employer_organisation_id: application.employerOrganisationId,
        terms: JSON.stringify(application.terms),
        note: application.note,
        document_ids: application.documentIds,
        state: 'submitted',
        interview_at: null,
        interview_place: null,
        interview_link: null,
        reject_reason_code: null,
        offer_terms: null,
        offer_start_date: null,
        submitted_at: now,
        updated_at: now,
        erased_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async writeState(trx: Executor, id: string, write: StateWrite): Promise<void> {
    await trx
      .updateTable('application')
      .set({
        state: write.state,
        interview_at: write.interviewAt,
        interview_place: write.interviewPlace,
        interview_link: write.interviewLink,
        reject_reason_code: write.rejectReason,
        offer_terms: write.offerTerms,
        offer_start_date: write.offerStartDate,
        updated_at: write.now,
      })
      .where('id', '=', id)
      .execute();
  }

  async insertEvent(
    trx: Executor,
    row: LifecycleEventRow,
    extra: { reasonCode: string | null; interviewAt: Date | null },
  ): Promise<void> {
    await trx
      .insertInto('application_event')
      .values({
        application_id: row.subjectId,
        event: row.event,
        from_state: row.fromState,
        to_state: row.toState,
        reason: row.reason,
        reason_code: extra.reasonCode,
        interview_at: extra.interviewAt,
        actor_user_id: row.actorUserId,
        actor_organisation_id: row.actorOrganisationId,
        actor_role: row.actorRole,
        actor_api_key_id: row.actorApiKeyId,
        occurred_at: row.occurredAt,
      })
      .execute();
  }

  /** The events of these applications, newest first. */
  history(ids: readonly string[], executor?: Executor): Promise<LifecycleHistoryRow[]> {
    const repository = executor ? new LifecycleHistoryRepository(executor) : this.historyRepository;
    return repository.history(
      {
        table: 'application_event',
        subjectColumn: 'application_id',
        details: ['reason_code', 'interview_at'],
      },
      ids,
    );
  }

  async any(): Promise<boolean> {
    const row = await this.db.selectFrom('application').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Erasure: the organisation keeps its record of the application (state, history, terms);
   * the link to the person, the note and the documents attached are removed.
   */
  async eraseSeeker<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    seekerUserId: string,
    now: Date,
  ): Promise<number> {
    const rows = await applicationsView(executor)
      .updateTable('application')
      .set({
        seeker_user_id: null,
        note: null,
        document_ids: sql<string[]>`'{}'::uuid[]`,
        erased_at: now,
        updated_at: now,
      })
      .where('seeker_user_id', '=', seekerUserId)
      .returning('id')
      .execute();
    return rows.length;
  }
}
