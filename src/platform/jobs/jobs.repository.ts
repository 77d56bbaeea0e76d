import type { Kysely, Selectable, Transaction } from 'kysely';
import type { JsonObject } from '../audit/canonical-json.js';
import type { JobState, JobTables, RunOutcome } from './jobs.tables.js';

export interface JobRecord {
  id: number;
  name: string;
  payload: JsonObject;
  key: string | null;
  state: JobState;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface JobRunRecord {
  id: number;
  jobId: number;
  jobName: string;
  attempt: number;
  runner: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: RunOutcome;
  error: string | null;
}

export interface JobScheduleRecord {
  jobName: string;
  everyMinutes: number | null;
  cron: string | null;
  nextRunAt: Date;
  lastEnqueuedAt: Date | null;
}

/** A job claimed for one attempt: `attempt` counts this one. */
export interface ClaimedJob extends JobRecord {
  runId: number;
}

export interface NewJob {
  name: string;
  payload: JsonObject;
  key: string | null;
  runAt: Date;
  maxAttempts: number;
  now: Date;
}

type Db = Kysely<JobTables>;

const ERROR_LENGTH = 2000;

function toJob(row: Selectable<JobTables['job']>): JobRecord {
  return {
    id: row.id,
    name: row.name,
    payload: row.payload,
    key: row.key,
    state: row.state,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/**
 * The only SQL on the job tables. Claims use `FOR UPDATE SKIP LOCKED`, so two runners (or a
 * runner and an eager `runNow`) never take the same job; the same SQL runs on PGlite.
 */
export class JobsRepository {
  constructor(private readonly db: Db) {}

  /** A transaction on the job store, for a change that must be audited with it. */
  transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** Inserts a job with the caller's executor (its transaction). Null when the key exists. */
  async insert(executor: Db, job: NewJob): Promise<number | null> {
    const row = await executor
      .insertInto('job')
      .values({
        name: job.name,
        payload: JSON.stringify(job.payload),
        key: job.key,
        run_at: job.runAt,
        max_attempts: job.maxAttempts,
        created_at: job.now,
      })
      .onConflict((oc) => oc.columns(['name', 'key']).where('key', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  // The leader's lease.

  /** Takes or renews the lease; true when `holder` holds it until `until`. */
  async holdLease(holder: string, now: Date, until: Date): Promise<boolean> {
    const row = await this.db
      .updateTable('job_runner_lease')
      .set({ holder, expires_at: until })
      .where('id', '=', 1)
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', now)]))
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder;
  }

  async releaseLease(holder: string, now: Date): Promise<void> {
    await this.db
      .updateTable('job_runner_lease')
      .set({ holder: null, expires_at: now })
      .where('id', '=', 1)
      .where('holder', '=', holder)
      .execute();
  }

  async lease(): Promise<{ holder: string | null; expiresAt: Date } | undefined> {
    return this.db
      .selectFrom('job_runner_lease')
      .select(['holder', 'expires_at as expiresAt'])
      .where('id', '=', 1)
      .executeTakeFirst();
  }

  // Schedules.

  async schedules(): Promise<JobScheduleRecord[]> {
    return this.db
      .selectFrom('job_schedule')
      .select([
        'job_name as jobName',
        'every_minutes as everyMinutes',
        'cron',
        'next_run_at as nextRunAt',
        'last_enqueued_at as lastEnqueuedAt',
      ])
      .orderBy('job_name')
      .execute();
  }

  /** Adds a schedule, or changes its rule (then its next run is `nextRunAt`). */
  async upsertSchedule(schedule: {
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

  async deleteSchedulesExcept(jobNames: string[]): Promise<void> {
    let query = this.db.deleteFrom('job_schedule');
    if (jobNames.length > 0) query = query.where('job_name', 'not in', jobNames);
    await query.execute();
  }

  /**
   * In one transaction: the schedules due at `now` (skipping those another runner holds), each
   * turned into a job keyed by its slot, and moved to its next run by `next`.
   */
  async fireDueSchedules(
    now: Date,
    next: (schedule: JobScheduleRecord) => Date,
    maxAttempts: (jobName: string) => number,
  ): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('job_schedule')
        .select([
          'job_name as jobName',
          'every_minutes as everyMinutes',
          'cron',
          'next_run_at as nextRunAt',
          'last_enqueued_at as lastEnqueuedAt',
        ])
        .where('next_run_at', '<=', now)
        .orderBy('next_run_at')
        .forUpdate()
        .skipLocked()
        .execute();
      for (const schedule of due) {
        await this.insert(trx, {
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

  // Claiming and finishing.

  /**
   * Jobs whose runner went away (their claim ran out): the open run is recorded as failed, and
   * the job waits again, or fails when it has no attempts left.
   */
  async recoverAbandoned(now: Date): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const abandoned = await trx
        .selectFrom('job')
        .select(['id', 'attempts', 'max_attempts'])
        .where('state', '=', 'running')
        .where('locked_until', '<', now)
        .forUpdate()
        .skipLocked()
        .execute();
      const error = 'The runner stopped before the job finished.';
      for (const job of abandoned) {
        const exhausted = job.attempts >= job.max_attempts;
        await trx
          .updateTable('job')
          .set({
            state: exhausted ? 'failed' : 'queued',
            run_at: now,
            last_error: error,
            locked_by: null,
            locked_until: null,
            finished_at: exhausted ? now : null,
          })
          .where('id', '=', job.id)
          .execute();
        await trx
          .updateTable('job_run')
          .set({ outcome: 'failed', finished_at: now, error })
          .where('job_id', '=', job.id)
          .where('outcome', '=', 'running')
          .execute();
      }
      return abandoned.length;
    });
  }

  /**
   * Claims up to `limit` due jobs (or the one job `only` names, if it is due) for `runner`
   * until `lockedUntil`, counting an attempt and opening a run for each.
   */
  async claim(options: {
    runner: string;
    now: Date;
    lockedUntil: (jobName: string) => Date;
    limit: number;
    only?: { name: string; key: string };
    names: string[];
  }): Promise<ClaimedJob[]> {
    if (options.names.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('job')
        .select(['id', 'name'])
        .where('state', '=', 'queued')
        .where('run_at', '<=', options.now)
        .where('name', 'in', options.names);
      if (options.only) {
        query = query.where('name', '=', options.only.name).where('key', '=', options.only.key);
      }
      const rows = await query
        .orderBy('run_at')
        .orderBy('id')
        .limit(options.limit)
        .forUpdate()
        .skipLocked()
        .execute();
      const claimed: ClaimedJob[] = [];
      for (const { id, name } of rows) {
        const row = await trx
          .updateTable('job')
          .set((eb) => ({
            state: 'running',
            attempts: eb('attempts', '+', 1),
            locked_by: options.runner,
            locked_until: options.lockedUntil(name),
          }))
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const run = await trx
          .insertInto('job_run')
          .values({
            job_id: id,
            job_name: row.name,
            attempt: row.attempts,
            runner: options.runner,
            started_at: options.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        claimed.push({ ...toJob(row), runId: run.id });
      }
      return claimed;
    });
  }

  async succeeded(job: ClaimedJob, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('job')
        .set({
          state: 'succeeded',
          finished_at: now,
          last_error: null,
          locked_by: null,
          locked_until: null,
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', job.lockedBy)
        .execute();
      await this.finishRun(trx, job.runId, now, 'succeeded', null);
    });
  }

  /** A failed attempt: the job waits until `retryAt`, or fails for good when it is null. */
  async failed(job: ClaimedJob, now: Date, error: string, retryAt: Date | null): Promise<void> {
    const message = error.slice(0, ERROR_LENGTH);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('job')
        .set({
          state: retryAt ? 'queued' : 'failed',
          run_at: retryAt ?? job.runAt,
          finished_at: retryAt ? null : now,
          last_error: message,
          locked_by: null,
          locked_until: null,
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', job.lockedBy)
        .execute();
      await this.finishRun(trx, job.runId, now, 'failed', message);
    });
  }

  private async finishRun(
    trx: Transaction<JobTables>,
    runId: number,
    now: Date,
    outcome: RunOutcome,
    error: string | null,
  ): Promise<void> {
    await trx
      .updateTable('job_run')
      .set({ outcome, finished_at: now, error })
      .where('id', '=', runId)
      .execute();
  }

  // For the system administrator's page.

  async find(id: number, executor: Db = this.db): Promise<JobRecord | undefined> {
    const row = await executor
      .selectFrom('job')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toJob(row);
  }

  async findByKey(name: string, key: string): Promise<JobRecord | undefined> {
    const row = await this.db
      .selectFrom('job')
      .selectAll()
      .where('name', '=', name)
      .where('key', '=', key)
      .executeTakeFirst();
    return row && toJob(row);
  }

  /** Jobs that failed for good, and those waiting to retry after a failed attempt. */
  async failures(limit: number): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('job')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('state', '=', 'failed'),
          eb.and([eb('state', '=', 'queued'), eb('last_error', 'is not', null)]),
        ]),
      )
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  async recentRuns(limit: number): Promise<JobRunRecord[]> {
    return this.db
      .selectFrom('job_run')
      .select([
        'id',
        'job_id as jobId',
        'job_name as jobName',
        'attempt',
        'runner',
        'started_at as startedAt',
        'finished_at as finishedAt',
        'outcome',
        'error',
      ])
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * Lets a failed job (or one waiting to retry) run at `now`, with one more attempt if it had
   * none left. Locks the row; false when the job is not in such a state.
   */
  async retry(executor: Db, id: number, now: Date): Promise<boolean> {
    const row = await executor
      .updateTable('job')
      .set((eb) => ({
        state: 'queued',
        run_at: now,
        finished_at: null,
        max_attempts: eb.fn('greatest', [eb.ref('max_attempts'), eb('attempts', '+', 1)]),
      }))
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('state', '=', 'failed'),
          eb.and([eb('state', '=', 'queued'), eb('last_error', 'is not', null)]),
        ]),
      )
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Forgets finished jobs (and their runs) that finished before `before`. */
  async pruneFinished(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('job')
      .where('state', 'in', ['succeeded', 'failed'])
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
