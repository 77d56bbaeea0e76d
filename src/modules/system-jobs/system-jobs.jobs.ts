import type { Kysely } from 'kysely';
import { Jobs, type JobDefinition, type JobsLog } from '../../platform/jobs/jobs.js';
import { JobsRepository } from '../../platform/jobs/jobs.repository.js';
import type { JobTables } from '../../platform/jobs/jobs.tables.js';
import { JobRunner, type RunnerOptions } from '../../platform/jobs/runner.js';
import { registerAccountsJobs } from '../accounts/accounts.jobs.js';
import { registerLicensingJobs } from '../licensing/licensing.jobs.js';
import { registerJobOrderJobs } from '../vacancies/job-orders.jobs.js';

/** Finished jobs and their runs are kept this long for the system administrator's page. */
export const JOB_RETENTION_DAYS = 30;
export const JOBS_PRUNE_JOB = 'jobs.prune';

/** The app's background jobs over the database (any Corridor database holds the job tables). */
export function createJobs<DB>(
  db: Kysely<DB>,
  options: { clock?: () => Date; log?: JobsLog } = {},
): Jobs {
  return new Jobs(new JobsRepository(db as unknown as Kysely<JobTables>), options);
}

/** What the jobs need of the modules' services (the app's `Services` has all of it). */
export interface JobServices {
  licensing: { expireDue(): Promise<number> };
  jobOrders: { expireDue(): Promise<number> };
  accounts: { sessions: { purgeExpired(): Promise<unknown> }; mailer: { sendJob: JobDefinition } };
}

/**
 * Defines and schedules every module's jobs on `jobs`: licence expiry, job-order expiry,
 * accounts housekeeping, the pruning of old job records, and the mailer's send job (unless the
 * mailer was built on these same `jobs` and defined it already), so that this runner retries
 * failed email. Call once, before the runner starts.
 */
export function registerJobs(jobs: Jobs, services: JobServices): void {
  if (!jobs.has(services.accounts.mailer.sendJob.name))
    jobs.define(services.accounts.mailer.sendJob);
  registerLicensingJobs(jobs, services);
  registerJobOrderJobs(jobs, services);
  registerAccountsJobs(jobs, services);
  jobs.define({
    name: JOBS_PRUNE_JOB,
    maxAttempts: 3,
    run: async (_payload, { now }) => {
      await jobs.repository.pruneFinished(
        new Date(now.getTime() - JOB_RETENTION_DAYS * 24 * 60 * 60_000),
      );
    },
  });
  jobs.schedule(JOBS_PRUNE_JOB, { cron: '30 3 * * *' });
}

/** Starts the runner of this process (main.ts); `stop()` it on shutdown. */
export async function startJobRunner(jobs: Jobs, options: RunnerOptions = {}): Promise<JobRunner> {
  const runner = new JobRunner(jobs, options);
  await runner.start();
  return runner;
}
