import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import {
  LifecycleHistoryRepository,
  type LifecycleEventTable,
} from '../../platform/lifecycle/lifecycle-history.repository.js';
import type { LifecycleEventRow } from '../../platform/lifecycle/transition.js';
import type { CefrLevel, JobOrderSort } from './job-orders.schemas.js';
import { OPEN_UNTIL_DEADLINE } from './vacancy.as-of.js';
import type { VacancyState, WagePeriod } from './vacancy.states.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { VacanciesDb, VacancyTable, VacancyTables } from './vacancy.tables.js';

/** vacancy_event: the lifecycle event table of job orders (and the search index's change feed). */
const VACANCY_EVENT_TABLE: LifecycleEventTable = {
  table: 'vacancy_event',
  subjectColumn: 'vacancy_id',
};

/** The vacancies module's tables and the reference data (another module's do not compile). */
export type Executor = VacanciesDb;

/**
 * Whose job orders: organisations' (employer or agency, in every state), or all; and countries'
 * of origin, whose job orders are in scope once submitted (a draft is its authors' alone).
 */
export interface ListScope {
  all: boolean;
  organisationIds: string[];
  countryCodes: string[];
  /** Submitted job orders of every country of origin (a decider over all). */
  everyCountry?: boolean;
}

/** `state` as it stands on `today` ('YYYY-MM-DD'): open past the deadline is expired. */
export interface ListFilter {
  state?: VacancyState | undefined;
  today: string;
}

const isEmpty = (scope: ListScope) =>
  !scope.all &&
  !scope.everyCountry &&
  scope.organisationIds.length === 0 &&
  scope.countryCodes.length === 0;

type ListedBuilder = ExpressionBuilder<VacancyTables & ReferenceTables & { v: VacancyTable }, 'v'>;

/** The job orders in the scope (not empty) and, if asked, in the state. */
function listed(
  eb: ListedBuilder,
  scope: ListScope,
  { state, today }: ListFilter,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (!scope.all) {
    const { organisationIds, countryCodes } = scope;
    conditions.push(
      eb.or([
        ...(organisationIds.length > 0
          ? [
              eb('v.employer_organisation_id', 'in', organisationIds),
              eb('v.agency_organisation_id', 'in', organisationIds),
            ]
          : []),
        ...(countryCodes.length > 0
          ? [eb.and([eb('v.origin_country', 'in', countryCodes), eb('v.state', '<>', 'draft')])]
          : []),
        ...(scope.everyCountry ? [eb('v.state', '<>', 'draft')] : []),
      ]),
    );
  }
  if (state) {
    // As vacancy.as-of.ts reads it: still open past the deadline counts as expired.
    const open: VacancyState[] = [...OPEN_UNTIL_DEADLINE];
    const pastDeadline = eb.and([
      eb('v.state', 'in', open),
      eb('v.application_deadline', '<', today),
    ]);
    conditions.push(
      state === 'expired'
        ? eb.or([eb('v.state', '=', 'expired'), pastDeadline])
        : open.includes(state)
          ? eb.and([eb('v.state', '=', state), eb('v.application_deadline', '>=', today)])
          : eb('v.state', '=', state),
    );
  }
  return eb.and(conditions);
}

/** A job order as its own tables hold it; organisation names are the organisations module's. */
export interface VacancyRecord {
  id: string;
  number: number;
  state: VacancyState;
  employerId: string;
  agencyId: string | null;
  originCountry: string;
  destinationCountry: string;
  destinationSubdivision: string | null;
  occupationId: string | null;
  iscoCode: string;
  language: string;
  title: string;
  description: string;
  minEducation: string | null;
  experienceMonths: number;
  positions: number;
  positionsFilled: number;
  contractMonths: number;
  wage: { amount: string; currency: string; period: WagePeriod };
  hoursPerWeek: string;
  benefits: {
    housing: boolean;
    food: boolean;
    transport: boolean;
    insurance: boolean;
    note: string | null;
  };
  applicationDeadline: string;
  createdByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  approvedAt: Date | null;
  rejectedAt: Date | null;
  publishedAt: Date | null;
  endedAt: Date | null;
}

