import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import type { Database } from '../../src/database.js';
import { generateIntoDatabase } from '../../src/devtools/generate/run.js';
import { loadConfig } from '../../src/config.js';
import type { VacancySearchService } from '../../src/modules/vacancies/search/search.service.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { seed } from '../../src/seed.js';
import { createServices } from '../../src/services.js';
import { adminUrl, withDatabase } from '../helpers/postgres.js';
import { baselineSearch, ensureBaselineIndex } from './search-baseline.js';
import { SEARCH_QUERIES, type BenchQuery } from './search-queries.js';

/**
 * `npm run bench -- search [--count N] [--seed S] [--rounds R] [--concurrency C]
 * [--baseline-minutes M]`: public vacancy search with facet counts (DESIGN.md §6: p95 < 50 ms
 * and ≥ 100 queries/s at 1M vacancies), beside plain PostgreSQL full text over the same data in
 * the same run. The data set is generated once (`corridor generate vacancies`) into
 * `.bench/search-<count>-<seed>/` (PGlite) or the database `corridor_bench_search_<count>_<seed>`
 * on the server of DATABASE_URL, and reused by later runs.
 */

interface Options {
  count: number;
  seed: number;
  rounds: number;
  concurrency: number;
  baselineMinutes: number;
}

function options(argv: readonly string[]): Options {
  const read = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    if (at === -1) return fallback;
    const value = Number((argv[at + 1] ?? '').replace(/[_,]/g, ''));
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
    return value;
  };
  return {
    count: read('count', 1_000_000),
    seed: read('seed', 1),
    rounds: read('rounds', 5),
    concurrency: read('concurrency', 8),
    baselineMinutes: read('baseline-minutes', 10),
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

function summary(times: number[], wallMs: number) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return {
    queries: sorted.length,
    p50: at(50),
    p95: at(95),
    max: sorted.at(-1) ?? NaN,
    perSecond: sorted.length / (wallMs / 1000),
  };
}

type Summary = ReturnType<typeof summary>;

function line(label: string, s: Summary) {
  console.log(
    `${label.padEnd(44)} ${String(s.queries).padStart(5)} queries  p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  ${s.perSecond.toFixed(1)}/s`,
  );
}

