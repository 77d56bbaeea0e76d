import type { Kysely } from 'kysely';
import {
  comparePositions,
  type DomainEvent,
  type EventExecutor,
  type EventPosition,
  type EventPublisher,
  type PublishedEvent,
} from './domain-event.js';
import { OutboxRepository, type OutboxExecutor } from './outbox.repository.js';
import type { EventTables } from './outbox.tables.js';

/** `<subject>.<past tense>`: lower-case words joined by dots, e.g. `vacancy.position_filled`. */
const EVENT_TYPE = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

/** What one read of the outbox gives (see `Outbox.read`). */
export interface OutboxBatch {
  /**
   * Events of transactions older than every transaction still running, in (txid, id) order:
   * nothing can ever appear before them, so a cursor may pass them.
   */
  settled: PublishedEvent[];
  /** The position after `settled`: the cursor to keep. */
  position: EventPosition;
  /** Whether more settled events may follow at once (the batch was full). */
  more: boolean;
  /**
   * Committed events of younger transactions, while an older one is still running. They come
   * again, settled, once it ends; a consumer that wants them early (the search index, so that a
   * suspension shows at once) applies them now and skips them later.
   */
  unsettled: PublishedEvent[];
}

export const DEFAULT_BATCH = 1_000;

/**
 * The transactional outbox (docs/adr/0010). `publish` writes events into `domain_event` in the
 * caller's transaction, so an event exists exactly when the change it describes committed.
 * `read` gives them in commit order: by (txid, id), and only below the horizon, the oldest
 * transaction still running. Identity ids alone would not do: a transaction that took id 7 may
 * commit after one that took id 8, and a cursor that had passed 8 would never see 7.
 */
export class Outbox implements EventPublisher {
  readonly repository: OutboxRepository;

  constructor(db: Kysely<EventTables>) {
    this.repository = new OutboxRepository(db);
  }

  /** An outbox on a database whose type lists more tables than the outbox's own. */
  static of<DB>(db: Kysely<DB>): Outbox {
    return new Outbox(db as unknown as Kysely<EventTables>);
  }

  async publish(trx: EventExecutor, events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      if (!EVENT_TYPE.test(event.type)) throw new Error(`not an event type: ${event.type}`);
    }
    await this.repository.insert(trx as OutboxExecutor, events);
  }

  /** The position before every event not yet settled: where a consumer starting now begins. */
  async head(executor?: OutboxExecutor): Promise<EventPosition> {
    return { txid: await this.repository.horizon(executor), id: 0 };
  }

  /** The next events after `after` (one statement; see OutboxBatch). */
  async read(
    after: EventPosition,
    options: { limit?: number; executor?: OutboxExecutor } = {},
  ): Promise<OutboxBatch> {
    const limit = options.limit ?? DEFAULT_BATCH;
    const { horizon, events } = await this.repository.next(after, limit, options.executor);
    return toBatch(after, horizon, events, limit);
  }
}

/**
 * Splits events read after `after` at the horizon (pure; see OutboxBatch). Settled events sort
 * before unsettled ones: a read that reached an unsettled event, or was not full, holds every
 * settled event there is, and the cursor moves up to the horizon.
 */
export function toBatch(
  after: EventPosition,
  horizon: number,
  events: readonly PublishedEvent[],
  limit: number,
): OutboxBatch {
  const settled = events.filter((event) => event.position.txid < horizon);
  const unsettled = events.filter((event) => event.position.txid >= horizon);
  const more = unsettled.length === 0 && events.length >= limit;
  const last = settled.at(-1);
  let position = after;
  if (more && last) position = last.position;
  else if (!more) position = latest(after, { txid: horizon, id: 0 });
  return { settled, position, more, unsettled };
}

function latest(a: EventPosition, b: EventPosition): EventPosition {
  return comparePositions(a, b) >= 0 ? a : b;
}
