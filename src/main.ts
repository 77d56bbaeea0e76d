import { createApp } from './app.js';
import type { Config } from './config.js';
import type { Database } from './database.js';
import { openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { asOwner, checkAuditRole } from './platform/audit/audit.role.repository.js';
import type { App } from './platform/http/types.js';
import { seed } from './seed.js';
import { JobRunner } from './platform/jobs/runner.js';
import { createServices, type Services } from './services.js';
import { VERSION } from './version.js';

export interface RunningServer {
  /** True when this start loaded the demo organisations and users (a new database). */
  demoSeeded?: boolean;
  app: App;
  database: DatabaseHandle<Database>;
  services: Services;
  url: string;
  /** Stops taking requests, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle<Database>> {
  return openDatabase<Database>(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url }
      : { kind: 'pglite', dataDir: config.database.dataDir },
  );
}

/** config → database → migrate → seed → services → app → listen. */
export async function startServer(
  config: Config,
  options: { logStream?: NodeJS.WritableStream; progress?: (line: string) => void } = {},
): Promise<RunningServer> {
  // One line per step, with its count, for the person starting Corridor (`corridor serve`).
  const progress = options.progress ?? (() => {});
  let started = performance.now();
  const database = await openConfiguredDatabase(config);
  progress(`database: ${databaseName(config)} open (${since(started)})`);
  try {
    // As the tables' owner when DATABASE_OWNER_URL is set, which then grants the app's role.
    const report = await asOwner(config.database, database.kysely, async (db) => {
      started = performance.now();
      const applied = await migrateToLatest(db);
      progress(
        `migrations: ${applied.length > 0 ? `${applied.length} applied` : 'up to date'} (${since(started)})`,
      );
      // Reference data always (a no-op when current); demo records never in production.
      return seed(
        db,
        config.env === 'production' ? { demo: false } : { demo: true, config },
        progress,
      );
    });
    // The app's role must not be able to rewrite the audit trail (refused in production).
    await checkAuditRole(config, database.kysely);
    return { ...(await serve(config, database, options)), demoSeeded: report.demo !== null };
  } catch (error) {
    await database.close();
    throw error;
  }
}

const since = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

function databaseName(config: Config): string {
  return config.database.kind === 'postgres'
    ? 'PostgreSQL server'
    : `PGlite in ${config.database.dataDir}`;
}

/** Builds the services and the app on an open, migrated database, and listens. */
export async function serve(
  config: Config,
  database: DatabaseHandle<Database>,
  options: { logStream?: NodeJS.WritableStream; progress?: (line: string) => void } = {},
): Promise<RunningServer> {
  let shuttingDown = false;
  const services = createServices({ db: database.kysely, config });
  const app = await createApp({
    config,
    services,
    ping: database.ping,
    isShuttingDown: () => shuttingDown,
    version: VERSION,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const address = await app.listen({ host: config.host, port: config.port });
  // Build the public vacancy search index now rather than on the first visitor's search.
  // A shutdown meanwhile closes the database under it: that failure is expected, not logged.
  const indexing = performance.now();
  services.vacancySearch
    .warm()
    .then(
      () => {
        const { vacancies } = services.vacancySearch.stats();
        options.progress?.(
          `vacancy search index: ${vacancies.toLocaleString('en')} open vacancies (${since(indexing)})`,
        );
      },
      (error: unknown) => {
        if (!shuttingDown)
          app.log.error({ err: error }, 'could not build the vacancy search index');
      },
    )
    // Then the matching index (docs/matching.md), in its worker thread.
    .then(() => services.matching.warm())
    .then(
      () => {
        const { seekers, vacancies } = services.matching.stats();
        options.progress?.(
          `matching index: ${seekers.toLocaleString('en')} job seekers, ${vacancies.toLocaleString('en')} vacancies (${since(indexing)})`,
        );
      },
      (error: unknown) => {
        if (!shuttingDown) app.log.error({ err: error }, 'could not build the matching index');
      },
    )
    // Then the statistics' aggregates (docs/statistics.md): rebuilt at the first start, then
    // brought up to date from the events committed since the last run.
    .then(() => services.statistics.refresh())
    .then(
      (records) => {
        options.progress?.(
          `statistics up to date: ${records.toLocaleString('en')} records or events taken in (${since(indexing)})`,
        );
      },
      (error: unknown) => {
        if (!shuttingDown) app.log.error({ err: error }, 'could not refresh the statistics');
      },
    );
  // Background jobs (ADR 11): licences and job orders past their end expire, housekeeping,
  // email retries. Every process starts a runner; one at a time is active (a lease in the
  // database), and another takes over when it stops.
  services.jobs.useLog(app.log);
  const runner = new JobRunner(services.jobs);
  await runner.start();
  const { port } = new URL(address);
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  return {
    app,
    database,
    services,
    url: `http://${host}:${port}`,
    close: async () => {
      shuttingDown = true;
      // The job in hand finishes and the lease is given up before the database closes.
      await runner.stop();
      await app.close();
      await services.matching.close();
      await database.close();
    },
  };
}
