import { setTimeout as sleep } from 'node:timers/promises';

/**
 * An answer that must not tell which way it went (registering an address that already has an
 * account, or one that does not) takes as long as the longest way usually takes. Every answer
 * waits, from its start, until the median of the last durations of the longest way has passed;
 * the shorter ways then end at about the same time, whatever the load on the machine, instead of
 * hoping that their work costs the same. The median follows the machine's load as it changes,
 * and the wait is capped so that a stall in the longest way does not hold every answer.
 */
export class EvenPace {
  private readonly recent: number[] = [];

  constructor(
    private readonly options: {
      /** How many of the longest way's durations the median is taken over. */
      keep?: number;
      /** The longest wait added to one answer, in milliseconds. */
      maxWaitMs?: number;
      now?: () => number;
      wait?: (ms: number) => Promise<unknown>;
    } = {},
  ) {}

  /** The moment an answer starts, to pass to `settle`. */
  start(): number {
    return this.now();
  }

  /**
   * Called when an answer's work is done: `longest` when it went the longest way (its duration
   * is remembered), false otherwise. Resolves when the answer may be sent.
   */
  async settle(startedAt: number, longest: boolean): Promise<void> {
    const took = this.now() - startedAt;
    if (longest) this.remember(took);
    const target = this.target();
    const wait = Math.min(target - took, this.options.maxWaitMs ?? 2_000);
    if (wait > 0) await (this.options.wait ?? sleep)(wait);
  }

  /** The median duration of the longest way, 0 before it has been taken. */
  target(): number {
    if (this.recent.length === 0) return 0;
    const sorted = [...this.recent].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  }

  private remember(took: number): void {
    this.recent.push(took);
    if (this.recent.length > (this.options.keep ?? 25)) this.recent.shift();
  }

  private now(): number {
    return (this.options.now ?? (() => performance.now()))();
  }
}
