import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../../src/database.js';
import {
  AggregatesRepository,
  type RecordFact,
} from '../../src/modules/statistics/aggregates.repository.js';
import type { CubeId } from '../../src/modules/statistics/cubes.js';
import {
  createDisclosureControl,
  parseCellKeySecret,
  type CellKeySecret,
} from '../../src/modules/statistics/disclosure/index.js';
import { applicationFacts, jobSeekerFacts } from '../../src/modules/statistics/facts.js';
import { publishTable } from '../../src/modules/statistics/publish.js';
import type {
  PublishedTable,
  StatisticsViewer,
  TableId,
  TableQuery,
} from '../../src/modules/statistics/statistics.types.js';
import { TABLE_SPECS } from '../../src/modules/statistics/table-definitions.js';
import { openBulkWriter, type CopyRow } from '../../src/platform/db/copy.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { adminUrl, withDatabase } from '../helpers/postgres.js';
import {
  FACT_COLUMNS,
  PREFIX_OF,
  Prng,
  SOURCE_OF,
  SyntheticRecords,
  copyRowOf,
  factsOf,
  mixOf,
  recordId,
  type RecordKind,
} from './statistics-data.js';

/**
 * The aggregates part of `npm run bench -- statistics` (issue 16, part 6): N synthetic records
 * loaded as facts (statistics-data.ts), the cells rebuilt from them, the published tables the
 * dashboards ask answered from the cells beside the same tables by GROUP BY over the facts (the
 * raw per-record rows: the baseline) in the same run, then K new records applied as the consumer
 * does (replaceFacts, 500 records a transaction) and checked against a rebuild, and taken out
 * again (so that the database still holds N records for the next run).
 *
 * The data set is loaded once into the database `corridor_bench_statistics_<N>` of the server of
 * DATABASE_URL, or `.bench/statistics-<N>/` (PGlite) without it, and reused by later runs.
 */

export interface AggregatesOptions {
  records: number;
  rounds: number;
  baselineRounds: number;
  refresh: number;
  seed: number;
  /** False: keep the cells of an earlier run's rebuild when there are some (saves minutes). */
  rebuild: boolean;
}

/** The secret of the bench's record keys (fixed: the same data gives the same key sums). */
const SECRET: CellKeySecret = parseCellKeySecret(Buffer.alloc(32, 16).toString('base64'));
const LOAD_BATCH = 20_000;
const REFRESH_BATCH = 500;

const ANALYST: StatisticsViewer = {
  audience: 'restricted',
  userId: '00000000-0000-4000-8000-00000000b001',
  scope: {},
};
const PUBLIC: StatisticsViewer = { audience: 'public' };

interface Question {
  label: string;
  table: TableId;
  query: TableQuery;
}

const q = (
  label: string,
  table: TableId,
  by: TableQuery['by'],
  filters: TableQuery['filters'] = {},
  occupationLevel: TableQuery['occupationLevel'] = 4,
): Question => ({ label, table, query: { by, occupationLevel, filters } });

/** The questions the dashboards ask first (docs/statistics.md). */
export const QUESTIONS: readonly Question[] = [
  q('demand by destination', 'demand', 'destination'),
  q(
    'demand by ISCO level 2, NP→QA, 12 months',
    'demand',
    'occupation',
    { origin: 'NP', destination: 'QA', from: '2026-01', to: '2026-12' },
    2,
  ),
  q('demand by month, ISCO 9112', 'demand', 'month', { occupation: '9112' }),
  q('supply by origin', 'supply', 'origin'),
  q('supply by origin subdivision, NP', 'supply', 'origin-subdivision', { origin: 'NP' }),
  q('supply by language', 'supply', 'language'),
  q('supply by ISCO level 1, preferring QA', 'supply', 'occupation', { destination: 'QA' }, 1),
  q('matching by corridor', 'matching', 'corridor'),
  q(
    'matching by ISCO level 2, BD→SA, 12 months',
    'matching',
    'occupation',
    { origin: 'BD', destination: 'SA', from: '2025-07', to: '2026-06' },
    2,
  ),
  q('time to fill by destination (median, p90)', 'time-to-fill', 'destination'),
  q('processing by step (median, p90)', 'processing', 'step'),
];

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { rounds: sorted.length, p50: at(50), p95: at(95) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const n = (value: number) => value.toLocaleString('en');

async function openBenchDatabase(
  o: AggregatesOptions,
): Promise<{ handle: DatabaseHandle<Database>; url?: string; where: string }> {
  const name = `statistics-${o.records}-${o.seed}`;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.resolve('.bench', name);
    return { handle: await openDatabase<Database>({ kind: 'pglite', dataDir }), where: dataDir };
  }
  const database = `corridor_bench_${name.replaceAll('-', '_')}`;
  const admin = await openDatabase({
    kind: 'postgres',
    url: adminUrl(serverUrl),
    maxConnections: 1,
  });
  try {
    const exists = await sql<{ n: number }>`
      select count(*)::int as n from pg_database where datname = ${database}`.execute(admin.kysely);
    if (!exists.rows[0]?.n)
      await admin.kysely.executeQuery(CompiledQuery.raw(`create database "${database}"`));
  } finally {
    await admin.close();
  }
  const url = withDatabase(serverUrl, database);
  return {
    handle: await openDatabase<Database>({ kind: 'postgres', url, maxConnections: 4 }),
    url,
    where: database,
  };
}

