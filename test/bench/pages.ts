import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/database.js';
import { searchParams } from '../../src/modules/vacancies/search/search.schemas.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import type { App } from '../../src/platform/http/types.js';
import { seed } from '../../src/seed.js';
import { createServices } from '../../src/services.js';
import { SEARCH_QUERIES } from './search-queries.js';

/**
 * `npm run bench -- pages [--rounds R] [--data DIR]`: the vacancy search page beside the JSON
 * API for the same searches, in the same run, through the whole app (`app.inject`: hooks,
 * sessions, CSRF, compression, templates), in production and in development mode. Budget
 * (issue 11): the page within twice the API's time. Data: the demo data in
 * `.bench/pages-demo/` (made on the first run), or `--data` a PGlite directory of the search
 * benchmark (`.bench/search-<count>-<seed>`).
 */

interface Options {
  rounds: number;
  data: string;
}

function options(argv: readonly string[]): Options {
  const at = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const rounds = Number(at('rounds') ?? 5);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds needs a whole number');
  return { rounds, data: path.resolve(at('data') ?? path.join('.bench', 'pages-demo')) };
}

// Bench-only secrets: production refuses to start without them.
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'bench-session-secret-bench-session-secret',
  ENCRYPTION_KEYS: 'bench1:' + Buffer.alloc(32, 3).toString('base64'),
  LOOKUP_HASH_KEY: Buffer.alloc(32, 5).toString('base64'),
  STATISTICS_CELL_KEY_SECRET: Buffer.alloc(32, 6).toString('base64'),
  PUBLIC_URL: 'http://localhost:3000',
};

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

async function build(handle: DatabaseHandle<Database>, config: Config): Promise<App> {
  const services = createServices({ db: handle.kysely, config });
  const app = await createApp({ config, services, ping: handle.ping, logStream: silent });
  await app.ready();
  await services.vacancySearch.warm();
  return app;
}

interface Sample {
  api: number[];
  page: number[];
  bytes: { api: number; page: number };
  statuses: Set<string>;
}

/** API then page for each search, interleaved, so that the machine's noise falls on both. */
async function run(app: App, rounds: number): Promise<Sample> {
  const sample: Sample = { api: [], page: [], bytes: { api: 0, page: 0 }, statuses: new Set() };
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  const get = async (url: string, language: string) => {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers, cookies: { lang: language } });
    return { ms: performance.now() - started, response };
  };
  for (let round = -1; round < rounds; round += 1) {
    for (const { language, query } of SEARCH_QUERIES) {
      const params = searchParams(query).toString();
      const api = await get(`/api/v1/vacancies${params ? `?${params}` : ''}`, language);
      const page = await get(`/vacancies${params ? `?${params}` : ''}`, language);
      if (round < 0) continue; // a round to warm up
      sample.api.push(api.ms);
      sample.page.push(page.ms);
      sample.bytes.api += api.response.rawPayload.length;
      sample.bytes.page += page.response.rawPayload.length;
      sample.statuses.add(`${api.response.statusCode}/${page.response.statusCode}`);
    }
  }
  return sample;
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const total = sorted.reduce((sum, t) => sum + t, 0);
  return {
    n: sorted.length,
    mean: total / sorted.length,
    p50: at(50),
    p95: at(95),
    perSecond: (sorted.length / total) * 1000,
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);

export async function pagesSuite(argv: readonly string[]): Promise<void> {
  const o = options(argv);
  const handle = await openDatabase<Database>({ kind: 'pglite', dataDir: o.data });
  try {
    await migrateToLatest(handle.kysely);
    const made = await seed(handle.kysely, {
      demo: true,
      config: loadConfig({ NODE_ENV: 'development' }),
    });
    if (made.demo) console.log(`Demo data loaded into ${o.data}`);
    console.log(
      `\nSearch page beside the JSON API (${o.data}, ${SEARCH_QUERIES.length} searches × ${o.rounds} rounds): ` +
        JSON.stringify({
          cores: os.cpus().length,
          node: process.version,
          load: os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join(' '),
        }),
    );
    const results: Record<
      string,
      { api: ReturnType<typeof stats>; page: ReturnType<typeof stats> }
    > = {};
    for (const mode of ['production', 'development'] as const) {
      const config = loadConfig(
        mode === 'production' ? PRODUCTION : { NODE_ENV: 'development', LOG_LEVEL: 'silent' },
      );
      const app = await build(handle, config);
      try {
        const sample = await run(app, o.rounds);
        const api = stats(sample.api);
        const page = stats(sample.page);
        results[mode] = { api, page };
        for (const [label, s, bytes] of [
          ['API  GET /api/v1/vacancies', api, sample.bytes.api],
          ['page GET /vacancies', page, sample.bytes.page],
        ] as const) {
          console.log(
            `${mode.padEnd(12)} ${label.padEnd(28)} mean ${ms(s.mean)}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  ${s.perSecond.toFixed(0).padStart(4)}/s  ${Math.round(bytes / s.n / 1024)} KB sent`,
          );
        }
        console.log(
          `${mode.padEnd(12)} page/API: mean ${(page.mean / api.mean).toFixed(2)}, p50 ${(page.p50 / api.p50).toFixed(2)} (budget 2.00); statuses ${[...sample.statuses].join(' ')}`,
        );
      } finally {
        await app.close();
      }
    }
  } finally {
    await handle.close();
  }
}
