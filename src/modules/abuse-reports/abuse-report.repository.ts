import { sql, type ExpressionBuilder } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { ScopeFilter } from '../../platform/authz/principal.js';
import {
  LifecycleHistoryRepository,
  type LifecycleHistoryRow,
} from '../../platform/lifecycle/lifecycle-history.repository.js';
import type { LifecycleEventRow } from '../../platform/lifecycle/transition.js';
import type {
  Category,
  Indicator,
  Outcome,
  ReportState,
  Severity,
} from './abuse-report.lifecycle.js';
import type { AbuseReportsDb, AbuseReportsTables } from './abuse-reports.tables.js';

/** The database, or a transaction on it, with this module's tables. */
export type Executor = AbuseReportsDb;

/** A report as officers and the service see it: everything but the contact details. */
export interface ReportRecord {
  id: string;
  reference: string;
  state: ReportState;
  organisationId: string | null;
  subjectName: string;
  subjectKind: 'recruiter' | 'employer';
  subjectCountryCode: string | null;
  categories: Category[];
  indicators: Indicator[];
  urgent: boolean;
  occurredCountryCode: string;
  occurredPlace: string | null;
  occurredWhen: string | null;
  description: string;
  /** Whether the reporter left any contact detail (the details themselves: `contact`). */
  hasContact: boolean;
  replyLanguage: string;
  category: Category | null;
  severity: Severity | null;
  assignedOrganisationId: string | null;
  assignedUserId: string | null;
  escalatedOrganisationId: string | null;
  escalatedCountryCode: string | null;
  outcome: Outcome | null;
  receivedAt: Date;
  updatedAt: Date;
}