interface Loaded {
  records: number;
  facts: number;
  seconds: number;
  reused: boolean;
}

/** Loads N records' facts with COPY unless the database already holds them. */
async function load(
  handle: DatabaseHandle<Database>,
  url: string | undefined,
  o: AggregatesOptions,
): Promise<Loaded> {
  const db = handle.kysely as unknown as Kysely<unknown>;
  await migrateToLatest(handle.kysely);
  await sql`create table if not exists bench_statistics_load (
      records bigint primary key, seed integer not null, facts bigint not null,
      seconds real not null, loaded_at timestamptz not null default now())`.execute(db);
  const done = await sql<{ facts: string; seconds: number }>`
    select facts, seconds from bench_statistics_load where records = ${o.records} and seed = ${o.seed}`.execute(
    db,
  );
  if (done.rows[0]) {
    return {
      records: o.records,
      facts: Number(done.rows[0].facts),
      seconds: done.rows[0].seconds,
      reused: true,
    };
  }
  await sql`truncate statistics_fact, statistics_cell, bench_statistics_load`.execute(db);
  const mix = mixOf(o.records);
  console.log(
    `Loading ${n(o.records)} records (${Object.entries(mix)
      .map(([kind, count]) => `${n(count)} ${kind}`)
      .join(', ')}) as facts with COPY…`,
  );
  const writer = await openBulkWriter(handle, url ? { url } : {});
  const random = new Prng(o.seed);
  const records = new SyntheticRecords(random);
  const started = performance.now();
  let facts = 0;
  let written = 0;
  let pending: Promise<unknown> = Promise.resolve();
  try {
    for (const kind of Object.keys(mix) as RecordKind[]) {
      const source = SOURCE_OF[kind];
      for (let first = 1; first <= mix[kind]; first += LOAD_BATCH) {
        const last = Math.min(mix[kind], first + LOAD_BATCH - 1);
        const rows: CopyRow[] = [];
        for (let i = first; i <= last; i += 1) {
          const id = recordId(PREFIX_OF[kind], i);
          for (const fact of factsOf(SECRET, records, kind, id))
            rows.push(copyRowOf(source, id, fact));
        }
        facts += rows.length;
        // The next batch is made while the server writes this one.
        await pending;
        pending = writer.transaction((session) =>
          session.copyRows('statistics_fact', FACT_COLUMNS, rows),
        );
        const before = written;
        written += last - first + 1;
        if (Math.floor(before / 1_000_000) !== Math.floor(written / 1_000_000)) {
          const seconds = (performance.now() - started) / 1000;
          console.log(`  ${n(written)} records, ${n(facts)} facts, ${seconds.toFixed(0)} s`);
        }
      }
    }
    await pending;
  } finally {
    await writer.close();
  }
  const copySeconds = (performance.now() - started) / 1000;
  const vacuumStarted = performance.now();
  await sql`vacuum analyze statistics_fact`.execute(db);
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `loaded ${n(facts)} facts in ${copySeconds.toFixed(0)} s (${n(Math.round(o.records / copySeconds))} records/s, record keys included), vacuum analyze ${vacuumSeconds.toFixed(0)} s`,
  );
  await sql`insert into bench_statistics_load (records, seed, facts, seconds)
    values (${o.records}, ${o.seed}, ${facts}, ${seconds})`.execute(db);
  return { records: o.records, facts, seconds, reused: false };
}

