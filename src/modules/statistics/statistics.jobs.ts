import type { Jobs } from '../../platform/jobs/jobs.js';

/** The statistics' background job (ADR 11). */
export const STATISTICS_JOB = 'statistics.refresh';

/**
 * Every minute: the aggregates take in the events committed since (the consumer's cursor is in
 * the database: whichever process runs it, each event is taken in once). Every table read also
 * runs it first, so the job only keeps the first read after a quiet spell quick.
 */
export function registerStatisticsJobs(
  jobs: Jobs,
  services: { statistics: { refresh(): Promise<number> } },
): void {
  jobs.define({
    name: STATISTICS_JOB,
    maxAttempts: 3,
    backoff: { baseMs: 10_000, maxMs: 60_000 },
    timeoutMs: 10 * 60_000,
    run: async () => {
      await services.statistics.refresh();
    },
  });
  jobs.schedule(STATISTICS_JOB, { everyMinutes: 1 });
}