/** A job order with its employer's and agency's names, as the service gives it out. */
export type NamedVacancy = VacancyRecord & { employerName: string; agencyName: string | null };

export interface VacancyDetails {
  skills: { skillId: string; label: string; essential: boolean }[];
  languages: { language: string; level: CefrLevel }[];
  translations: { language: string; title: string; description: string }[];
}

/** The columns a draft's author writes (everything but state, timestamps and counters). */
export interface VacancyTerms {
  employerId: string;
  agencyId: string | null;
  originCountry: string;
  destinationCountry: string;
  destinationSubdivision: string | null;
  occupationId: string | null;
  iscoCode: string;
  language: string;
  title: string;
  description: string;
  minEducation: string | null;
  experienceMonths: number;
  positions: number;
  contractMonths: number;
  wage: { amount: string; currency: string; period: WagePeriod };
  hoursPerWeek: number;
  benefits: {
    housing: boolean;
    food: boolean;
    transport: boolean;
    insurance: boolean;
    note: string | null;
  };
  applicationDeadline: string;
  skills: { skillId: string; essential: boolean }[];
  languages: { language: string; level: string }[];
  translations: { language: string; title: string; description: string }[];
}

export interface VacancyHistoryRecord {
  id: number;
  event: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actorOrganisationName: string | null;
  occurredAt: Date;
}

/** A history row as vacancy_event holds it: who acted, by organisation id. */
export type StoredHistoryRecord = Omit<VacancyHistoryRecord, 'actorOrganisationName'> & {
  actorOrganisationId: string | null;
};

/** Timestamps a transition sets; the state machine decides which. */
export interface StateWrite {
  state: VacancyState;
  submittedAt?: Date;
  approvedAt?: Date;
  rejectedAt?: Date;
  publishedAt?: Date;
  endedAt?: Date;
  positionsFilled?: number;
}

function vacancyQuery(executor: Executor) {
  return executor
    .selectFrom('vacancy as v')
    .selectAll('v')
    .select(sql<string>`v.application_deadline::text`.as('deadline_text'));
}

type VacancyRow = Awaited<ReturnType<ReturnType<typeof vacancyQuery>['executeTakeFirstOrThrow']>>;

function toRecord(row: VacancyRow): VacancyRecord {
  return {
    id: row.id,
    number: Number(row.number),
    state: row.state,
    employerId: row.employer_organisation_id,
    agencyId: row.agency_organisation_id,
    originCountry: row.origin_country,
    destinationCountry: row.destination_country,
    destinationSubdivision: row.destination_subdivision,
    occupationId: row.occupation_id,
    iscoCode: row.isco_code,
    language: row.language,
    title: row.title,
    description: row.description,
    minEducation: row.min_isced_level,
    experienceMonths: row.experience_months,
    positions: row.positions,
    positionsFilled: row.positions_filled,
    contractMonths: row.contract_months,
    wage: { amount: row.wage_amount, currency: row.wage_currency, period: row.wage_period },
    hoursPerWeek: String(row.hours_per_week),
    benefits: {
      housing: row.benefit_housing,
      food: row.benefit_food,
      transport: row.benefit_transport,
      insurance: row.benefit_insurance,
      note: row.benefits_note,
    },
    applicationDeadline: row.deadline_text,
    createdByUserId: row.created_by_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
    rejectedAt: row.rejected_at,
    publishedAt: row.published_at,
    endedAt: row.ended_at,
  };
}

function termColumns(terms: VacancyTerms) {
  return {
    employer_organisation_id: terms.employerId,
    agency_organisation_id: terms.agencyId,
    origin_country: terms.originCountry,
    destination_country: terms.destinationCountry,
    destination_subdivision: terms.destinationSubdivision,
    occupation_id: terms.occupationId,
    isco_code: terms.iscoCode,
    language: terms.language,
    title: terms.title,
    description: terms.description,
    min_isced_level: terms.minEducation,
    experience_months: terms.experienceMonths,
    positions: terms.positions,
    contract_months: terms.contractMonths,
    wage_amount: terms.wage.amount,
    wage_currency: terms.wage.currency,
    wage_period: terms.wage.period,
    hours_per_week: String(terms.hoursPerWeek),
    benefit_housing: terms.benefits.housing,
    benefit_food: terms.benefits.food,
    benefit_transport: terms.benefits.transport,
    benefit_insurance: terms.benefits.insurance,
    benefits_note: terms.benefits.note,
    application_deadline: terms.applicationDeadline,
  };
}