async function relationSizes(db: Kysely<unknown>) {
  const result = await sql<{ name: string; bytes: string }>`
    select relname as name, pg_total_relation_size(oid)::bigint as bytes from pg_class
    where relname in ('statistics_fact', 'statistics_cell')`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.name, Number(row.bytes)]));
}

/** The first row, column or total that differs between two tables, or null. */
function difference(a: PublishedTable, b: PublishedTable): string | null {
  if (a.rows.length !== b.rows.length) return `${a.rows.length} rows against ${b.rows.length}`;
  for (let i = 0; i < a.rows.length; i += 1) {
    if (JSON.stringify(a.rows[i]) !== JSON.stringify(b.rows[i])) {
      return `row ${i}: ${JSON.stringify(a.rows[i])} against ${JSON.stringify(b.rows[i])}`;
    }
  }
  if (JSON.stringify(a.total) !== JSON.stringify(b.total)) {
    return `total: ${JSON.stringify(a.total)} against ${JSON.stringify(b.total)}`;
  }
  return null;
}

/**
 * Cells that disagree with the sum of their facts in the given cubes, both ways (a missing or
 * wrong cell, a cell left over): zero when the deltas kept the cells right.
 */
async function mismatches(db: Kysely<unknown>, cubes: readonly CubeId[]): Promise<number> {
  const result = await sql<{ n: string }>`
    with f as (
      select cube, month, d1, d2, d3, d4, d5, d6, days, sum(count)::bigint as c,
        (sum(key_sum) % 4294967296)::bigint as k
      from statistics_fact where cube in (${sql.join(cubes)})
      group by cube, month, d1, d2, d3, d4, d5, d6, days),
    c as (
      select cube, month, d1, d2, d3, d4, d5, d6, days, count::bigint as c, key_sum::bigint as k
      from statistics_cell where cube in (${sql.join(cubes)}) and count <> 0)
    select ((select count(*) from (select * from f except select * from c) a)
      + (select count(*) from (select * from c except select * from f) b))::bigint as n`.execute(
    db,
  );
  return Number(result.rows[0]?.n ?? -1);
}

interface RefreshResult {
  source: 'application' | 'job_seeker';
  records: number;
  facts: number;
  transactions: number;
  seconds: number;
  perSecond: number;
  removeSeconds: number;
  cubes: CubeId[];
  mismatchesAfterAdd: number;
  mismatchesAfterRemove: number;
  checkSeconds: number;
}

/**
 * K new records of a source applied as the consumer applies changes: facts computed by the
 * engine's function, replaceFacts in transactions of 500 records; then the touched cubes'
 * cells compared with the sum of their facts; then the same records taken out again.
 */
async function refresh(
  repository: AggregatesRepository,
  db: Kysely<unknown>,
  source: 'application' | 'job_seeker',
  count: number,
  seed: number,
): Promise<RefreshResult> {
  const records = new SyntheticRecords(new Prng(seed));
  const tag = Date.now().toString(36);
  const cubes: CubeId[] =
    source === 'application'
      ? ['applications_cohort', 'placements_cohort']
      : [
          'job_seekers',
          'job_seekers_occupation',
          'job_seekers_language',
          'job_seekers_preference',
          'job_seekers_destination',
        ];
  // Timed as the consumer works: the records' facts (record keys included) computed, then
  // written with the cells' deltas, one transaction per 500 records.
  const batches: string[][] = [];
  let facts = 0;
  const started = performance.now();
  for (let first = 0; first < count; first += REFRESH_BATCH) {
    const ids: string[] = [];
    const batchFacts: RecordFact[] = [];
    for (let i = first; i < Math.min(count, first + REFRESH_BATCH); i += 1) {
      const id = `${source === 'application' ? 'ap' : 'js'}-new-${tag}-${String(i).padStart(7, '0')}`;
      ids.push(id);
      const made =
        source === 'application'
          ? applicationFacts(SECRET, records.application(id))
          : jobSeekerFacts(SECRET, records.jobSeeker(id));
      for (const fact of made) batchFacts.push({ ...fact, recordId: id });
    }
    facts += batchFacts.length;
    batches.push(ids);
    await repository.transaction((trx) => repository.replaceFacts(trx, source, ids, batchFacts));
  }
  const seconds = (performance.now() - started) / 1000;
  const checkStarted = performance.now();
  const mismatchesAfterAdd = await mismatches(db, cubes);
  const checkSeconds = (performance.now() - checkStarted) / 1000;
  const removeStarted = performance.now();
  for (const batch of batches) {
    await repository.transaction((trx) => repository.replaceFacts(trx, source, batch, []));
  }
  const removeSeconds = (performance.now() - removeStarted) / 1000;
  await repository.pruneEmptyCells();
  const mismatchesAfterRemove = await mismatches(db, cubes);
  return {
    source,
    records: count,
    facts,
    transactions: batches.length,
    seconds,
    perSecond: count / seconds,
    removeSeconds,
    cubes,
    mismatchesAfterAdd,
    mismatchesAfterRemove,
    checkSeconds,
  };
}

