import type { Jobs } from '../../platform/jobs/jobs.js';

/** The accounts' background jobs (ADR 11); the send-email job is the mailer's (mailer.ts). */
export const ACCOUNTS_HOUSEKEEPING_JOB = 'accounts.housekeeping';

/**
 * Hourly: timed-out sessions, spent sign-in throttling windows, dead password links and
 * one-time codes go; unclaimed assisted registrations' codes expire.
 */
export function registerAccountsJobs(
  jobs: Jobs,
  services: {
    accounts: {
      sessions: { purgeExpired(): Promise<unknown> };
      codes: { purgeExpired(): Promise<unknown> };
      assisted: { forgetExpiredCodes(): Promise<unknown> };
    };
  },
): void {
  jobs.define({
    name: ACCOUNTS_HOUSEKEEPING_JOB,
    maxAttempts: 3,
    run: async () => {
      await services.accounts.sessions.purgeExpired();
      // One-time codes a day past use or expiry; claim codes of slips never claimed.
      await services.accounts.codes.purgeExpired();
      await services.accounts.assisted.forgetExpiredCodes();
    },
  });
  jobs.schedule(ACCOUNTS_HOUSEKEEPING_JOB, { everyMinutes: 60 });
}