async function openBenchDatabase(
  o: Options,
): Promise<{ handle: DatabaseHandle<Database>; url?: string; where: string }> {
  const name = `search-${o.count}-${o.seed}`;
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
    const exists = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_database where datname = ${database}`.execute(
      admin.kysely,
    );
    if (!exists.rows[0]?.n)
      await admin.kysely.executeQuery(CompiledQuery.raw(`create database "${database}"`));
  } finally {
    await admin.close();
  }
  const url = withDatabase(serverUrl, database);
  return {
    handle: await openDatabase<Database>({ kind: 'postgres', url, maxConnections: 10 }),
    url,
    where: database,
  };
}

async function prepare(handle: DatabaseHandle<Database>, url: string | undefined, o: Options) {
  await migrateToLatest(handle.kysely);
  await seed(handle.kysely, { demo: false });
  const { n } = await handle.kysely
    .selectFrom('vacancy')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const present = Number(n);
  if (present === o.count) return null;
  if (present !== 0)
    throw new Error(
      `The bench database holds ${present} vacancies, not ${o.count}: delete it and run again.`,
    );
  console.log(`Generating ${o.count.toLocaleString('en')} vacancies (seed ${o.seed})…`);
  const report = await generateIntoDatabase(handle, {
    ...(url ? { url } : {}),
    count: o.count,
    seed: o.seed,
    organisations: 'synthetic',
    onProgress: ({ written, seconds }) => {
      if (written % 100_000 === 0 || written === o.count) {
        console.log(`  ${written.toLocaleString('en')} written, ${seconds.toFixed(0)} s`);
      }
    },
  });
  const started = performance.now();
  // PGlite has no autovacuum: statistics for the baseline's planner, hint bits for everyone.
  await sql`vacuum analyze`.execute(handle.kysely);
  const vacuumSeconds = (performance.now() - started) / 1000;
  console.log(
    `Generated in ${report.seconds.toFixed(0)} s (${report.vacanciesPerSecond}/s); vacuum analyze ${vacuumSeconds.toFixed(0)} s`,
  );
  return { ...report, vacuumSeconds };
}

async function machine(handle: DatabaseHandle<Database>) {
  const version = await sql<{ version: string }>`select version()`.execute(handle.kysely);
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memory: `${Math.round(os.totalmem() / 1024 ** 3)} GB`,
    node: process.version,
    database:
      handle.kind === 'pglite'
        ? `PGlite ${(version.rows[0]?.version ?? '').split(' ')[1] ?? ''} (file store)`
        : (version.rows[0]?.version ?? '').split(' on ')[0],
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
}

async function sequential(
  service: VacancySearchService,
  queries: readonly BenchQuery[],
  rounds: number,
) {
  const times: number[] = [];
  const perQuery = new Map<string, number[]>();
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const { label, language, query } of queries) {
      const t = performance.now();
      await service.search(query, language);
      const elapsed = performance.now() - t;
      times.push(elapsed);
      perQuery.set(label, [...(perQuery.get(label) ?? []), elapsed]);
    }
  }
  return { summary: summary(times, performance.now() - started), perQuery };
}

async function concurrent(
  service: VacancySearchService,
  queries: readonly BenchQuery[],
  rounds: number,
  inFlight: number,
) {
  const work = Array.from({ length: rounds }, () => queries).flat();
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < work.length) {
        const item = work[next++]!;
        const t = performance.now();
        await service.search(item.query, item.language);
        times.push(performance.now() - t);
      }
    }),
  );
  return summary(times, performance.now() - started);
}

async function baseline(
  handle: DatabaseHandle<Database>,
  queries: readonly BenchQuery[],
  minutes: number,
) {
  const times: number[] = [];
  const totals = new Map<string, number>();
  const deadline = performance.now() + minutes * 60_000;
  const started = performance.now();
  for (const { label, query } of queries) {
    if (performance.now() > deadline) break;
    const t = performance.now();
    const result = await baselineSearch(handle.kysely, query, new Date());
    times.push(performance.now() - t);
    totals.set(label, result.total);
  }
  return { summary: summary(times, performance.now() - started), totals };
}

export async function searchSuite(argv: readonly string[]): Promise<void> {
  const o = options(argv);
  const { handle, url, where } = await openBenchDatabase(o);
  try {
    const generated = await prepare(handle, url, o);
    const host = await machine(handle);
    console.log(`\nVacancy search (${handle.kind}, ${where}): ${JSON.stringify(host)}`);

    // As the app builds it: the licensing and organisations services answer for their tables.
    const service = createServices({
      db: handle.kysely,
      config: loadConfig({ NODE_ENV: 'test' }),
    }).vacancySearch;
    const before = process.memoryUsage();
    const buildStarted = performance.now();
    await service.warm();
    const buildMs = performance.now() - buildStarted;
    const after = process.memoryUsage();
    const stats = service.stats();
    console.log(
      `Index built in ${(buildMs / 1000).toFixed(1)} s: ${stats.vacancies.toLocaleString('en')} visible vacancies, ${stats.terms.toLocaleString('en')} terms, ${stats.postings.toLocaleString('en')} postings, ${mb(stats.bytes)} of index; process heap +${mb(after.heapUsed - before.heapUsed)}, array buffers +${mb(after.arrayBuffers - before.arrayBuffers)}, RSS ${mb(after.rss)}`,
    );

    for (const { query, language } of SEARCH_QUERIES) await service.search(query, language);
    const ours = await sequential(service, SEARCH_QUERIES, o.rounds);
    line(`ours, sequential (${o.rounds} rounds)`, ours.summary);
    const loaded = await concurrent(service, SEARCH_QUERIES, o.rounds, o.concurrency);
    line(`ours, ${o.concurrency} in flight`, loaded);
    const slowest = [...ours.perQuery]
      .map(([label, t]) => [label, Math.max(...t)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    console.log(`slowest: ${slowest.map(([label, t]) => `${label} ${ms(t)}`).join('; ')}`);

    const indexMs = await ensureBaselineIndex(handle.kysely);
    if (indexMs > 0) {
      console.log(`baseline GIN index built in ${(indexMs / 1000).toFixed(1)} s`);
    }
    const base = await baseline(handle, SEARCH_QUERIES, o.baselineMinutes);
    line(`baseline: PostgreSQL full text + GROUP BY`, base.summary);
    if (base.summary.queries < SEARCH_QUERIES.length) {
      console.log(
        `baseline stopped after ${o.baselineMinutes} min: ${base.summary.queries} of ${SEARCH_QUERIES.length} queries ran once`,
      );
    }
    // Filter-only queries mean the same thing to both: their totals must agree.
    let agree = 0;
    let compared = 0;
    for (const { label, language, query } of SEARCH_QUERIES) {
      const total = base.totals.get(label);
      if (query.q !== '' || total === undefined) continue;
      compared += 1;
      if ((await service.search(query, language)).total === total) agree += 1;
      else
        console.log(
          `  totals differ for ${label}: ours ${(await service.search(query, language)).total}, baseline ${total}`,
        );
    }
    console.log(`filter-only totals agree on ${agree} of ${compared} queries`);
    console.log(`ratio p95 baseline/ours: ${(base.summary.p95 / ours.summary.p95).toFixed(1)}`);

    const results = {
      options: o,
      host,
      generated,
      build: { ms: buildMs, stats, memory: { before, after } },
      ours: ours.summary,
      concurrent: loaded,
      baseline: base.summary,
      agree: { agree, compared },
      at: new Date(),
    };
    await fs.mkdir('.bench', { recursive: true });
    await fs.writeFile(
      path.join('.bench', `search-results-${handle.kind}-${o.count}.json`),
      JSON.stringify(results, null, 2),
    );
  } finally {
    await handle.close();
  }
}
