import { sql, type Kysely, type Transaction } from 'kysely';
import {
  DIM_COLUMNS,
  ROLLUPS_OF,
  baseOf,
  keptColumns,
  type CubeId,
  type DimColumn,
} from './cubes.js';
import { KEY_SPACE } from './disclosure/record-key.js';
import type { Fact } from './facts.js';
import type {
  CellCoordinates,
  FactSource,
  StatisticsDb,
  StatisticsTables,
} from './statistics.tables.js';

type Executor = Kysely<StatisticsTables> | Transaction<StatisticsTables>;

/** A fact with the record it belongs to. */
export interface RecordFact extends Fact {
  recordId: string;
}

/** One row of a cell query: the row code, the days when asked for, and the summed tally. */
export interface CellSum {
  code: string;
  days: number;
  count: number;
  keySum: number;
}

/** What a cell query selects: a cube, the filters on its columns and months, and the row code. */
export interface CellQuery {
  cube: CubeId;
  /** Exact values, by column. */
  equals: Partial<Record<DimColumn, string>>;
  /** A prefix (an ISCO group), by column. */
  prefix: Partial<Record<DimColumn, string>>;
  from?: string;
  to?: string;
  /**
   * The row code: a column, a column cut to its first n characters (ISCO level), two columns
   * joined by '-' (a corridor), the month, or null for the total.
   */
  rows:
    | { column: DimColumn; length?: number }
    | { columns: [DimColumn, DimColumn] }
    | { month: true }
    | null;
  /** Split by whole days (for medians and percentiles). */
  byDays: boolean;
}

const FACT_CHUNK = 1000;
const CELL_CHUNK = 1000;
const COORDINATES = ['cube', 'month', ...DIM_COLUMNS, 'days'] as const;

const coordinatesKey = (c: CellCoordinates) =>
  `${c.cube}\u0000${c.month}\u0000${c.d1}\u0000${c.d2}\u0000${c.d3}\u0000${c.d4}\u0000${c.d5}\u0000${c.d6}\u0000${c.days}`;

/**
 * The statistics module's tables: facts replaced per record, cells kept as the sum of their
 * facts (count, key sum modulo 2³²) by deltas in the same transaction, and the cell queries the
 * published tables are made of.
 */
export class AggregatesRepository {
  constructor(private readonly db: StatisticsDb) {}

  private get own(): Kysely<StatisticsTables> {
    return this.db;
  }

  transaction<T>(work: (trx: Transaction<StatisticsTables>) => Promise<T>): Promise<T> {
    return this.own.transaction().execute(work);
  }

  /**
   * Replaces the facts of `recordIds` of `source` with `facts` (records absent from `facts` are
   * removed: erased, or no longer counted) and moves the cells by the difference: one
   * transaction, so that the cells always equal the sum of the facts.
   */
  async replaceFacts(
    trx: Executor,
    source: FactSource,
    recordIds: readonly string[],
    facts: readonly RecordFact[],
  ): Promise<{ removed: number; added: number }> {
    const deltas = new Map<string, { at: CellCoordinates; count: number; keySum: number }>();
    const moveOne = (at: CellCoordinates, count: number, keySum: number) => {
      const key = coordinatesKey(at);
      const delta = deltas.get(key);
      if (delta) {
        delta.count += count;
        delta.keySum = (((delta.keySum + keySum) % KEY_SPACE) + KEY_SPACE) % KEY_SPACE;
      } else {
        deltas.set(key, { at, count, keySum: ((keySum % KEY_SPACE) + KEY_SPACE) % KEY_SPACE });
      }
    };
    // A fact moves its base cube's cell and the matching cell of each of its roll-ups.
    const move = (at: CellCoordinates, count: number, keySum: number) => {
      moveOne(at, count, keySum);
      for (const rollup of ROLLUPS_OF.get(at.cube) ?? []) {
        moveOne(projected(at, rollup), count, keySum);
      }
    };
    let removed = 0;
    for (let i = 0; i < recordIds.length; i += FACT_CHUNK) {
      const ids = recordIds.slice(i, i + FACT_CHUNK);
      const old = await trx
        .deleteFrom('statistics_fact')
        .where('source', '=', source)
        .where('record_id', 'in', ids)
        .returning([...COORDINATES, 'count', 'key_sum'])
        .execute();
      removed += old.length;
      for (const row of old) move(row, -row.count, -Number(row.key_sum));
    }
    for (let i = 0; i < facts.length; i += FACT_CHUNK) {
      const rows = facts.slice(i, i + FACT_CHUNK).map((fact) => ({
        source,
        record_id: fact.recordId,
        ...coordinatesOf(fact),
        count: fact.count,
        key_sum: fact.keySum,
      }));
      await trx.insertInto('statistics_fact').values(rows).execute();
    }
    for (const fact of facts) move(fact, fact.count, fact.keySum);
    const changed = [...deltas.values()].filter((d) => d.count !== 0 || d.keySum !== 0);
    for (let i = 0; i < changed.length; i += CELL_CHUNK) {
      const rows = changed.slice(i, i + CELL_CHUNK).map((d) => ({
        ...coordinatesOf(d.at),
        count: d.count,
        key_sum: d.keySum,
      }));
      await trx
        .insertInto('statistics_cell')
        .values(rows)
        .onConflict((conflict) =>
          conflict.columns([...COORDINATES]).doUpdateSet({
            count: sql`statistics_cell.count + excluded.count`,
            key_sum: sql`(statistics_cell.key_sum + excluded.key_sum) % ${sql.lit(KEY_SPACE)}`,
          }),
        )
        .execute();
    }
    return { removed, added: facts.length };
  }

