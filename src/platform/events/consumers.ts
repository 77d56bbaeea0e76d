import type { Transaction } from 'kysely';
import { BEGINNING, type EventPosition, type PublishedEvent } from './domain-event.js';
import { DEFAULT_BATCH, type Outbox } from './outbox.js';

/**
 * Handles a batch of events inside the consumer's transaction. Database work must use `trx`
 * (on PGlite there is one connection, and the transaction holds it): it commits together with
 * the cursor, so the batch is handled once. Anything outside the database (a mail) may happen
 * again if the transaction then fails: make it idempotent.
 */
export type EventHandler<DB> = (
  trx: Transaction<DB>,
  events: readonly PublishedEvent[],
) => Promise<void>;

/**
 * A consumer with a name and a durable cursor (a row of event_consumer): work done once for the
 * whole system, whichever process does it (notifications, statistics). A batch is read, handled
 * and the cursor moved in one transaction that holds the consumer's row; another process that
 * finds the row locked does nothing (`skip locked`) rather than handle the same batch.
 */
export class DurableConsumer<DB> {
  private created = false;

  constructor(
    private readonly outbox: Outbox,
    readonly name: string,
    private readonly handler: EventHandler<DB>,
    private readonly options: { start?: 'beginning' | 'now'; batchSize?: number } = {},
  ) {}

  /** Handles at most one batch; returns how many events (0: none, or another process has it). */
  async runOnce(): Promise<number> {
    const { repository } = this.outbox;
    if (!this.created) {
      const start = this.options.start === 'now' ? await this.outbox.head() : BEGINNING;
      await repository.ensureConsumer(this.name, start);
      this.created = true;
    }
    return repository.transaction(async (trx) => {
      const after = await repository.lockConsumer(trx, this.name);
      if (!after) return 0;
      const batch = await this.outbox.read(after, {
        limit: this.options.batchSize ?? DEFAULT_BATCH,
        executor: trx,
      });
      if (batch.settled.length > 0) {
        await this.handler(trx as unknown as Transaction<DB>, batch.settled);
      }
      if (batch.position.txid !== after.txid || batch.position.id !== after.id) {
        await repository.moveConsumer(trx, this.name, batch.position);
      }
      return batch.settled.length;
    });
  }

  /** Handles batches until none is left; returns how many events. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.runOnce();
      total += handled;
      if (handled === 0) return total;
    }
  }

  position(): Promise<EventPosition | null> {
    return this.outbox.repository.consumerPosition(this.name);
  }
}

/**
 * An in-memory cursor, for a consumer whose state is itself in memory and rebuilt at start (the
 * public vacancy search index in every process): it starts at the position read before the
 * state was loaded, and gives each event once, unsettled events as soon as they are committed.
 */
export class EventFollower {
  private cursor: EventPosition;
  /** Unsettled events already given: skipped when they come again, settled. */
  private readonly early = new Set<number>();

  constructor(
    private readonly outbox: Pick<Outbox, 'read'>,
    from: EventPosition,
    private readonly batchSize = DEFAULT_BATCH,
  ) {
    this.cursor = from;
  }

  get position(): EventPosition {
    return this.cursor;
  }

  /** The events committed since the last call (usually none: one indexed read). */
  async next(): Promise<PublishedEvent[]> {
    const fresh: PublishedEvent[] = [];
    for (;;) {
      const batch = await this.outbox.read(this.cursor, { limit: this.batchSize });
      for (const event of batch.settled) if (!this.early.delete(event.id)) fresh.push(event);
      for (const event of batch.unsettled) {
        if (this.early.has(event.id)) continue;
        this.early.add(event.id);
        fresh.push(event);
      }
      this.cursor = batch.position;
      if (!batch.more) return fresh;
    }
  }
}