/** The reporter's contact details: personal data. */
export interface ReportContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** What a new report carries (the reference, the urgency and the state are the service's). */
export interface NewReport {
  reference: string;
  organisationId: string | null;
  subjectName: string;
  subjectKind: 'recruiter' | 'employer';
  subjectCountryCode: string | null;
  categories: Category[];
  indicators: Indicator[];
  urgent: boolean;
  occurredCountryCode: string;
  occurredPlace: string | null;
  occurredWhen: string | null;
  description: string;
  contact: ReportContact;
  replyLanguage: string;
}

/** The columns a transition writes. */
export interface ReportStateWrite {
  state: ReportState;
  category: Category | null;
  severity: Severity | null;
  assignedOrganisationId: string | null;
  assignedUserId: string | null;
  escalatedOrganisationId: string | null;
  escalatedCountryCode: string | null;
  outcome: Outcome | null;
  now: Date;
}

export interface ReportMessage {
  id: string;
  kind: 'note' | 'reply';
  body: string;
  authorUserId: string | null;
  authorOrganisationId: string | null;
  authorApiKeyId: string | null;
  createdAt: Date;
}

const COLUMNS = [
  'id',
  'reference',
  'state',
  'organisation_id',
  'subject_name',
  'subject_kind',
  'subject_country_code',
  'categories',
  'indicators',
  'urgent',
  'occurred_country_code',
  'occurred_place',
  'occurred_when',
  'description',
  'reply_language',
  'category',
  'severity',
  'assigned_organisation_id',
  'assigned_user_id',
  'escalated_organisation_id',
  'escalated_country_code',
  'outcome',
  'received_at',
  'updated_at',
] as const;

function reportQuery(executor: Executor) {
  return executor
    .selectFrom('abuse_report')
    .select(COLUMNS)
    .select(
      sql<boolean>`(contact_name is not null or contact_email is not null or contact_phone is not null)`.as(
        'has_contact',
      ),
    );
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportQuery>['executeTakeFirstOrThrow']>>;

/** A text[] column as the drivers give it (an array; PGlite may give the literal). */
function textArray<T extends string>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  if (typeof value === 'string' && value.startsWith('{'))
    return value.slice(1, -1).split(',').filter(Boolean) as T[];
  return [];
}

function toRecord(row: ReportRow): ReportRecord {
  return {
    id: row.id,
    reference: row.reference,
    state: row.state,
    organisationId: row.organisation_id,
    subjectName: row.subject_name,
    subjectKind: row.subject_kind,
    subjectCountryCode: row.subject_country_code,
    categories: textArray<Category>(row.categories),
    indicators: textArray<Indicator>(row.indicators),
    urgent: row.urgent,
    occurredCountryCode: row.occurred_country_code,
    occurredPlace: row.occurred_place,
    occurredWhen: row.occurred_when,
    description: row.description,
    hasContact: row.has_contact,
    replyLanguage: row.reply_language,
    category: row.category,
    severity: row.severity,
    assignedOrganisationId: row.assigned_organisation_id,
    assignedUserId: row.assigned_user_id,
    escalatedOrganisationId: row.escalated_organisation_id,
    escalatedCountryCode: row.escalated_country_code,
    outcome: row.outcome,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
  };
}

/** The only SQL of the module's reports, on its own tables. */
export class AbuseReportRepository {
  constructor(private readonly db: Executor) {}

  /** The database, for an audit row written on its own (a read's). */
  executor(): Executor {
    return this.db;
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  async find(executor: Executor, id: string): Promise<ReportRecord | null> {
    const row = await reportQuery(executor).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async lock(trx: Executor, id: string): Promise<ReportRecord | null> {
    const row = await reportQuery(trx).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byReference(reference: string): Promise<ReportRecord | null> {
    const row = await reportQuery(this.db).where('reference', '=', reference).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async insert(trx: Executor, report: NewReport, now: Date): Promise<string> {
    const row = await trx
      .insertInto('abuse_report')
      .values({
        reference: report.reference,
        state: 'received',
        organisation_id: report.organisationId,
        subject_name: report.subjectName,
        subject_kind: report.subjectKind,
        subject_country_code: report.subjectCountryCode,
        categories: sql<Category[]>`${sql.val(report.categories)}::text[]`,
        indicators: sql<Indicator[]>`${sql.val(report.indicators)}::text[]`,
        urgent: report.urgent,
        occurred_country_code: report.occurredCountryCode,
        occurred_place: report.occurredPlace,
        occurred_when: report.occurredWhen,
        description: report.description,
        contact_name: report.contact.name,
        contact_email: report.contact.email,
        contact_phone: report.contact.phone,
        reply_language: report.replyLanguage,
        received_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async writeState(trx: Executor, id: string, write: ReportStateWrite): Promise<void> {
    await trx
      .updateTable('abuse_report')
      .set({
        state: write.state,
        category: write.category,
        severity: write.severity,
        assigned_organisation_id: write.assignedOrganisationId,
        assigned_user_id: write.assignedUserId,
        escalated_organisation_id: write.escalatedOrganisationId,
        escalated_country_code: write.escalatedCountryCode,
        outcome: write.outcome,
        updated_at: write.now,
      })
      .where('id', '=', id)
      .execute();
  }

  async insertEvent(trx: Executor, row: LifecycleEventRow): Promise<void> {
    await trx
      .insertInto('abuse_report_event')
      .values({
        abuse_report_id: row.subjectId,
        event: row.event,
        from_state: row.fromState,
        to_state: row.toState,
        reason: row.reason,
        actor_user_id: row.actorUserId,
        actor_organisation_id: row.actorOrganisationId,
        actor_role: row.actorRole,
        actor_api_key_id: row.actorApiKeyId,
        occurred_at: row.occurredAt,
      })
      .execute();
  }

  history(id: string): Promise<LifecycleHistoryRow[]> {
    return new LifecycleHistoryRepository(this.db).history(
      { table: 'abuse_report_event', subjectColumn: 'abuse_report_id' },
      [id],
    );
  }

  /**
   * The reports in a scope: about an organisation in, or happening in, or escalated to one of
   * its countries; or assigned or escalated to one of its organisations. Urgent ones first, then
   * the newest; closed ones only when asked for.
   */
  async list(
    scope: ScopeFilter,
    filter: { state?: ReportState; limit: number; offset: number },
  ): Promise<{ items: ReportRecord[]; total: number }> {
    let query = reportQuery(this.db);
    let count = this.db.selectFrom('abuse_report').select((eb) => eb.fn.countAll<string>().as('n'));
    if (!scope.all) {
      const { countryCodes, organisationIds } = scope;
      if (countryCodes.length === 0 && organisationIds.length === 0) return { items: [], total: 0 };
      const where = (eb: ExpressionBuilder<AbuseReportsTables & ReferenceTables, 'abuse_report'>) =>
        eb.or([
          ...(countryCodes.length
            ? [
                eb('subject_country_code', 'in', countryCodes),
                eb('occurred_country_code', 'in', countryCodes),
                eb('escalated_country_code', 'in', countryCodes),
              ]
            : []),
          ...(organisationIds.length
            ? [
                eb('assigned_organisation_id', 'in', organisationIds),
                eb('escalated_organisation_id', 'in', organisationIds),
              ]
            : []),
        ]);
      query = query.where(where);
      count = count.where(where);
    }
    if (filter.state) {
      query = query.where('state', '=', filter.state);
      count = count.where('state', '=', filter.state);
    } else {
      query = query.where('state', '<>', 'closed');
      count = count.where('state', '<>', 'closed');
    }
    const rows = await query
      .orderBy('urgent', 'desc')
      .orderBy('received_at', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const total = Number((await count.executeTakeFirst())?.n ?? 0);
    return { items: rows.map(toRecord), total };
  }

  async contact(id: string): Promise<ReportContact | null> {
    const row = await this.db
      .selectFrom('abuse_report')
      .select(['contact_name', 'contact_email', 'contact_phone'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? { name: row.contact_name, email: row.contact_email, phone: row.contact_phone }
      : null;
  }

  async messages(id: string, kinds: readonly ('note' | 'reply')[]): Promise<ReportMessage[]> {
    if (kinds.length === 0) return [];
    const rows = await this.db
      .selectFrom('abuse_report_message')
      .select([
        'id',
        'kind',
        'body',
        'author_user_id',
        'author_organisation_id',
        'author_api_key_id',
        'created_at',
      ])
      .where('abuse_report_id', '=', id)
      .where('kind', 'in', [...kinds])
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: String(row.id),
      kind: row.kind,
      body: row.body,
      authorUserId: row.author_user_id,
      authorOrganisationId: row.author_organisation_id,
      authorApiKeyId: row.author_api_key_id,
      createdAt: row.created_at,
    }));
  }

  async insertMessage(
    trx: Executor,
    message: Omit<ReportMessage, 'id' | 'createdAt'> & { reportId: string; now: Date },
  ): Promise<string> {
    const row = await trx
      .insertInto('abuse_report_message')
      .values({
        abuse_report_id: message.reportId,
        kind: message.kind,
        body: message.body,
        author_user_id: message.authorUserId,
        author_organisation_id: message.authorOrganisationId,
        author_api_key_id: message.authorApiKeyId,
        created_at: message.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  }

  /** Whether any report exists (demo data loads only into an empty table). */
  async any(): Promise<boolean> {
    return (
      (await this.db.selectFrom('abuse_report').select('id').limit(1).executeTakeFirst()) !==
      undefined
    );
  }
}
