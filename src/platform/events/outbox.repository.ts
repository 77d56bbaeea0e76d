import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { DomainEvent, EventPosition, PublishedEvent } from './domain-event.js';
import type { EventTables } from './outbox.tables.js';

export type OutboxExecutor = Kysely<EventTables> | Transaction<EventTables>;

/**
 * The oldest transaction id still running, as a bigint: every transaction below it has ended,
 * so no event with a smaller txid can still appear. One scalar, evaluated in the statement's
 * own snapshot (the same snapshot that reads the events beside it).
 */
function horizonOf<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) {
  return eb.cast<number>(
    eb.cast(eb.fn('pg_snapshot_xmin', [eb.fn('pg_current_snapshot', [])]), 'text'),
    'bigint',
  );
}

/** The only SQL on domain_event and event_consumer. */
export class OutboxRepository {
  constructor(private readonly db: Kysely<EventTables>) {}

  transaction<T>(work: (trx: Transaction<EventTables>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async insert(executor: OutboxExecutor, events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await executor
      .insertInto('domain_event')
      .values(
        events.map((event) => ({
          type: event.type,
          subject_type: event.subjectType,
          subject_id: event.subjectId,
          payload: JSON.stringify(event.payload ?? {}),
        })),
      )
      .execute();
  }

  /**
   * The horizon, and the first `limit` committed events after `after` in (txid, id) order, in
   * one statement: a range scan of domain_event_position_idx, empty in the usual case.
   */
  async next(
    after: EventPosition,
    limit: number,
    executor: OutboxExecutor = this.db,
  ): Promise<{ horizon: number; events: PublishedEvent[] }> {
    const events = executor
      .selectFrom('domain_event')
      .selectAll()
      .where((eb) => eb(eb.refTuple('txid', 'id'), '>', eb.tuple(after.txid, after.id)))
      .orderBy('txid')
      .orderBy('id')
      .limit(limit)
      .as('e');
    const rows = await executor
      .selectFrom(executor.selectNoFrom((eb) => horizonOf(eb).as('horizon')).as('h'))
      .leftJoin(events, (join) => join.onTrue())
      .select([
        'h.horizon',
        'e.id',
        'e.txid',
        'e.type',
        'e.subject_type',
        'e.subject_id',
        'e.payload',
        'e.occurred_at',
      ])
      .orderBy('e.txid')
      .orderBy('e.id')
      .execute();
    const horizon = Number(rows[0]?.horizon ?? 0);
    return {
      horizon,
      events: rows.flatMap((row): PublishedEvent[] =>
        row.id === null ||
        row.txid === null ||
        row.type === null ||
        row.subject_type === null ||
        row.subject_id === null ||
        row.payload === null ||
        row.occurred_at === null
          ? []
          : [
              {
                id: Number(row.id),
                position: { txid: Number(row.txid), id: Number(row.id) },
                type: row.type,
                subjectType: row.subject_type,
                subjectId: row.subject_id,
                payload: row.payload,
                occurredAt: new Date(row.occurred_at),
              },
            ],
      ),
    };
  }

  async horizon(executor: OutboxExecutor = this.db): Promise<number> {
    const row = await executor
      .selectNoFrom((eb) => horizonOf(eb).as('horizon'))
      .executeTakeFirstOrThrow();
    return Number(row.horizon);
  }

  /** Creates the consumer's row at `start` unless it exists (its position is then kept). */
  async ensureConsumer(name: string, start: EventPosition): Promise<void> {
    await this.db
      .insertInto('event_consumer')
      .values({ name, after_txid: start.txid, after_id: start.id })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  /**
   * Locks the consumer's row for the transaction and gives its position; null when another
   * process holds it (that process is handling the next batch: nothing to do here).
   */
  async lockConsumer(trx: Transaction<EventTables>, name: string): Promise<EventPosition | null> {
    const row = await trx
      .selectFrom('event_consumer')
      .select(['after_txid', 'after_id'])
      .where('name', '=', name)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    return row ? { txid: Number(row.after_txid), id: Number(row.after_id) } : null;
  }

  async moveConsumer(
    trx: Transaction<EventTables>,
    name: string,
    position: EventPosition,
  ): Promise<void> {
    await trx
      .updateTable('event_consumer')
      .set({ after_txid: position.txid, after_id: position.id, updated_at: new Date() })
      .where('name', '=', name)
      .execute();
  }

  async consumerPosition(name: string): Promise<EventPosition | null> {
    const row = await this.db
      .selectFrom('event_consumer')
      .select(['after_txid', 'after_id'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? { txid: Number(row.after_txid), id: Number(row.after_id) } : null;
  }
}