export async function aggregatesSuite(o: AggregatesOptions): Promise<Record<string, unknown>> {
  const { handle, url, where } = await openBenchDatabase(o);
  const db = handle.kysely as unknown as Kysely<unknown>;
  try {
    const loaded = await load(handle, url, o);
    const version = await sql<{ v: string }>`select version() as v`.execute(db);
    const host = {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: os.loadavg().map((x) => +x.toFixed(1)),
      database: version.rows[0]?.v.split(' ').slice(0, 2).join(' '),
    };
    console.log(`\nStatistics aggregates (${handle.kind}, ${where}): ${JSON.stringify(host)}`);
    console.log(
      `${n(loaded.records)} records, ${n(loaded.facts)} facts${loaded.reused ? ` (reused; loaded earlier in ${loaded.seconds.toFixed(0)} s)` : ` loaded in ${loaded.seconds.toFixed(0)} s`}`,
    );

    const repository = new AggregatesRepository(handle.kysely);
    const existing = o.rebuild ? 0 : (await repository.size()).cells;
    const buildStarted = performance.now();
    const cells =
      existing > 0 ? existing : await repository.transaction((trx) => repository.rebuildCells(trx));
    const buildMs = existing > 0 ? NaN : performance.now() - buildStarted;
    if (existing === 0) await sql`vacuum analyze statistics_cell`.execute(db);
    const sizes = await relationSizes(db);
    const perCube = await sql<{ cube: string; cells: string }>`
      select cube, count(*) as cells from statistics_cell group by cube order by 2 desc`.execute(
      db,
    );
    console.log(
      `rebuildCells: ${n(cells)} cells from ${n(loaded.facts)} facts ${existing > 0 ? 'kept from an earlier rebuild (--rebuild no)' : `in ${(buildMs / 1000).toFixed(1)} s`}; facts ${Math.round((sizes.statistics_fact ?? 0) / 2 ** 20)} MB, cells ${Math.round((sizes.statistics_cell ?? 0) / 2 ** 20)} MB (with indexes)`,
    );
    console.log(
      `cells by cube: ${perCube.rows.map((row) => `${row.cube} ${n(Number(row.cells))}`).join(', ')}`,
    );

    const control = createDisclosureControl();
    const deps = { repository, control, asOf: new Date() };
    const tables: Record<string, unknown>[] = [];
    console.log(
      `\nPublished tables, public audience (perturbed), ${o.rounds} rounds from the cells, ${o.baselineRounds} from the facts; ms`,
    );
    console.log(
      `${'question'.padEnd(46)} ${'rows'.padStart(5)}  ${'cells p50'.padStart(10)} ${'cells p95'.padStart(10)}  ${'facts p50'.padStart(10)} ${'facts p95'.padStart(10)}  ratio`,
    );
    for (const question of QUESTIONS) {
      const spec = TABLE_SPECS[question.table];
      // Exact figures first: the cells and the facts must give the same rows.
      const exactCells = await publishTable(spec, question.query, ANALYST, deps, 'cells');
      const exactFacts = await publishTable(spec, question.query, ANALYST, deps, 'facts');
      const exact = difference(exactCells, exactFacts);
      if (exact) {
        throw new Error(`"${question.label}": the cells and the facts differ (exact): ${exact}`);
      }
      let publicCells: PublishedTable | null = null;
      let publicFacts: PublishedTable | null = null;
      const fromCells: number[] = [];
      for (let round = 0; round < o.rounds; round += 1) {
        const started = performance.now();
        publicCells = await publishTable(spec, question.query, PUBLIC, deps, 'cells');
        fromCells.push(performance.now() - started);
      }
      const fromFacts: number[] = [];
      for (let round = 0; round < o.baselineRounds; round += 1) {
        const started = performance.now();
        publicFacts = await publishTable(spec, question.query, PUBLIC, deps, 'facts');
        fromFacts.push(performance.now() - started);
      }
      const perturbed = publicCells && publicFacts ? difference(publicCells, publicFacts) : null;
      if (perturbed) {
        throw new Error(
          `"${question.label}": the cells and the facts differ (public): ${perturbed}`,
        );
      }
      const cellsTime = summary(fromCells);
      const factsTime = summary(fromFacts);
      console.log(
        `${question.label.padEnd(46)} ${String(exactCells.rows.length).padStart(5)}  ${ms(cellsTime.p50).padStart(10)} ${ms(cellsTime.p95).padStart(10)}  ${ms(factsTime.p50).padStart(10)} ${ms(factsTime.p95).padStart(10)}  ${Math.round(factsTime.p50 / cellsTime.p50)}×`,
      );
      tables.push({
        ...question,
        rows: exactCells.rows.length,
        cells: cellsTime,
        facts: factsTime,
        fromCells,
        fromFacts,
      });
    }
    const worst = Math.max(...tables.map((t) => (t.cells as { p95: number }).p95));
    console.log(
      `same rows from the cells and from the facts on all ${QUESTIONS.length} questions (exact and public); slowest p95 from the cells ${ms(worst)} (target < 200 ms on PostgreSQL)`,
    );

    const refreshes: RefreshResult[] = [];
    if (o.refresh > 0) {
      console.log(
        `\nRefresh: new records applied with replaceFacts, ${REFRESH_BATCH} records a transaction, then checked against the facts and taken out again`,
      );
      for (const [source, count] of [
        ['application', o.refresh],
        ['job_seeker', Math.round(o.refresh / 10)],
      ] as const) {
        const result = await refresh(repository, db, source, count, o.seed + 1000);
        refreshes.push(result);
        console.log(
          `${`${n(result.records)} ${source} records (${n(result.facts)} facts)`.padEnd(46)} ${result.seconds.toFixed(1).padStart(7)} s  ${n(Math.round(result.perSecond))} records/s; taken out in ${result.removeSeconds.toFixed(1)} s; cells ≠ facts in ${result.cubes.join(', ')}: ${result.mismatchesAfterAdd} after, ${result.mismatchesAfterRemove} after taking out (check ${result.checkSeconds.toFixed(1)} s)`,
        );
        if (result.mismatchesAfterAdd !== 0 || result.mismatchesAfterRemove !== 0) {
          throw new Error(
            `The cells no longer equal the sum of the facts after the ${source} refresh`,
          );
        }
      }
    }

    const results = {
      options: o,
      host,
      where,
      kind: handle.kind,
      loaded,
      build: { ms: buildMs, cells, perCube: perCube.rows, sizes },
      tables,
      refreshes,
      at: new Date(),
    };
    await fs.mkdir('.bench', { recursive: true });
    await fs.writeFile(
      path.join('.bench', `statistics-results-${handle.kind}-${o.records}.json`),
      JSON.stringify(results, null, 2),
    );
    return results;
  } finally {
    await handle.close();
  }
}

