import { sha256Hex } from '../../platform/crypto/tokens.js';
import type { ThrottleKey, ThrottleRepository } from './throttle.repository.js';
import type { Executor } from './users.repository.js';

/**
 * Sign-in throttling: 5 failures for one email address (whether or not it has an account, so
 * the answer says nothing about which addresses exist) or 20 from one IP address within 15
 * minutes lock that address for 15 minutes. Keys are stored hashed.
 */
export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  perAccount: 5,
  perIpAddress: 20,
  lockMinutes: 15,
} as const;

const MINUTE = 60_000;

export interface FailureResult {
  /** Set when this failure locked the account's address. */
  accountLockedUntil: Date | null;
  ipLockedUntil: Date | null;
}

export class SignInThrottle {
  constructor(
    private readonly repository: ThrottleRepository,
    private readonly now: () => Date,
  ) {}

  private accountKey(email: string): ThrottleKey {
    return { scope: 'account', keyHash: sha256Hex(`account:${email}`) };
  }

  private ipKey(ipAddress: string | null): ThrottleKey | null {
    return ipAddress ? { scope: 'ip', keyHash: sha256Hex(`ip:${ipAddress}`) } : null;
  }

  /** Whole minutes until the address or the IP address may try again; null if not locked. */
  async lockedMinutes(email: string, ipAddress: string | null): Promise<number | null> {
    const ip = this.ipKey(ipAddress);
    const now = this.now();
    const until = await this.repository.lockedUntil(
      [this.accountKey(email), ...(ip ? [ip] : [])],
      now,
    );
    return until ? minutesUntil(until, now) : null;
  }

  async recordFailure(
    executor: Executor,
    email: string,
    ipAddress: string | null,
  ): Promise<FailureResult> {
    const policy = {
      now: this.now(),
      windowMs: SIGN_IN_LIMITS.windowMinutes * MINUTE,
      lockMs: SIGN_IN_LIMITS.lockMinutes * MINUTE,
    };
    const accountLockedUntil = await this.repository.recordFailure(
      executor,
      this.accountKey(email),
      {
        ...policy,
        limit: SIGN_IN_LIMITS.perAccount,
      },
    );
    const ip = this.ipKey(ipAddress);
    const ipLockedUntil = ip
      ? await this.repository.recordFailure(executor, ip, {
          ...policy,
          limit: SIGN_IN_LIMITS.perIpAddress,
        })
      : null;
    return { accountLockedUntil, ipLockedUntil };
  }

  /** A correct password clears the address's count (not the IP address's). */
  async recordSuccess(executor: Executor, email: string): Promise<void> {
    await this.repository.clear(executor, this.accountKey(email));
  }
}

export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
}
