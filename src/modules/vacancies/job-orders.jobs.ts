import type { Jobs } from '../../platform/jobs/jobs.js';

/** Job orders' background jobs (ADR 11). */
export const JOB_ORDER_EXPIRY_JOB = 'job_orders.expire';

/**
 * Job orders still open after their application deadline expire, one audited transition each,
 * just after midnight UTC. Until the job has run, reads already show them as expired, without
 * writing (vacancy.as-of.ts), and the public search leaves them out.
 */
export function registerJobOrderJobs(
  jobs: Jobs,
  services: { jobOrders: { expireDue(): Promise<number> } },
): void {
  jobs.define({
    name: JOB_ORDER_EXPIRY_JOB,
    maxAttempts: 5,
    run: async () => {
      await services.jobOrders.expireDue();
    },
  });
  jobs.schedule(JOB_ORDER_EXPIRY_JOB, { cron: '1 0 * * *' });
}
