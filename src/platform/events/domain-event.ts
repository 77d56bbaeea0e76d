import type { Kysely, Transaction } from 'kysely';

/**
 * A domain event: a fact a module publishes about its own records (`vacancy.published`,
 * `licence.suspended`), written to the transactional outbox (`domain_event`) in the same
 * transaction as the change it describes. Consumers (the vacancy search index, and next the
 * matching index, statistics aggregates, notifications) read the outbox with their own cursor,
 * at least once, and must be idempotent.
 */
export interface DomainEvent {
  /** `<subject>.<past-tense verb>`, the same words as the audit action. */
  type: string;
  /** 'vacancy', 'licence', 'employer_vetting'… */
  subjectType: string;
  subjectId: string;
  /** Small facts consumers need without reading the publisher's tables (never personal data). */
  payload?: Record<string, string | number | boolean | null>;
}

/**
 * A transaction (or the database) that the outbox row is written in: any module's, whatever its
 * tables. Kysely's types are invariant in the tables, so no narrower type admits them all
 * (`Kysely<never>` and `Kysely<object>` are refused); the outbox sees it with its own tables.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventExecutor = Kysely<any> | Transaction<any>;

/** What a service is given to publish events: written in the caller's transaction. */
export interface EventPublisher {
  publish(trx: EventExecutor, events: readonly DomainEvent[]): Promise<void>;
}

/**
 * A place in the outbox, in commit order: after the event `id` of transaction `txid`. Events
 * are ordered by (txid, id); `{ txid: t, id: 0 }` stands before every event of transaction t.
 */
export interface EventPosition {
  txid: number;
  id: number;
}

/** Before every event. */
export const BEGINNING: EventPosition = Object.freeze({ txid: 0, id: 0 });

/** An event as consumers read it from the outbox. */
export interface PublishedEvent extends DomainEvent {
  id: number;
  position: EventPosition;
  payload: Record<string, string | number | boolean | null>;
  occurredAt: Date;
}

/** Orders two positions: negative when `a` comes first. */
export function comparePositions(a: EventPosition, b: EventPosition): number {
  return a.txid !== b.txid ? a.txid - b.txid : a.id - b.id;
}
