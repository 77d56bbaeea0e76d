import type { Jobs } from './jobs.js';

export interface RunnerOptions {
  /** How often the runner looks for due jobs (default 5 seconds). */
  pollMs?: number;
  /** How long the leader's lease lasts without renewal (default 60 seconds). */
  leaseMs?: number;
}

/**
 * The one active runner across every app process. Each process starts one; the one that holds
 * the lease (a row in job_runner_lease, renewed at every poll) claims and runs due jobs, the
 * others wait to take over if it stops renewing. Claims use `FOR UPDATE SKIP LOCKED` as well,
 * so an eager `Jobs.runNow` elsewhere never runs the same job twice.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;
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
    this.jobs.onEnqueue(() => this.poke());
    this.poke();
  }

  /**
   * Stops polling, lets the job in hand finish, and gives up the lease so that another
   * process takes over at once.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.jobs.onEnqueue(null);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
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

  private holdLease(): Promise<boolean> {
    const now = this.jobs.now();
    return this.jobs.repository.lease.hold(
      this.jobs.processId,
      now,
      new Date(now.getTime() + this.leaseMs),
    );
  }

  private async pass(): Promise<void> {
    try {
      // One job at a time while jobs are due, so that a stop waits for the job in hand only;
      // the lease is renewed before each.
      while (!this.stopped && (await this.holdLease())) {
        const { succeeded, failed } = await this.jobs.runDue(1);
        if (succeeded + failed === 0) break;
      }
    } catch (error) {
      if (!this.stopped) this.jobs.log.error({ err: error }, 'the job runner failed a pass');
    }
  }
}