interface RollupProbe {
  question: string;
  cube: CubeId;
  fineCells: number;
  rollupCells: number;
  fine: ReturnType<typeof summary>;
  rollup: ReturnType<typeof summary>;
}

/**
 * The roll-up probe (ADR 18): the cells of a few fine cubes summed once more to (month, d1, d2)
 * in a bench-only table, and the cell query of a whole-population breakdown timed over both,
 * R rounds each, the sums checked equal. What a coarse cube chosen first by publishTable would
 * save, measured without changing the engine.
 */
async function rollupProbe(db: Kysely<unknown>, rounds: number): Promise<RollupProbe[]> {
  const probes = [
    { question: 'demand by destination (positions)', cube: 'positions', code: 'd2' },
    { question: 'demand by destination (job orders)', cube: 'job_orders', code: 'd2' },
    { question: 'supply by origin (job seekers)', cube: 'job_seekers', code: 'd1' },
    {
      question: 'matching by corridor (applications)',
      cube: 'applications_cohort',
      code: "d1 || '-' || d2",
    },
  ] as const;
  await sql`drop table if exists bench_statistics_rollup`.execute(db);
  await sql`create table bench_statistics_rollup as
      select cube, month, d1, d2, sum(count)::bigint as count,
        (sum(key_sum) % 4294967296)::bigint as key_sum
      from statistics_cell where cube in (${sql.join(probes.map((p) => p.cube))})
      group by cube, month, d1, d2`.execute(db);
  await sql`alter table bench_statistics_rollup add primary key (cube, month, d1, d2)`.execute(db);
  await sql`vacuum analyze bench_statistics_rollup`.execute(db);
  const results: RollupProbe[] = [];
  try {
    for (const probe of probes) {
      const query = (table: string) => sql<{ code: string; count: string; key_sum: string }>`
        select ${sql.raw(probe.code)} as code, sum(count) as count,
          sum(key_sum) % 4294967296 as key_sum
        from ${sql.table(table)} where cube = ${probe.cube}
        group by 1 having sum(count) > 0 order by 1`;
      const times = { fine: [] as number[], rollup: [] as number[] };
      const answers: Record<string, string> = {};
      for (const [name, table] of [
        ['fine', 'statistics_cell'],
        ['rollup', 'bench_statistics_rollup'],
      ] as const) {
        for (let round = 0; round < rounds; round += 1) {
          const started = performance.now();
          const result = await query(table).execute(db);
          times[name].push(performance.now() - started);
          answers[name] = JSON.stringify(result.rows);
        }
      }
      if (answers.fine !== answers.rollup) {
        throw new Error(`The roll-up of ${probe.cube} does not give the sums of its cells`);
      }
      const sizes = await sql<{ fine: string; rollup: string }>`
        select (select count(*) from statistics_cell where cube = ${probe.cube}) as fine,
          (select count(*) from bench_statistics_rollup where cube = ${probe.cube}) as rollup`.execute(
        db,
      );
      results.push({
        question: probe.question,
        cube: probe.cube,
        fineCells: Number(sizes.rows[0]?.fine),
        rollupCells: Number(sizes.rows[0]?.rollup),
        fine: summary(times.fine),
        rollup: summary(times.rollup),
      });
    }
  } finally {
    await sql`drop table if exists bench_statistics_rollup`.execute(db);
  }
  return results;
}

