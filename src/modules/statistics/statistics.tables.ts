import type { Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

/** The sources a fact comes from (the modules that own the records). */
export type FactSource = 'vacancy' | 'job_seeker' | 'application' | 'decision';

/** Where a fact or a cell sits: a cube, a month and up to six dimension values. */
export interface CellCoordinates {
  cube: string;
  /** 'YYYY-MM'. */
  month: string;
  d1: string;
  d2: string;
  d3: string;
  d4: string;
  d5: string;
  d6: string;
  /** Whole days of a duration, or -1 when the cube has none. */
  days: number;
}

/** What one source record contributes to one cube (migration 20261209010000). */
export interface StatisticsFactTable extends CellCoordinates {
  source: FactSource;
  record_id: string;
  count: number;
  /** Sum of the record keys of the records counted, modulo 2³². */
  key_sum: string | number | bigint;
}

/** A pre-aggregated cell: the count and key sum of the facts in it. */
export interface StatisticsCellTable extends CellCoordinates {
  count: string | number | bigint;
  key_sum: string | number | bigint;
}

export interface StatisticsStateTable {
  id: number;
  rebuilt_at: Date | null;
  refreshed_at: Date | null;
}

export interface StatisticsTables {
  statistics_fact: StatisticsFactTable;
  statistics_cell: StatisticsCellTable;
  statistics_state: StatisticsStateTable;
}

export type StatisticsDb = Kysely<StatisticsTables & ReferenceTables>;
