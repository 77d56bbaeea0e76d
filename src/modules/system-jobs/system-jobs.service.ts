import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { can } from '../../platform/authz/principal.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/problem.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type {
  JobRecord,
  JobRunRecord,
  JobScheduleRecord,
  SystemJobsRepository,
} from './system-jobs.repository.js';

export const RECENT_RUNS = 50;
export const FAILURES_SHOWN = 50;

export interface JobsOverview {
  schedules: JobScheduleRecord[];
  /** Failed for good, or waiting to retry after a failed attempt; newest first. */
  failures: JobRecord[];
  runs: JobRunRecord[];
  /** The process whose runner is active, while its lease lasts. */
  runner: { holder: string; until: Date } | null;
}

/** The system administrator's view of background jobs, and "retry now". */
export class SystemJobsService {
  private readonly repository: SystemJobsRepository;
  private readonly jobs: Jobs;
  private readonly audit: AuditLog;

  constructor(deps: { repository: SystemJobsRepository; jobs: Jobs; audit: AuditLog }) {
    this.repository = deps.repository;
    this.jobs = deps.jobs;
    this.audit = deps.audit;
  }

  async overview(ctx: ActorContext): Promise<JobsOverview> {
    if (!can(ctx.principal, 'job.manage')) throw new ForbiddenError();
    const [schedules, failures, runs, lease] = await Promise.all([
      this.repository.schedules(),
      this.repository.failures(FAILURES_SHOWN),
      this.repository.recentRuns(RECENT_RUNS),
      this.repository.lease(),
    ]);
    const now = this.jobs.now();
    const runner =
      lease?.holder && lease.expiresAt > now
        ? { holder: lease.holder, until: lease.expiresAt }
        : null;
    return { schedules, failures, runs, runner };
  }

  /**
   * Runs a failed job again now (with one more attempt when it had none left), or at once one
   * that waits to retry. Audited as `job.retried`. NotFoundError for a job in no such state.
   */
  async retry(ctx: ActorContext, jobId: number): Promise<JobRecord> {
    if (!can(ctx.principal, 'job.manage')) throw new ForbiddenError();
    const now = this.jobs.now();
    const job = await this.repository.transaction(async (trx) => {
      const before = await this.repository.find(trx, jobId);
      if (!before || !(await this.repository.retry(trx, jobId, now))) throw new NotFoundError();
      await this.audit.record(trx, {
        action: 'job.retried',
        actor: auditActorOf(ctx.principal),
        subjectType: 'job',
        subjectIds: [String(jobId)],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: { state: before.state, attempts: before.attempts, lastError: before.lastError },
        after: { name: before.name, state: 'queued' },
      });
      return before;
    });
    this.jobs.nudge();
    return job;
  }
}
