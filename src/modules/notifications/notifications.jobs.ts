import type { Jobs } from '../../platform/jobs/jobs.js';

/** The notifications' background job (ADR 11). */
export const NOTIFICATIONS_JOB = 'notifications.deliver';

/**
 * Every minute: the application events not yet handled become notifications, emails and text
 * messages (the consumer's cursor is in the database: whichever process runs it, each event is
 * handled once). The person's notifications page also runs it before it is shown.
 */
export function registerNotificationsJobs(
  jobs: Jobs,
  services: { notifications: { deliverPending(): Promise<number> } },
): void {
  jobs.define({
    name: NOTIFICATIONS_JOB,
    maxAttempts: 3,
    backoff: { baseMs: 10_000, maxMs: 60_000 },
    timeoutMs: 5 * 60_000,
    run: async () => {
      await services.notifications.deliverPending();
    },
  });
  jobs.schedule(NOTIFICATIONS_JOB, { everyMinutes: 1 });
}
