import type { ColumnType, GeneratedAlways } from 'kysely';

/** domain_event rows: append-only (migrations/20261203004700_domain_events.sql). */
export interface DomainEventTable {
  id: GeneratedAlways<number>;
  /** The writing transaction's id, from the column default. */
  txid: ColumnType<number, never, never>;
  type: string;
  subject_type: string;
  subject_id: string;
  // Inserted as JSON text: the pg driver would otherwise send a JS object as it sees fit.
  payload: ColumnType<Record<string, string | number | boolean | null>, string, never>;
  occurred_at: ColumnType<Date, never, never>;
}

/** One row per durable consumer: the position of the last event it handled. */
export interface EventConsumerTable {
  name: string;
  after_txid: ColumnType<number, number | undefined, number>;
  after_id: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface EventTables {
  domain_event: DomainEventTable;
  event_consumer: EventConsumerTable;
}
