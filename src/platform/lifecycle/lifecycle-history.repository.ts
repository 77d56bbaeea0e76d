import { sql, type QueryExecutorProvider } from 'kysely';
import type { LifecycleEventRow } from './transition.js';
import type { LifecycleEventColumns } from './lifecycle-event.columns.js';

/**
 * The one history query of every lifecycle's event table (licence_event,
 * employer_vetting_event, vacancy_event…): they all have the same columns (ADR 9), with the
 * subject's key under the table's own name (`licence_id`) and, at most, a few columns of the
 * event's own (a licence's new end date). Tables and columns are named by the module's
 * repository, never by the caller's input.
 */

export interface LifecycleEventTable {
  /** 'licence_event' */
  table: string;
  /** 'licence_id' */
  subjectColumn: string;
  /** Columns of this table's own, read as text: ['valid_to']. */
  details?: readonly string[];
}

export interface LifecycleHistoryRow extends LifecycleEventRow {
  /** The row's id (a bigint, as text): later events have larger ids. */
  id: string;
  details: Record<string, string | null>;
}

type RawRow = Omit<LifecycleEventColumns, 'occurred_at'> & {
  id: string | number | bigint;
  subject_id: string;
  occurred_at: Date | string;
  [detail: string]: unknown;
};

const NAME = /^[a-z_][a-z0-9_]*$/;

function checkedName(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a column or table name: ${name}`);
  return name;
}

export class LifecycleHistoryRepository {
  /** Any Kysely database or transaction that has the table. */
  constructor(private readonly db: QueryExecutorProvider) {}

  /** The events of these subjects, newest first. */
  async history(
    source: LifecycleEventTable,
    subjectIds: readonly string[],
  ): Promise<LifecycleHistoryRow[]> {
    if (subjectIds.length === 0) return [];
    const table = checkedName(source.table);
    const subject = checkedName(source.subjectColumn);
    const details = (source.details ?? []).map(checkedName);
    const detailColumns = details.map(
      (column) => sql`${sql.ref(column)}::text as ${sql.ref(`detail_${column}`)}`,
    );
    const { rows } = await sql<RawRow>`
      select id, ${sql.ref(subject)}::text as subject_id, event, from_state, to_state, reason,
        actor_user_id, actor_organisation_id, actor_role, actor_api_key_id, occurred_at
        ${detailColumns.length > 0 ? sql`, ${sql.join(detailColumns)}` : sql``}
      from ${sql.table(table)}
      where ${sql.ref(subject)} in (${sql.join([...subjectIds])})
      order by id desc`.execute(this.db);
    return rows.map((row) => ({
      id: String(row.id),
      subjectId: row.subject_id,
      event: row.event,
      fromState: row.from_state,
      toState: row.to_state,
      reason: row.reason,
      actorUserId: row.actor_user_id,
      actorOrganisationId: row.actor_organisation_id,
      actorRole: row.actor_role,
      actorApiKeyId: row.actor_api_key_id,
      occurredAt: row.occurred_at instanceof Date ? row.occurred_at : new Date(row.occurred_at),
      details: Object.fromEntries(
        details.map((column) => {
          const value = row[`detail_${column}`];
          return [column, typeof value === 'string' ? value : null];
        }),
      ),
    }));
  }
}
