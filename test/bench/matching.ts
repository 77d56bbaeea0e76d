import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import type { Database } from '../../src/database.js';
import { loadConfig } from '../../src/config.js';
import { Random } from '../../src/devtools/generate/prng.js';
import { generateIntoDatabase } from '../../src/devtools/generate/run.js';
import { generateSeekersIntoDatabase } from '../../src/devtools/generate/seekers.js';
import { createMatching } from '../../src/modules/matching/matching.factory.js';
import { MatchIndex } from '../../src/modules/matching/match-index.js';
import type {
  CandidateFilters,
  CandidateMatch,
  OrganisationKind,
  Ranked,
  VacancyFilters,
  VacancyMatch,
} from '../../src/modules/matching/matching.types.js';
import { DEFAULT_WEIGHTS } from '../../src/modules/matching/matching.weights.js';
import { loadOccupationGraph } from '../../src/modules/matching/occupation-graph.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { seed } from '../../src/seed.js';
import { createServices, modules } from '../../src/services.js';
import { adminUrl, withDatabase } from '../helpers/postgres.js';
import {
  baselineCandidates,
  baselineVacancies,
  ensureBaselineTables,
  type BaselineRow,
} from './matching-baseline.js';
import { checkGeneratedData, printChecks } from './matching-checks.js';
import { measureQuality, printQuality } from './matching-quality.js';

/**
 * `npm run bench -- matching [--seekers N] [--vacancies M] [--seed S] [--queries Q]
 * [--concurrency C] [--baseline-queries B] [--baseline-minutes T] [--quality-rounds R] [--workers W]`
 * (issue 15, part 6): the matching index built from the database, then "vacancies for a seeker"
 * and "candidates for a vacancy" asked at the same time (C in flight, the two kinds
 * interleaved) on seekers and vacancies drawn with the seed; the same rankings by plain SQL on
 * the same data (matching-baseline.ts, B queries of each kind within T minutes); and the
 * quality on a relevance set known by construction (matching-quality.ts).
 *
 * The data set (`corridor generate vacancies` and `generate seekers`) is made once into the
 * database `corridor_bench_matching_<N>_<M>_<S>` of the server of DATABASE_URL, or
 * `.bench/matching-<N>-<M>-<S>/` (PGlite) without it, and reused by later runs.
 */

interface Options {
  seekers: number;
  vacancies: number;
  seed: number;
  queries: number;
  concurrency: number;
  baselineQueries: number;
  baselineMinutes: number;
  qualityRounds: number;
  qualityTargets: number;
  qualityDistractors: number;
  workers: number;
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
    seekers: read('seekers', 1_000_000),
    vacancies: read('vacancies', 200_000),
    seed: read('seed', 1),
    queries: read('queries', 2_000),
    concurrency: read('concurrency', 8),
    baselineQueries: read('baseline-queries', 50),
    baselineMinutes: read('baseline-minutes', 10),
    qualityRounds: read('quality-rounds', 3),
    qualityTargets: read('quality-targets', 40),
    qualityDistractors: read('quality-distractors', 20_000),
    workers: read('workers', 2),
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
    `${label.padEnd(52)} ${String(s.queries).padStart(5)} queries  p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  ${s.perSecond.toFixed(1)}/s`,
  );
}

