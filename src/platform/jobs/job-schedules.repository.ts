import type { Kysely } from 'kysely';
import type { JobsRepository } from './jobs.repository.js';
import type { JobTables } from './jobs.tables.js';

export interface JobScheduleRecord {
  jobName: string;
  everyMinutes: number | null;
  cron: string | null;
  nextRunAt: Date;
  lastEnqueuedAt: Date | null;
}

type Db = Kysely<JobTables>;

/** The only SQL on job_schedule: the declared schedules, and turning a due one into a job. */
export class JobSchedulesRepository {
  constructor(
    private readonly db: Db,
    private readonly queue: Pick<JobsRepository, 'insert'>,
  ) {}

  private select(executor: Db) {
    return executor
      .selectFrom('job_schedule')
      .select([
        'job_name as jobName',
        'every_minutes as everyMinutes',
        'cron',
        'next_run_at as nextRunAt',
        'last_enqueued_at as lastEnqueuedAt',
      ]);
  }

  all(): Promise<JobScheduleRecord[]> {
    return this.select(this.db).orderBy('job_name').execute();
  }

  /** Adds a schedule, or changes its rule (then its next run is `nextRunAt`). */
  async upsert(schedule: {
    jobName: string;
    everyMinutes: number | null;
    cron: string | null;
    nextRunAt: Date;
  }): Promise<void> {
    const existing = await this.db
      .selectFrom('job_schedule')
      .select(['every_minutes', 'cron'])
      .where('job_name', '=', schedule.jobName)
      .executeTakeFirst();
    if (!existing) {
      await this.db
        .insertInto('job_schedule')
        .values({
          job_name: schedule.jobName,
          every_minutes: schedule.everyMinutes,
          cron: schedule.cron,
          next_run_at: schedule.nextRunAt,
        })
        .onConflict((oc) => oc.column('job_name').doNothing())
        .execute();
    } else if (
      existing.every_minutes !== schedule.everyMinutes ||
      existing.cron !== schedule.cron
    ) {
      await this.db
        .updateTable('job_schedule')
        .set({
          every_minutes: schedule.everyMinutes,
          cron: schedule.cron,
          next_run_at: schedule.nextRunAt,
        })
        .where('job_name', '=', schedule.jobName)
        .execute();
    }
  }

  async deleteExcept(jobNames: string[]): Promise<void> {
    let query = this.db.deleteFrom('job_schedule');
    if (jobNames.length > 0) query = query.where('job_name', 'not in', jobNames);
    await query.execute();
  }

  /**
   * In one transaction: the schedules due at `now` (skipping those another runner holds), each
   * turned into a job keyed by its slot, and moved to its next run by `next`.
   */
  async fireDue(
    now: Date,
    next: (schedule: JobScheduleRecord) => Date,
    maxAttempts: (jobName: string) => number,
  ): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const due = await this.select(trx)
        .where('next_run_at', '<=', now)
        .orderBy('next_run_at')
        .forUpdate()
        .skipLocked()
        .execute();
      for (const schedule of due) {
        await this.queue.insert(trx, {
          name: schedule.jobName,
          payload: {},
          key: `schedule:${schedule.nextRunAt.toISOString()}`,
          runAt: now,
          maxAttempts: maxAttempts(schedule.jobName),
          now,
        });
        await trx
          .updateTable('job_schedule')
          .set({ next_run_at: next(schedule), last_enqueued_at: now })
          .where('job_name', '=', schedule.jobName)
          .execute();
      }
      return due.map((schedule) => schedule.jobName);
    });
  }
}
