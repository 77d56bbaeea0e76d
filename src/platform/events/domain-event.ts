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

/** A transaction (or the database) that the outbox row is written in. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventExecutor = Kysely<any> | Transaction<any>;

/** What a service is given to publish events: written in the caller's transaction. */
export interface EventPublisher {
  publish(trx: EventExecutor, events: readonly DomainEvent[]): Promise<void>;
}