/** Job orders: the only place with their SQL. */
export class JobOrdersRepository {
  private readonly lifecycleHistory: LifecycleHistoryRepository;

  constructor(private readonly db: Executor) {
    this.lifecycleHistory = new LifecycleHistoryRepository(db);
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async find(id: string, executor: Executor = this.db): Promise<VacancyRecord | null> {
    const row = await vacancyQuery(executor).where('v.id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async lock(trx: Executor, id: string): Promise<VacancyRecord | null> {
    await trx.selectFrom('vacancy').select('id').where('id', '=', id).forUpdate().execute();
    return this.find(id, trx);
  }

  async details(id: string, language: string): Promise<VacancyDetails> {
    const [skills, languages, translations] = await Promise.all([
      this.db
        .selectFrom('vacancy_skill as vs')
        .innerJoin('esco_skill as s', 's.id', 'vs.skill_id')
        .select(['vs.skill_id', 'vs.essential', 's.preferred_label_en'])
        .select((eb) =>
          eb
            .selectFrom('skill_label as l')
            .select('l.label')
            .whereRef('l.skill_id', '=', 'vs.skill_id')
            .where('l.language', '=', language)
            .where('l.is_title', '=', true)
            .limit(1)
            .as('localised'),
        )
        .where('vs.vacancy_id', '=', id)
        .orderBy('vs.essential', 'desc')
        .orderBy('s.preferred_label_en')
        .execute(),
      this.db
        .selectFrom('vacancy_language')
        .select(['language', 'cefr_level'])
        .where('vacancy_id', '=', id)
        .orderBy('language')
        .execute(),
      this.db
        .selectFrom('vacancy_translation')
        .select(['language', 'title', 'description'])
        .where('vacancy_id', '=', id)
        .orderBy('language')
        .execute(),
    ]);
    return {
      skills: skills.map((row) => ({
        skillId: row.skill_id,
        essential: row.essential,
        label: row.localised ?? row.preferred_label_en ?? row.skill_id,
      })),
      languages: languages.map((row) => ({
        language: row.language,
        level: row.cefr_level as CefrLevel,
      })),
      translations,
    };
  }

  async insertDraft(trx: Executor, terms: VacancyTerms, createdBy: string | null) {
    const { id } = await trx
      .insertInto('vacancy')
      .values({ ...termColumns(terms), state: 'draft', created_by_user_id: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writeChildren(trx, id, terms);
    return id;
  }

  async updateTerms(trx: Executor, id: string, terms: VacancyTerms): Promise<void> {
    await trx
      .updateTable('vacancy')
      .set({ ...termColumns(terms), updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('vacancy_skill').where('vacancy_id', '=', id).execute();
    await trx.deleteFrom('vacancy_language').where('vacancy_id', '=', id).execute();
    await trx.deleteFrom('vacancy_translation').where('vacancy_id', '=', id).execute();
    await this.writeChildren(trx, id, terms);
  }

  private async writeChildren(trx: Executor, id: string, terms: VacancyTerms) {
    if (terms.skills.length > 0) {
      await trx
        .insertInto('vacancy_skill')
        .values(
          terms.skills.map((skill) => ({
            vacancy_id: id,
            skill_id: skill.skillId,
            essential: skill.essential,
          })),
        )
        .execute();
    }
    if (terms.languages.length > 0) {
      await trx
        .insertInto('vacancy_language')
        .values(
          terms.languages.map((item) => ({
            vacancy_id: id,
            language: item.language,
            cefr_level: item.level,
          })),
        )
        .execute();
    }
    if (terms.translations.length > 0) {
      await trx
        .insertInto('vacancy_translation')
        .values(terms.translations.map((item) => ({ vacancy_id: id, ...item })))
        .execute();
    }
  }

  /** The one UPDATE of `state` (called only by the lifecycle store in vacancy.transition.ts). */
  async writeState(trx: Executor, id: string, write: StateWrite): Promise<void> {
    await trx
      .updateTable('vacancy')
      .set({
        state: write.state,
        updated_at: sql<Date>`now()`,
        ...(write.submittedAt ? { submitted_at: write.submittedAt } : {}),
        ...(write.approvedAt ? { approved_at: write.approvedAt } : {}),
        ...(write.rejectedAt ? { rejected_at: write.rejectedAt } : {}),
        ...(write.publishedAt ? { published_at: write.publishedAt } : {}),
        ...(write.endedAt ? { ended_at: write.endedAt } : {}),
        ...(write.positionsFilled !== undefined ? { positions_filled: write.positionsFilled } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Only the vacancy's lifecycle store (vacancy.transition.ts) calls this. */
  async insertEvent(trx: Executor, event: LifecycleEventRow): Promise<void> {
    await trx
      .insertInto('vacancy_event')
      .values({
        vacancy_id: event.subjectId,
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

  async insertPositionFill(trx: Executor, vacancyId: string, at: Date, actorUserId: string | null) {
    await trx
      .insertInto('vacancy_position_fill')
      .values({ vacancy_id: vacancyId, filled_at: at, actor_user_id: actorUserId })
      .execute();
  }

  async history(id: string): Promise<StoredHistoryRecord[]> {
    const rows = await this.lifecycleHistory.history(VACANCY_EVENT_TABLE, [id]);
    return rows.map((row) => ({
      id: Number(row.id),
      event: row.event,
      fromState: row.fromState,
      toState: row.toState,
      reason: row.reason,
      actorOrganisationId: row.actorOrganisationId,
      occurredAt: row.occurredAt,
    }));
  }

  /**
   * Job orders in scope: of these organisations (as employer or agency) or recruiting from
   * these countries (the origin authority's jurisdiction); `all` for everything. The most
   * recently changed first.
   */
  async list(scope: ListScope, filter: ListFilter & { limit: number }): Promise<VacancyRecord[]> {
    if (isEmpty(scope)) return [];
    const rows = await vacancyQuery(this.db)
      .where((eb) => listed(eb, scope, filter))
      .orderBy('v.updated_at', 'desc')
      .limit(filter.limit)
      .execute();
    return rows.map(toRecord);
  }

  /** One page of the job orders in scope, in the order asked, and how many there are in all. */
  async page(
    scope: ListScope,
    filter: ListFilter & { sort: JobOrderSort; offset: number; limit: number },
  ): Promise<{ items: VacancyRecord[]; total: number }> {
    if (isEmpty(scope)) return { items: [], total: 0 };
    const query = vacancyQuery(this.db).where((eb) => listed(eb, scope, filter));
    const ordered =
      filter.sort === 'deadline'
        ? query.orderBy('v.application_deadline', 'asc').orderBy('v.number', 'asc')
        : filter.sort === 'newest'
          ? query.orderBy('v.number', 'desc')
          : query.orderBy('v.updated_at', 'desc').orderBy('v.number', 'desc');
    const [rows, count] = await Promise.all([
      ordered.offset(filter.offset).limit(filter.limit).execute(),
      this.db
        .selectFrom('vacancy as v')
        .select((eb) => eb.fn.countAll<string>().as('total'))
        .where((eb) => listed(eb, scope, filter))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.total) };
  }

  async dueForExpiry(today: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('vacancy')
      .select('id')
      .where('state', 'in', [...OPEN_UNTIL_DEADLINE])
      .where('application_deadline', '<', today)
      .limit(1000)
      .execute();
    return rows.map((row) => row.id);
  }

  // ——— Reference data the terms are checked against ———

  async knownSkills(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('esco_skill')
      .select('id')
      .where('id', 'in', ids)
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  async iscedLevelExists(code: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('isced_level')
      .select('code')
      .where('code', '=', code)
      .executeTakeFirst();
    return row !== undefined;
  }
}
