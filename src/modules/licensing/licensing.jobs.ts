import type { Jobs } from '../../platform/jobs/jobs.js';

/** Licensing's background jobs (ADR 11). */
export const LICENCE_EXPIRY_JOB = 'licences.expire';

/**
 * Licences past their last day expire, one audited transition each, just after midnight UTC
 * (the day a licence is past its end begins then). Until the job has run, reads already show
 * such a licence as expired, without writing (licence.as-of.ts).
 */
export function registerLicensingJobs(
  jobs: Jobs,
  services: { licensing: { expireDue(): Promise<number> } },
): void {
  jobs.define({
    name: LICENCE_EXPIRY_JOB,
    maxAttempts: 5,
    run: async () => {
      await services.licensing.expireDue();
    },
  });
  jobs.schedule(LICENCE_EXPIRY_JOB, { cron: '1 0 * * *' });
}
