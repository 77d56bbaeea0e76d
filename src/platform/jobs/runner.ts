import type { Jobs } from './jobs.js';

/** Jobs run in one pass before the next pass is started (at once, when the batch was full). */
const BATCH = 20;

export interface RunnerOptions {
  /** How often the runner looks for due jobs (default 5 seconds). */
  pollMs?: number;
  /** How long the leader's lease lasts without renewal (default 60 seconds). */
  leaseMs?: number;
}

/**
 * The one active runner across every app process. Each process starts one; the one that holds
 * the lease (a row in job_runner_lease, renewed when half of it has run) claims and runs due
 * jobs, the others wait to take over if it stops renewing. Claims use `FOR UPDATE SKIP LOCKED`
 * as well, so an eager `Jobs.runNow` elsewhere never runs the same job twice.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;
  /** When the lease this runner holds runs out (ms since the epoch; 0 when it holds none). */
  private leaseUntil = 0;
  private readonly pollMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly jobs: Jobs,
    options: RunnerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 5000;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** Writes the declared schedules and starts polling. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.jobs.syncSchedules();
    this.jobs.onNudge(() => this.poke());
    this.poke();
  }

  /**
   * Stops polling, lets the job in hand finish, and gives up the lease so that another
   * process takes over at once.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.jobs.onNudge(null);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.leaseUntil = 0;
    await this.jobs.repository.lease
      .release(this.jobs.processId, this.jobs.now())
      .catch((error: unknown) =>
        this.jobs.log.error({ err: error }, 'could not release the lease'),
      );
  }

  /** Runs a pass now (or right after the one in progress). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.poke();
      } else {
        this.timer = setTimeout(() => this.poke(), this.pollMs);
        this.timer.unref();
      }
    });
  }

  /**
   * Takes the lease, or keeps it: renewed once half of it has run (a write every 30 seconds,
   * not at every poll). False once stopped, so that a stop waits for the job in hand only.
   */
  private async holdLease(): Promise<boolean> {
    if (this.stopped) return false;
    const now = this.jobs.now();
    if (this.leaseUntil - now.getTime() > this.leaseMs / 2) return true;
    const until = new Date(now.getTime() + this.leaseMs);
    const held = await this.jobs.repository.lease.hold(this.jobs.processId, now, until);
    this.leaseUntil = held ? until.getTime() : 0;
    return held;
  }

  private async pass(): Promise<void> {
    try {
      if (!(await this.holdLease())) return;
      const { succeeded, failed } = await this.jobs.runDue(BATCH, {
        beforeEach: () => this.holdLease(),
      });
      // A full batch: more may be due, so the next pass starts at once.
      if (succeeded + failed >= BATCH) this.again = true;
    } catch (error) {
      if (!this.stopped) this.jobs.log.error({ err: error }, 'the job runner failed a pass');
    }
  }
}