async function openBenchDatabase(
  o: Options,
): Promise<{ handle: DatabaseHandle<Database>; url?: string; where: string }> {
  const name = `matching-${o.seekers}-${o.vacancies}-${o.seed}`;
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

async function count(handle: DatabaseHandle<Database>, table: 'vacancy' | 'job_seeker') {
  const result = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)}`.execute(handle.kysely);
  return Number(result.rows[0]?.n ?? 0);
}

async function prepare(handle: DatabaseHandle<Database>, url: string | undefined, o: Options) {
  await migrateToLatest(handle.kysely);
  await seed(handle.kysely, { demo: false });
  const generated: Record<string, unknown> = {};
  const vacancies = await count(handle, 'vacancy');
  if (vacancies !== o.vacancies) {
    if (vacancies !== 0)
      throw new Error(
        `The bench database holds ${vacancies} vacancies, not ${o.vacancies}: delete it and run again.`,
      );
    console.log(`Generating ${o.vacancies.toLocaleString('en')} vacancies (seed ${o.seed})…`);
    generated.vacancies = await generateIntoDatabase(handle, {
      ...(url ? { url } : {}),
      count: o.vacancies,
      seed: o.seed,
      organisations: 'synthetic',
      onProgress: ({ written, seconds }) => {
        if (written % 100_000 === 0 || written === o.vacancies) {
          console.log(`  ${written.toLocaleString('en')} vacancies, ${seconds.toFixed(0)} s`);
        }
      },
    });
  }
  const seekers = await count(handle, 'job_seeker');
  if (seekers !== o.seekers) {
    if (seekers !== 0)
      throw new Error(
        `The bench database holds ${seekers} job seekers, not ${o.seekers}: delete it and run again.`,
      );
    console.log(`Generating ${o.seekers.toLocaleString('en')} job seekers (seed ${o.seed})…`);
    generated.seekers = await generateSeekersIntoDatabase(handle, {
      ...(url ? { url } : {}),
      count: o.seekers,
      seed: o.seed,
      ids: 'seeded',
      batchSize: 10_000,
      onProgress: ({ written, seconds }) => {
        if (written % 100_000 === 0 || written === o.seekers) {
          console.log(`  ${written.toLocaleString('en')} job seekers, ${seconds.toFixed(0)} s`);
        }
      },
    });
  }
  if (Object.keys(generated).length > 0) {
    const started = performance.now();
    // PGlite has no autovacuum: statistics for the baseline's planner, hint bits for everyone.
    await sql`vacuum analyze`.execute(handle.kysely);
    generated.vacuumSeconds = (performance.now() - started) / 1000;
    console.log(`vacuum analyze ${(generated.vacuumSeconds as number).toFixed(0)} s`);
  }
  return generated;
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

/** The queries, drawn with the seed: listed vacancies (with their kind) and job seekers. */
async function drawQueries(
  handle: DatabaseHandle<Database>,
  o: Options,
  today: string,
): Promise<{ vacancies: { id: string; kind: OrganisationKind }[]; seekers: string[] }> {
  const random = Random.derive(o.seed, 'matching-bench/queries');
  const listed = await sql<{ id: string; agency: string | null }>`
    select id, agency_organisation_id as agency from vacancy
    where state = 'published' and application_deadline >= ${today}::date order by id`.execute(
    handle.kysely,
  );
  const people = await sql<{ user_id: string }>`
    select user_id from job_seeker where nationality is not null order by user_id`.execute(
    handle.kysely,
  );
  return {
    vacancies: random.sample(listed.rows, o.queries).map((row) => ({
      id: row.id,
      kind: row.agency ? 'recruitment_agency' : 'employer',
    })),
    seekers: random.sample(
      people.rows.map((row) => row.user_id),
      o.queries,
    ),
  };
}

/** What the benchmark asks of the index: the service's internal query methods. */
interface Engine {
  warm(): Promise<void>;
  stats(): { seekers: number; vacancies: number; bytes: number };
  rankCandidates(
    vacancyId: string,
    query: CandidateFilters & { viewerKind: OrganisationKind },
  ): Promise<Ranked<CandidateMatch>>;
  rankVacancies(userId: string, filters: VacancyFilters): Promise<Ranked<VacancyMatch>>;
  /** The index's bytes and the worker's heap, when the index is in a worker. */
  memory?(): Promise<{ bytes: number; heapBytes: number }>;
  close?(): Promise<void>;
}

type Item = { kind: 'seeker'; id: string } | { kind: 'vacancy'; id: string; as: OrganisationKind };

/** Both directions interleaved, `inFlight` at a time; the latency of each kind apart. */
async function mixed(engine: Engine, items: readonly Item[], inFlight: number) {
  const times = { seeker: [] as number[], vacancy: [] as number[] };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t = performance.now();
        if (item.kind === 'seeker') await engine.rankVacancies(item.id, { limit: 10 });
        else await engine.rankCandidates(item.id, { viewerKind: item.as, limit: 10 });
        times[item.kind].push(performance.now() - t);
      }
    }),
  );
  const wall = performance.now() - started;
  return {
    seeker: summary(times.seeker, wall),
    vacancy: summary(times.vacancy, wall),
    all: summary([...times.seeker, ...times.vacancy], wall),
  };
}

/** The SQL baseline, one query after another, within the time cap; and agreement with ours. */
async function baseline(
  handle: DatabaseHandle<Database>,
  engine: Engine,
  items: readonly Item[],
  o: Options,
  today: string,
) {
  const times = { seeker: [] as number[], vacancy: [] as number[] };
  const agreement = { same: 0, compared: 0, overlap: 0 };
  const deadline = performance.now() + o.baselineMinutes * 60_000;
  const started = performance.now();
  for (const item of items) {
    if (performance.now() > deadline) break;
    const t = performance.now();
    let rows: BaselineRow[];
    let ours: { id: string; score: number }[];
    if (item.kind === 'seeker') {
      rows = await baselineVacancies(handle.kysely, DEFAULT_WEIGHTS, {
        userId: item.id,
        today,
        limit: 10,
      });
      times.seeker.push(performance.now() - t);
      ours = (await engine.rankVacancies(item.id, { limit: 10 })).results.map((r) => ({
        id: r.vacancyId,
        score: r.score,
      }));
    } else {
      rows = await baselineCandidates(handle.kysely, DEFAULT_WEIGHTS, {
        vacancyId: item.id,
        kind: item.as,
        today,
        limit: 10,
      });
      times.vacancy.push(performance.now() - t);
      ours = (await engine.rankCandidates(item.id, { viewerKind: item.as, limit: 10 })).results.map(
        (r) => ({ id: r.userId, score: r.score }),
      );
    }
    // Ties are broken differently (the index by its own order, SQL by id): compare the scores
    // rank by rank, and count the ids both top tens hold.
    agreement.compared += 1;
    if (
      rows.length === ours.length &&
      rows.every((row, i) => Math.abs(row.score - (ours[i]?.score ?? NaN)) < 0.11)
    ) {
      agreement.same += 1;
    }
    const theirs = new Set(rows.map((row) => row.id));
    agreement.overlap +=
      ours.filter((row) => theirs.has(row.id)).length / Math.max(1, rows.length, ours.length);
  }
  const wall = performance.now() - started;
  return {
    seeker: summary(times.seeker, wall),
    vacancy: summary(times.vacancy, wall),
    agreement: {
      sameScores: agreement.same,
      compared: agreement.compared,
      meanOverlap: agreement.overlap / Math.max(1, agreement.compared),
    },
  };
}

/** The engine as the application builds it: createMatching over the real sources, in workers. */
function engineOf(
  handle: DatabaseHandle<Database>,
  workers: number,
): { engine: Engine; mode: string } {
  // The modules up to job seekers (what matching reads); the later ones play no part here.
  const upTo = modules.findIndex((module) => module.name === 'job-seekers');
  const services = createServices(
    { db: handle.kysely, config: loadConfig({ NODE_ENV: 'test' }) },
    modules.slice(0, upTo + 1),
  );
  const service = createMatching({
    db: handle.kysely,
    events: services.events,
    audit: services.audit,
    seekers: services.jobSeekers,
    vacancies: services.vacancySearch,
    licensing: services.licensing,
    mode: 'worker',
    workers,
  });
  return { engine: service, mode: `${workers} worker thread(s) (createMatching)` };
}

export async function matchingSuite(argv: readonly string[]): Promise<void> {
  const o = options(argv);
  const { handle, url, where } = await openBenchDatabase(o);
  const today = new Date().toISOString().slice(0, 10);
  try {
    const generated = await prepare(handle, url, o);
    const host = await machine(handle);
    console.log(`\nMatching (${handle.kind}, ${where}): ${JSON.stringify(host)}`);
    const checks = await checkGeneratedData(handle.kysely, today);
    printChecks(checks);

    const drawn = await drawQueries(handle, o, today);
    const items: Item[] = [];
    for (let i = 0; i < Math.max(drawn.seekers.length, drawn.vacancies.length); i += 1) {
      const seeker = drawn.seekers[i];
      const vacancy = drawn.vacancies[i];
      if (seeker) items.push({ kind: 'seeker', id: seeker });
      if (vacancy) items.push({ kind: 'vacancy', id: vacancy.id, as: vacancy.kind });
    }

    const { engine, mode } = engineOf(handle, o.workers);
    global.gc?.();
    const before = process.memoryUsage();
    const buildStarted = performance.now();
    await engine.warm();
    const buildMs = performance.now() - buildStarted;
    global.gc?.();
    const after = process.memoryUsage();
    const stats = engine.stats();
    const worker = (await engine.memory?.()) ?? null;
    console.log(
      `Index (${mode}) built in ${(buildMs / 1000).toFixed(1)} s: ${stats.seekers.toLocaleString('en')} job seekers, ${stats.vacancies.toLocaleString('en')} open vacancies, ${mb(stats.bytes)} of index${worker ? `, worker heap ${mb(worker.heapBytes)}` : ''}; process RSS +${mb(after.rss - before.rss)} (${mb(after.rss)}), main heap +${mb(after.heapUsed - before.heapUsed)}, array buffers +${mb(after.arrayBuffers - before.arrayBuffers)}`,
    );

    // Warm-up (the JIT, the worker's first messages), then the measured run.
    await mixed(engine, items.slice(0, Math.min(200, items.length)), o.concurrency);
    const loaded = await mixed(engine, items, o.concurrency);
    line(`vacancies for a seeker (both at once, ${o.concurrency} in flight)`, loaded.seeker);
    line(`candidates for a vacancy (both at once, ${o.concurrency} in flight)`, loaded.vacancy);
    line(`both directions together`, loaded.all);
    // One question of each kind at a time: latency with little queueing behind others.
    const paired = await mixed(engine, items, 2);
    line(`vacancies for a seeker (both at once, 2 in flight)`, paired.seeker);
    line(`candidates for a vacancy (both at once, 2 in flight)`, paired.vacancy);
    const peak = process.memoryUsage();

    const tablesMs = await ensureBaselineTables(handle.kysely, await loadOccupationGraph());
    if (tablesMs > 0)
      console.log(`baseline tables and indexes made in ${(tablesMs / 1000).toFixed(1)} s`);
    const sample: Item[] = [
      ...items.filter((item) => item.kind === 'seeker').slice(0, o.baselineQueries),
      ...items.filter((item) => item.kind === 'vacancy').slice(0, o.baselineQueries),
    ];
    // Interleaved, as the index was asked.
    sample.sort((a, b) => items.indexOf(a) - items.indexOf(b));
    const base = await baseline(handle, engine, sample, o, today);
    line('baseline SQL: vacancies for a seeker (one at a time)', base.seeker);
    line('baseline SQL: candidates for a vacancy (one at a time)', base.vacancy);
    if (base.agreement.compared < sample.length) {
      console.log(
        `baseline stopped after ${o.baselineMinutes} min: ${base.agreement.compared} of ${sample.length} queries ran`,
      );
    }
    console.log(
      `same top-10 scores on ${base.agreement.sameScores} of ${base.agreement.compared} queries; mean share of the same ids ${(100 * base.agreement.meanOverlap).toFixed(0)} % (ties are ordered differently)`,
    );
    const ratio = (a: Summary, b: Summary) => (a.p50 / b.p50).toFixed(0);
    console.log(
      `ratio SQL/in-memory, p50: vacancies for a seeker ${ratio(base.seeker, loaded.seeker)}×, candidates for a vacancy ${ratio(base.vacancy, loaded.vacancy)}× (the index under load, SQL alone)`,
    );

    const graph = await loadOccupationGraph();
    const quality = await measureQuality(() => new MatchIndex({ graph, today: () => today }), {
      seed: o.seed,
      targets: o.qualityTargets,
      rounds: o.qualityRounds,
      distractors: o.qualityDistractors,
      today,
    });
    printQuality(quality);

    await engine.close?.();
    const results = {
      options: o,
      host,
      generated,
      checks,
      build: { ms: buildMs, mode, stats, worker, memory: { before, after, peak } },
      mixed: loaded,
      paired,
      baseline: base,
      quality,
      at: new Date(),
    };
    await fs.mkdir('.bench', { recursive: true });
    await fs.writeFile(
      path.join('.bench', `matching-results-${handle.kind}-${o.seekers}-${o.vacancies}.json`),
      JSON.stringify(results, null, 2),
    );
  } finally {
    await handle.close();
  }
}