  /** The facts of one record (a person's data download). */
  async factsOf(source: FactSource, recordId: string): Promise<CellCoordinates[]> {
    return this.own
      .selectFrom('statistics_fact')
      .select([...COORDINATES])
      .where('source', '=', source)
      .where('record_id', '=', recordId)
      .orderBy('cube')
      .execute();
  }

  /** Empties facts and cells (before a rebuild from every source). */
  async clear(trx: Executor): Promise<void> {
    await trx.deleteFrom('statistics_fact').execute();
    await trx.deleteFrom('statistics_cell').execute();
  }

  /** Recomputes every cell from the facts (after a rebuild; also the check of the deltas). */
  async rebuildCells(trx: Executor): Promise<number> {
    await trx.deleteFrom('statistics_cell').execute();
    const result = await sql`
      insert into statistics_cell (cube, month, d1, d2, d3, d4, d5, d6, days, count, key_sum)
      select cube, month, d1, d2, d3, d4, d5, d6, days, sum(count), sum(key_sum) % ${sql.lit(KEY_SPACE)}
      from statistics_fact
      group by cube, month, d1, d2, d3, d4, d5, d6, days`.execute(trx);
    let cells = Number(result.numAffectedRows ?? 0);
    for (const [base, rollups] of ROLLUPS_OF) {
      for (const rollup of rollups) {
        const kept = new Set(keptColumns(rollup));
        const columns = DIM_COLUMNS.map((c) => (kept.has(c) ? sql.ref(c) : sql.lit('')));
        const grouped = DIM_COLUMNS.filter((c) => kept.has(c)).map((c) => sql.ref(c));
        const added = await sql`
          insert into statistics_cell (cube, month, d1, d2, d3, d4, d5, d6, days, count, key_sum)
          select ${rollup}, month, ${sql.join(columns)}, days, sum(count),
            sum(key_sum) % ${sql.lit(KEY_SPACE)}
          from statistics_fact
          where cube = ${base}
          group by ${sql.join([sql.ref('month'), ...grouped, sql.ref('days')])}`.execute(trx);
        cells += Number(added.numAffectedRows ?? 0);
      }
    }
    return cells;
  }