/** `--parts rollup`: the roll-up probe alone, on the loaded bench database with its cells. */
export async function rollupSuite(o: AggregatesOptions): Promise<RollupProbe[]> {
  const { handle, url, where } = await openBenchDatabase(o);
  const db = handle.kysely as unknown as Kysely<unknown>;
  try {
    await load(handle, url, o);
    const repository = new AggregatesRepository(handle.kysely);
    if ((await repository.size()).cells === 0) {
      await repository.transaction((trx) => repository.rebuildCells(trx));
      await sql`vacuum analyze statistics_cell`.execute(db);
    }
    console.log(
      `\nRoll-up probe (${handle.kind}, ${where}, load average ${os.loadavg()[0]!.toFixed(1)}): one cell query over the fine cells and over the same cells summed to (month, d1, d2), ${o.rounds} rounds`,
    );
    const probes = await rollupProbe(db, o.rounds);
    for (const p of probes) {
      console.log(
        `${p.question.padEnd(40)} ${n(p.fineCells).padStart(9)} → ${n(p.rollupCells).padStart(6)} cells  p50 ${ms(p.fine.p50).padStart(9)} → ${ms(p.rollup.p50).padStart(8)}  p95 ${ms(p.fine.p95).padStart(9)} → ${ms(p.rollup.p95).padStart(8)}  same sums`,
      );
    }
    await fs.mkdir('.bench', { recursive: true });
    await fs.writeFile(
      path.join('.bench', `statistics-rollup-${handle.kind}-${o.records}.json`),
      JSON.stringify({ options: o, probes, at: new Date() }, null, 2),
    );
    return probes;
  } finally {
    await handle.close();
  }
}
