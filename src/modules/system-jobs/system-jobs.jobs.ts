import type { Jobs } from '../../platform/jobs/jobs.js';

/** Finished jobs and their runs are kept this long for the system administrator's page. */
export const JOB_RETENTION_DAYS = 30;
export const JOBS_PRUNE_JOB = 'jobs.prune';

/** Daily: finished jobs and their runs older than the retention period go. */
export function registerSystemJobs(jobs: Jobs): void {
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
