import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { JsonObject } from '../audit/canonical-json.js';
import type { JobScheduleRecord } from './job-schedules.repository.js';
import type { ClaimedJob, JobsRepository } from './jobs.repository.js';
import type { JobTables } from './jobs.tables.js';
import {
  nextRunTime,
  retryDelay,
  validateRule,
  type Backoff,
  type JobScheduleRule,
} from './schedule.js';

/** What a job's handler is told about the attempt it runs. */
export interface JobContext {
  jobId: number;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  now: Date;
}

export interface JobDefinition {
  /** `<area>.<what>`, e.g. `licences.expire`, `email.send`. */
  name: string;
  /** Throws to fail the attempt; the job is retried with backoff until it has no attempts left. */
  run(payload: JsonObject, context: JobContext): Promise<void>;
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /** Default: 30 seconds, doubling, at most an hour. */
  backoff?: Backoff;
  /** How long a runner holds the job before another may take it over (default 15 minutes). */
  timeoutMs?: number;
}

export interface JobsLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export type RunResult = 'succeeded' | 'failed' | 'none';

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, maxMs: 60 * 60_000 };
const DEFAULT_TIMEOUT_MS = 15 * 60_000;

const silent: JobsLog = { info: () => undefined, error: () => undefined };

/**
 * The background jobs of one app process: the handlers it knows, the schedules it declares,
 * and the queue in the database that every process shares (ADR 11). Enqueue inside the
 * caller's transaction, so that a job exists exactly when the change that asks for it commits.
 */
export class Jobs {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly rules = new Map<string, JobScheduleRule>();
  private readonly clock: () => Date;
  private logger: JobsLog;
  /** This process's name in job runs and the runner's lease. */
  readonly processId: string;
  private wake: (() => void) | null = null;

  constructor(
    readonly repository: JobsRepository,
    options: { clock?: () => Date; log?: JobsLog; processId?: string } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.log ?? silent;
    this.processId =
      options.processId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  now(): Date {
    return this.clock();
  }

  get log(): JobsLog {
    return this.logger;
  }

  /** Where failures are logged (the app's logger, once the app exists). */
  useLog(log: JobsLog): void {
    this.logger = log;
  }

  define(definition: JobDefinition): void {
    if (this.definitions.has(definition.name)) {
      throw new Error(`The job ${definition.name} is already defined`);
    }
    if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(definition.name)) {
      throw new Error(`A job name looks like "area.what", not "${definition.name}"`);
    }
    this.definitions.set(definition.name, definition);
  }

  /** Runs the (defined) job at the times of the rule, from the runner's next start on. */
  schedule(jobName: string, rule: JobScheduleRule): void {
    if (!this.definitions.has(jobName)) throw new Error(`No job ${jobName} to schedule`);
    validateRule(rule);
    this.rules.set(jobName, rule);
  }

  names(): string[] {
    return [...this.definitions.keys()].sort();
  }

