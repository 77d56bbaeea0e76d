import type { Jobs } from '../../platform/jobs/jobs.js';

/** Eligibility's background jobs (ADR 11). */
export const ASSESSMENT_PURGE_JOB = 'eligibility.purge';

/**
 * Anonymous answers are kept 90 days: past that, the job deletes them, each night. Until it has
 * run, a code past its date already answers 404 (the reads compare the date).
 */
export function registerEligibilityJobs(
  jobs: Jobs,
  services: { eligibility: { purgeExpired(): Promise<number> } },
): void {
  jobs.define({
    name: ASSESSMENT_PURGE_JOB,
    maxAttempts: 5,
    run: async () => {
      await services.eligibility.purgeExpired();
    },
  });
  jobs.schedule(ASSESSMENT_PURGE_JOB, { cron: '17 2 * * *' });
}
