import type { Kysely } from 'kysely';
import type { AccountsDatabase } from './accounts.tables.js';

type Executor = Kysely<AccountsDatabase>;

export interface ThrottleKey {
  scope: 'account' | 'ip';
  keyHash: string;
}

/** Counts of failed sign-ins in fixed windows, and the locks they lead to. */
export class ThrottleRepository {
  constructor(private readonly db: Executor) {}

  /** The latest time until which any of the keys is locked, if one is locked now. */
  async lockedUntil(keys: ThrottleKey[], now: Date): Promise<Date | null> {
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
   * Counts one failure; when the window holds `limit` failures the key is locked until
   * `now + lockMs` and the count starts again. Returns the lock set by this failure, if any.
   */
  async recordFailure(
    executor: Executor,
    key: ThrottleKey,
    policy: { now: Date; windowMs: number; limit: number; lockMs: number },
  ): Promise<Date | null> {
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
        conflict.columns(['scope', 'key_hash']).doUpdateSet((eb) => ({
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
        })),
      )
      .returning(['failures'])
      .executeTakeFirstOrThrow();
    if (row.failures < policy.limit) return null;
    const lockedUntil = new Date(policy.now.getTime() + policy.lockMs);
    await executor
      .updateTable('sign_in_throttle')
      .set({ locked_until: lockedUntil, failures: 0, window_started_at: policy.now })
      .where('scope', '=', key.scope)
      .where('key_hash', '=', key.keyHash)
      .execute();
    return lockedUntil;
  }

  async clear(executor: Executor, key: ThrottleKey): Promise<void> {
    await executor
      .deleteFrom('sign_in_throttle')
      .where('scope', '=', key.scope)
      .where('key_hash', '=', key.keyHash)
      .execute();
  }

  /** Rows whose window and lock are both over (housekeeping). Returns how many. */
  async purge(executor: Executor, now: Date, windowStart: Date): Promise<number> {
    const result = await executor
      .deleteFrom('sign_in_throttle')
      .where('window_started_at', '<', windowStart)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
