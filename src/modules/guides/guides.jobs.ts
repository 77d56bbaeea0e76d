import type { Jobs } from '../../platform/jobs/jobs.js';

/** The guides' background job (ADR 11). */
export const GUIDES_STALE_JOB = 'guides.flag_stale';

/**
 * Daily: the editors of every published guide not verified within GUIDE_VERIFY_DAYS are told,
 * once per period (guide.stale_notified_at), by email in their language; the editors' page
 * and the reader's page show the flag from the date alone, without waiting for the job.
 */
export function registerGuidesJobs(
  jobs: Jobs,
  services: { guides: { notifyStale(): Promise<number> } },
): void {
  jobs.define({
    name: GUIDES_STALE_JOB,
    maxAttempts: 5,
    run: async () => {
      await services.guides.notifyStale();
    },
  });
  jobs.schedule(GUIDES_STALE_JOB, { cron: '15 6 * * *' });
}