  /**
   * Adds a job in the caller's transaction (or on its own given a plain connection). With a
   * key, a second job of the same name and key is not added (null is returned). Any module's
   * executor will do: the job tables are in every Corridor database, though not in the type a
   * module sees of it. The runner is not woken here: the transaction has not committed yet, so
   * a pass now would not see the job. After the commit, run it with `runNow` or `nudge` the
   * runner; otherwise the next poll takes it.
   */
  async enqueue<DB>(
    // Transaction<DB> listed too: TypeScript cannot infer DB from a Transaction otherwise.
    executor: Kysely<DB> | Transaction<DB>,
    name: string,
    payload: JsonObject = {},
    options: { key?: string; runAt?: Date } = {},
  ): Promise<number | null> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`No job ${name}`);
    const now = this.clock();
    const id = await this.repository.insert(executor as unknown as Kysely<JobTables>, {
      name,
      payload,
      key: options.key ?? null,
      runAt: options.runAt ?? now,
      maxAttempts: definition.maxAttempts ?? DEFAULT_ATTEMPTS,
      now,
    });
    return id;
  }

  /**
   * Runs the queued job of this name and key now, in this process, if it is due and no runner
   * has it (email goes out at once this way; a failure leaves it to the runner's retries).
   * Never throws.
   */
  async runNow(name: string, key: string): Promise<RunResult> {
    try {
      const job = await this.claimNext({ name, key });
      return job ? await this.execute(job) : 'none';
    } catch (error) {
      this.log.error({ err: error, job: name }, 'could not run the job');
      return 'failed';
    }
  }

  /**
   * One pass of the runner: jobs whose runner went away wait again, schedules due become jobs,
   * then up to `limit` due jobs run, one at a time, while `beforeEach` (the runner's lease)
   * allows. When nothing is due (the usual poll) that is one read.
   */
  async runDue(
    limit = 20,
    options: { beforeEach?: () => Promise<boolean> } = {},
  ): Promise<{ succeeded: number; failed: number }> {
    const now = this.clock();
    const counts = { succeeded: 0, failed: 0 };
    const due = await this.repository.dueWork(now, this.names());
    if (due.abandoned) await this.repository.recoverAbandoned(now);
    if (due.schedules) {
      await this.repository.schedules.fireDue(
        now,
        (schedule) => this.nextRun(schedule, now),
        (jobName) => this.definitions.get(jobName)?.maxAttempts ?? DEFAULT_ATTEMPTS,
      );
    }
    if (!due.jobs && !due.abandoned && !due.schedules) return counts;
    while (counts.succeeded + counts.failed < limit) {
      if (options.beforeEach && !(await options.beforeEach())) break;
      const job = await this.claimNext();
      if (!job) break;
      if ((await this.execute(job)) === 'succeeded') counts.succeeded += 1;
      else counts.failed += 1;
    }
    return counts;
  }

  /** Writes the declared schedules; a new one runs at once (a first start catches up). */
  async syncSchedules(): Promise<void> {
    const now = this.clock();
    for (const [jobName, rule] of this.rules) {
      await this.repository.schedules.upsert({
        jobName,
        everyMinutes: 'everyMinutes' in rule ? rule.everyMinutes : null,
        cron: 'cron' in rule ? rule.cron : null,
        nextRunAt: now,
      });
    }
    await this.repository.schedules.deleteExcept([...this.rules.keys()]);
  }

  /** Tells this process's runner, if it has one, to look for due jobs now (after a commit). */
  nudge(): void {
    this.wake?.();
  }

  /** For the runner: what `nudge` calls. */
  onNudge(wake: (() => void) | null): void {
    this.wake = wake;
  }

  private nextRun(schedule: JobScheduleRecord, now: Date): Date {
    const rule: JobScheduleRule =
      schedule.everyMinutes !== null
        ? { everyMinutes: schedule.everyMinutes }
        : { cron: schedule.cron ?? '' };
    return nextRunTime(rule, now);
  }

  private claimNext(only?: { name: string; key: string }) {
    const now = this.clock();
    return this.repository.claimNext({
      runner: this.processId,
      now,
      lockedUntil: (name) =>
        new Date(now.getTime() + (this.definitions.get(name)?.timeoutMs ?? DEFAULT_TIMEOUT_MS)),
      names: this.names(),
      ...(only ? { only } : {}),
    });
  }

  private async execute(job: ClaimedJob): Promise<'succeeded' | 'failed'> {
    const definition = this.definitions.get(job.name);
    if (!definition) throw new Error(`No job ${job.name}`);
    try {
      await definition.run(job.payload, {
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        now: this.clock(),
      });
      await this.repository.finish(job, this.clock(), { outcome: 'succeeded' });
      return 'succeeded';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = this.clock();
      const retryAt =
        job.attempts < job.maxAttempts
          ? new Date(
              now.getTime() + retryDelay(definition.backoff ?? DEFAULT_BACKOFF, job.attempts),
            )
          : null;
      await this.repository.finish(job, now, { outcome: 'failed', error: message, retryAt });
      this.log.error(
        { err: error, job: job.name, jobId: job.id, attempt: job.attempts, retryAt },
        retryAt ? 'job failed; it will be retried' : 'job failed; no attempts left',
      );
      return 'failed';
    }
  }
}
