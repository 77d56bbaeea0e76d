import type { Jobs } from '../../platform/jobs/jobs.js';
import type { AuditTrailService } from './audit-trail.service.js';

/** The audit trail's background job (ADR 11). */
export const AUDIT_ANCHOR_JOB = 'audit.anchor';

/**
 * Every hour, the chain's head is anchored outside the database (ADR 4), after a check that
 * the chain still extends the last anchor; a broken chain fails the job, which the system jobs
 * page and the log show, and is not anchored. An unchanged head is not anchored again.
 */
export function registerAuditTrailJobs(
  jobs: Jobs,
  auditTrail: Pick<AuditTrailService, 'anchorOnSchedule'>,
): void {
  jobs.define({
    name: AUDIT_ANCHOR_JOB,
    maxAttempts: 3,
    run: async () => {
      await auditTrail.anchorOnSchedule();
    },
  });
  jobs.schedule(AUDIT_ANCHOR_JOB, { everyMinutes: 60 });
}
