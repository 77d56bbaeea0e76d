import type { Jobs } from '../../platform/jobs/jobs.js';

/** The accounts' background jobs (ADR 11); the send-email job is the mailer's (mailer.ts). */
export const ACCOUNTS_HOUSEKEEPING_JOB = 'accounts.housekeeping';

/** Hourly: timed-out sessions, spent sign-in throttling windows and dead password links go. */
export function registerAccountsJobs(
  jobs: Jobs,
  services: { accounts: { sessions: { purgeExpired(): Promise<unknown> } } },
): void {
  jobs.define({
    name: ACCOUNTS_HOUSEKEEPING_JOB,
    maxAttempts: 3,
    run: async () => {
      await services.accounts.sessions.purgeExpired();
    },
  });
  jobs.schedule(ACCOUNTS_HOUSEKEEPING_JOB, { everyMinutes: 60 });
}
