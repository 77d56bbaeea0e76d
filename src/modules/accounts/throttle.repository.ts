import { sql, type Kysely } from 'kysely';
import type { AccountsDatabase, ThrottleScope } from './accounts.tables.js';

type Executor = Kysely<AccountsDatabase>;

export interface ThrottleKey {
  scope: ThrottleScope;
  /** Hex HMAC-SHA-256 of what is counted (never the email or IP address itself). */
  keyHash: string;
}

/**
 * How a key is counted: attempts within `windowMs` of the window's first; from the `free`-th
 * on, each one makes the next wait `baseMs · 2^(attempts − free)`, at most `capMs`.
 */
export interface ThrottlePolicy {
  now: Date;
  windowMs: number;
  free: number;
  baseMs: number;
  capMs: number;
}

export interface ThrottleClaim {
  attempts: number;
  /** The wait this attempt started, if it is past the free ones. */
  waitStarted: Date | null;
}

/** Thrown inside the claim transaction to roll back the keys already counted. */
class MustWait extends Error {}

/** Attempts counted in windows per key, and the waits they lead to. */
export class ThrottleRepository {
  constructor(private readonly db: Executor) {}

  /** The latest time until which one of the keys must wait, if one must wait now. */
  async waitingUntil(keys: ThrottleKey[], now: Date): Promise<Date | null> {
    if (keys.length === 0) return null;
    const rows = await this.db
      .selectFrom('sign_in_throttle')
      .select(['locked_until'])
      .where((eb) =>
        eb.or(
          keys.map((key) =>
            eb.and([eb('scope', '=', key.scope), eb('key_hash', '=', key.keyHash)]),
          ),
        ),
      )
      .where('locked_until', '>', now)
      .execute();
    const times = rows.map((row) => row.locked_until).filter((time): time is Date => time !== null);
    return times.length ? new Date(Math.max(...times.map((time) => time.getTime()))) : null;
  }

  /**
   * Counts one attempt on every key, in one transaction, or on none if one of them must still
   * wait (null). The row lock of the upsert orders parallel attempts on a key: none passes a
   * wait that another has just started.
   */
  async claimAll(
    claims: Array<{ key: ThrottleKey; policy: ThrottlePolicy }>,
  ): Promise<ThrottleClaim[] | null> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const done: ThrottleClaim[] = [];
        for (const { key, policy } of claims) {
          const claim = await this.claim(trx, key, policy);
          if (!claim) throw new MustWait();
          done.push(claim);
        }
        return done;
      });
    } catch (error) {
      if (error instanceof MustWait) return null;
      throw error;
    }
  }

  private async claim(
    executor: Executor,
    key: ThrottleKey,
    policy: ThrottlePolicy,
  ): Promise<ThrottleClaim | null> {
    const windowStart = new Date(policy.now.getTime() - policy.windowMs);
    const row = await executor
      .insertInto('sign_in_throttle')
      .values({
        scope: key.scope,
        key_hash: key.keyHash,
        failures: 1,
        window_started_at: policy.now,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['scope', 'key_hash'])
          .doUpdateSet((eb) => ({
            failures: eb
              .case()
              .when('sign_in_throttle.window_started_at', '<=', windowStart)
              .then(1)
              .else(eb('sign_in_throttle.failures', '+', 1))
              .end(),
            window_started_at: eb
              .case()
              .when('sign_in_throttle.window_started_at', '<=', windowStart)
              .then(policy.now)
              .else(eb.ref('sign_in_throttle.window_started_at'))
              .end(),
          }))
          .where((eb) =>
            eb.or([
              eb('sign_in_throttle.locked_until', 'is', null),
              eb('sign_in_throttle.locked_until', '<=', policy.now),
            ]),
          ),
      )
      .returning(['failures'])
      .executeTakeFirst();
    if (!row) return null;
    if (row.failures < policy.free) return { attempts: row.failures, waitStarted: null };
    const waitMs = Math.min(policy.baseMs * 2 ** (row.failures - policy.free), policy.capMs);
    const waitStarted = new Date(policy.now.getTime() + waitMs);
    await executor
      .updateTable('sign_in_throttle')
      .set({ locked_until: waitStarted })
      .where('scope', '=', key.scope)
      .where('key_hash', '=', key.keyHash)
      .execute();
    return { attempts: row.failures, waitStarted };
  }

  /** An attempt that succeeded no longer counts (the wait it may have started stays). */
  async refund(executor: Executor, key: ThrottleKey): Promise<void> {
    await executor
      .updateTable('sign_in_throttle')
      .set({ failures: sql<number>`greatest(failures - 1, 0)` })
      .where('scope', '=', key.scope)
      .where('key_hash', '=', key.keyHash)
      .execute();
  }

  async clear(executor: Executor, key: ThrottleKey): Promise<void> {
    await executor
      .deleteFrom('sign_in_throttle')
      .where('scope', '=', key.scope)
      .where('key_hash', '=', key.keyHash)
      .execute();
  }

  /** Rows whose window and wait are both over (housekeeping). Returns how many. */
  async purge(executor: Executor, now: Date, windowStart: Date): Promise<number> {
    const result = await executor
      .deleteFrom('sign_in_throttle')
      .where('window_started_at', '<', windowStart)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
