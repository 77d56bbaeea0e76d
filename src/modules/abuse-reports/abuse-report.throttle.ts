import { hkdfSync } from 'node:crypto';
import { hmacSha256 } from '../../platform/crypto/primitives.js';
import type { AbuseReportsDb } from './abuse-reports.tables.js';

/**
 * Floods of reports, and guesses of references, slowed per address (as sign-in is, in the
 * accounts module's throttle, whose tables are its own): each claim is counted; from the
 * `free`-th in a window on, the next must wait `baseMs · 2^(n − free)`, at most `capMs`.
 *
 * - `file`: reports filed from one address. 5 an hour go through; after the 5th the next waits
 *   5 minutes, then 10, 20, up to an hour (a shelter's shared address can still file).
 * - `follow_miss`: references not found from one address. 20 an hour, then 1 minute doubling
 *   to an hour: a reporter who mistypes is not stopped; a guesser is.
 *
 * Keys are HMAC-SHA-256 of the address under a key derived from LOOKUP_HASH_KEY: the table
 * does not say which addresses filed reports. The address itself is kept nowhere.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const REPORT_THROTTLES = {
  file: { windowMs: HOUR, free: 5, baseMs: 5 * MINUTE, capMs: HOUR },
  follow_miss: { windowMs: HOUR, free: 20, baseMs: MINUTE, capMs: HOUR },
} as const;

export type ReportThrottleScope = keyof typeof REPORT_THROTTLES;

export function reportThrottleKey(lookupHashKey: string): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(lookupHashKey, 'base64'),
      Buffer.alloc(0),
      'corridor/abuse-report-throttle/v1',
      32,
    ),
  );
}

export type ThrottleOutcome = { allowed: true } | { allowed: false; waitSeconds: number };

export class ReportThrottle {
  constructor(
    private readonly db: AbuseReportsDb,
    private readonly key: Buffer,
  ) {}

  private hash(scope: ReportThrottleScope, address: string): string {
    return hmacSha256(this.key, `${scope}\0${address}`).toString('hex');
  }

  /** The wait still running for this address, if any (nothing is counted). */
  async waiting(scope: ReportThrottleScope, address: string, now: Date): Promise<ThrottleOutcome> {
    const row = await this.db
      .selectFrom('abuse_report_throttle')
      .select('locked_until')
      .where('scope', '=', scope)
      .where('key_hash', '=', this.hash(scope, address))
      .executeTakeFirst();
    if (row?.locked_until && row.locked_until > now) {
      return { allowed: false, waitSeconds: secondsUntil(row.locked_until, now) };
    }
    return { allowed: true };
  }

  /**
   * Counts one more for this address, or refuses while a wait runs. One statement: the upsert's
   * row lock orders parallel claims, so that none passes a wait another has just started.
   */
  async claim(scope: ReportThrottleScope, address: string, now: Date): Promise<ThrottleOutcome> {
    const policy = REPORT_THROTTLES[scope];
    const keyHash = this.hash(scope, address);
    const windowStart = new Date(now.getTime() - policy.windowMs);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('abuse_report_throttle')
        .values({ scope, key_hash: keyHash, attempts: 1, window_started_at: now })
        .onConflict((conflict) =>
          conflict
            .columns(['scope', 'key_hash'])
            .doUpdateSet((eb) => ({
              attempts: eb
                .case()
                .when('abuse_report_throttle.window_started_at', '<=', windowStart)
                .then(1)
                .else(eb('abuse_report_throttle.attempts', '+', 1))
                .end(),
              window_started_at: eb
                .case()
                .when('abuse_report_throttle.window_started_at', '<=', windowStart)
                .then(now)
                .else(eb.ref('abuse_report_throttle.window_started_at'))
                .end(),
            }))
            .where((eb) =>
              eb.or([
                eb('abuse_report_throttle.locked_until', 'is', null),
                eb('abuse_report_throttle.locked_until', '<=', now),
              ]),
            ),
        )
        .returning(['attempts'])
        .executeTakeFirst();
      if (!row) {
        const waiting = await trx
          .selectFrom('abuse_report_throttle')
          .select('locked_until')
          .where('scope', '=', scope)
          .where('key_hash', '=', keyHash)
          .executeTakeFirstOrThrow();
        return { allowed: false, waitSeconds: secondsUntil(waiting.locked_until ?? now, now) };
      }
      if (row.attempts >= policy.free) {
        const waitMs = Math.min(policy.baseMs * 2 ** (row.attempts - policy.free), policy.capMs);
        await trx
          .updateTable('abuse_report_throttle')
          .set({ locked_until: new Date(now.getTime() + waitMs) })
          .where('scope', '=', scope)
          .where('key_hash', '=', keyHash)
          .execute();
      }
      return { allowed: true };
    });
  }
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** The translated wait: seconds under a minute, else whole minutes rounded up. */
export function waitMessage(seconds: number): { key: string; values: Record<string, number> } {
  return seconds < 60
    ? { key: 'abuseReports.errors.waitSeconds', values: { seconds } }
    : { key: 'abuseReports.errors.waitMinutes', values: { minutes: Math.ceil(seconds / 60) } };
}