  /** Removes the cells whose facts have all gone (count 0): housekeeping, not correctness. */
  async pruneEmptyCells(trx: Executor = this.own): Promise<number> {
    const result = await trx
      .deleteFrom('statistics_cell')
      .where('count', '=', 0)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Sums of cells for a published table (from the cells) or the same from the facts. */
  async sums(query: CellQuery, from: 'cells' | 'facts' = 'cells'): Promise<CellSum[]> {
    const table = from === 'cells' ? sql.table('statistics_cell') : sql.table('statistics_fact');
    // The facts of a roll-up are its base cube's, in the same columns.
    const conditions = [sql`cube = ${from === 'cells' ? query.cube : baseOf(query.cube)}`];
    for (const [column, value] of Object.entries(query.equals)) {
      conditions.push(sql`${sql.ref(column)} = ${value}`);
    }
    for (const [column, value] of Object.entries(query.prefix)) {
      conditions.push(sql`left(${sql.ref(column)}, ${value.length}) = ${value}`);
    }
    if (query.from) conditions.push(sql`month >= ${query.from}`);
    if (query.to) conditions.push(sql`month <= ${query.to}`);
    const code = codeExpression(query.rows);
    const days = query.byDays ? sql`days` : sql`-1`;
    const result = await sql<{ code: string; days: number; count: string; key_sum: string }>`
      select ${code} as code, ${days} as days, sum(count) as count,
        sum(key_sum) % ${sql.lit(KEY_SPACE)} as key_sum
      from ${table}
      where ${sql.join(conditions, sql` and `)}
      group by 1, 2
      having sum(count) > 0`.execute(this.own);
    return result.rows.map((row) => ({
      code: row.code,
      days: Number(row.days),
      count: Number(row.count),
      keySum: Number(row.key_sum),
    }));
  }

  async state(): Promise<{ rebuiltAt: Date | null; refreshedAt: Date | null }> {
    const row = await this.own
      .selectFrom('statistics_state')
      .select(['rebuilt_at', 'refreshed_at'])
      .executeTakeFirst();
    return { rebuiltAt: row?.rebuilt_at ?? null, refreshedAt: row?.refreshed_at ?? null };
  }

  /** Locks the state row for the transaction (one rebuild at a time) and reads it. */
  async lockState(trx: Executor): Promise<{ rebuiltAt: Date | null }> {
    const row = await trx
      .selectFrom('statistics_state')
      .select('rebuilt_at')
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirst();
    return { rebuiltAt: row?.rebuilt_at ?? null };
  }

  /** Asks for a rebuild at the next refresh (`corridor`'s operators, after a rate file reload). */
  async requestRebuild(): Promise<void> {
    await this.own
      .updateTable('statistics_state')
      .set({ rebuilt_at: null })
      .where('id', '=', 1)
      .execute();
  }

  async markRebuilt(trx: Executor, at: Date): Promise<void> {
    await trx
      .updateTable('statistics_state')
      .set({ rebuilt_at: at, refreshed_at: at })
      .where('id', '=', 1)
      .execute();
  }

  async markRefreshed(trx: Executor, at: Date): Promise<void> {
    await trx
      .updateTable('statistics_state')
      .set({ refreshed_at: at })
      .where('id', '=', 1)
      .execute();
  }

  /** How many facts and cells (for the benchmark and the health of the aggregates). */
  async size(): Promise<{ facts: number; cells: number }> {
    const [facts, cells] = await Promise.all([
      this.own
        .selectFrom('statistics_fact')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      this.own
        .selectFrom('statistics_cell')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { facts: Number(facts.n), cells: Number(cells.n) };
  }
}

/** A base cube's cell coordinates in one of its roll-ups: the columns it drops left empty. */
function projected(at: CellCoordinates, rollup: CubeId): CellCoordinates {
  const kept = new Set(keptColumns(rollup));
  const out: CellCoordinates = { ...coordinatesOf(at), cube: rollup };
  for (const column of DIM_COLUMNS) if (!kept.has(column)) out[column] = '';
  return out;
}

function coordinatesOf(c: CellCoordinates): CellCoordinates {
  return {
    cube: c.cube,
    month: c.month,
    d1: c.d1,
    d2: c.d2,
    d3: c.d3,
    d4: c.d4,
    d5: c.d5,
    d6: c.d6,
    days: c.days,
  };
}

function codeExpression(rows: CellQuery['rows']) {
  if (rows === null) return sql`'_T'`;
  if ('month' in rows) return sql`month`;
  if ('columns' in rows) {
    const [a, b] = rows.columns;
    return sql`${sql.ref(a)} || '-' || ${sql.ref(b)}`;
  }
  if (rows.length) {
    // An ISCO group at a level: the unknown code stays whole.
    return sql`case when ${sql.ref(rows.column)} = '_U' then '_U' else left(${sql.ref(rows.column)}, ${sql.lit(rows.length)}) end`;
  }
  return sql`${sql.ref(rows.column)}`;
}
