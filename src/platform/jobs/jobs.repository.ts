import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { JsonObject } from '../audit/canonical-json.js';
import { JobRunnerLeaseRepository } from './job-runner-lease.repository.js';
import { JobSchedulesRepository } from './job-schedules.repository.js';
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

/** Failed for good, or waiting to retry after a failed attempt: what an administrator may retry. */
function retryable(eb: ExpressionBuilder<JobTables, 'job'>) {
  return eb.or([
    eb('state', '=', 'failed'),
    eb.and([eb('state', '=', 'queued'), eb('last_error', 'is not', null)]),
  ]);
}

/** How an attempt ended: a failure waits until `retryAt`, or fails for good when it is null. */
export type AttemptResult =
  { outcome: 'succeeded' } | { outcome: 'failed'; error: string; retryAt: Date | null };

/**
 * The only SQL on job and job_run: the queue, its attempts, and the system administrator's
 * view of them. Claims use `FOR UPDATE SKIP LOCKED`, so two runners (or a runner and an eager
 * `runNow`) never take the same job; the same SQL runs on PGlite. The schedules and the
 * runner's lease have repositories of their own, on the same database.
 */
export class JobsRepository {
  readonly schedules: JobSchedulesRepository;
  readonly lease: JobRunnerLeaseRepository;

  constructor(private readonly db: Db) {
    this.schedules = new JobSchedulesRepository(db, this);
    this.lease = new JobRunnerLeaseRepository(db);
  }

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
   * The runner's question, in one read: are there jobs due (of these names), jobs whose runner
   * went away, schedules due? An idle poll stops here, without a transaction.
   */
  async dueWork(
    now: Date,
    names: string[],
  ): Promise<{ jobs: boolean; abandoned: boolean; schedules: boolean }> {
    const row = await this.db
      .selectNoFrom((eb) => [
        names.length === 0
          ? eb.lit(false).as('jobs')
          : eb
              .exists(
                eb
                  .selectFrom('job')
                  .select('id')
                  .where('state', '=', 'queued')
                  .where('run_at', '<=', now)
                  .where('name', 'in', names),
              )
              .as('jobs'),
        eb
          .exists(
            eb
              .selectFrom('job')
              .select('id')
              .where('state', '=', 'running')
              .where('locked_until', '<', now),
          )
          .as('abandoned'),
        eb
          .exists(eb.selectFrom('job_schedule').select('job_name').where('next_run_at', '<=', now))
          .as('schedules'),
      ])
      .executeTakeFirstOrThrow();
    return {
      jobs: Boolean(row.jobs),
      abandoned: Boolean(row.abandoned),
      schedules: Boolean(row.schedules),
    };
  }

  /**
   * Claims the next due job (or the one job `only` names, if it is due) for `runner` until
   * `lockedUntil`, counting an attempt and opening a run. One at a time: a job's lock starts
   * when it is about to run, not while the jobs before it run.
   */
  async claimNext(options: {
    runner: string;
    now: Date;
    lockedUntil: (jobName: string) => Date;
    only?: { name: string; key: string };
    names: string[];
  }): Promise<ClaimedJob | undefined> {
    if (options.names.length === 0) return undefined;
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
      const next = await query
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!next) return undefined;
      const row = await trx
        .updateTable('job')
        .set((eb) => ({
          state: 'running',
          attempts: eb('attempts', '+', 1),
          locked_by: options.runner,
          locked_until: options.lockedUntil(next.name),
        }))
        .where('id', '=', next.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const run = await trx
        .insertInto('job_run')
        .values({
          job_id: row.id,
          job_name: row.name,
          attempt: row.attempts,
          runner: options.runner,
          started_at: options.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ...toJob(row), runId: run.id };
    });
  }

  /** Ends the attempt: the job's new state and its run's outcome, in one transaction. */
  async finish(job: ClaimedJob, now: Date, result: AttemptResult): Promise<void> {
    const error = result.outcome === 'failed' ? result.error.slice(0, ERROR_LENGTH) : null;
    const retryAt = result.outcome === 'failed' ? result.retryAt : null;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('job')
        .set({
          state: retryAt ? 'queued' : result.outcome,
          run_at: retryAt ?? job.runAt,
          finished_at: retryAt ? null : now,
          last_error: error,
          locked_by: null,
          locked_until: null,
        })
        .where('id', '=', job.id)
        // Still this attempt's: not taken back and claimed again meanwhile (by any process).
        .where('state', '=', 'running')
        .where('attempts', '=', job.attempts)
        .execute();
      await trx
        .updateTable('job_run')
        .set({ outcome: result.outcome, finished_at: now, error })
        .where('id', '=', job.runId)
        .execute();
    });
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

  /** Jobs that failed for good, and those waiting to retry after a failed attempt. */
  async failures(limit: number): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('job')
      .selectAll()
      .where(retryable)
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
      .where(retryable)
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
