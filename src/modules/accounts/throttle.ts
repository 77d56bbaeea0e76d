import { hkdfSync } from 'node:crypto';
import { hmacSha256 } from '../../platform/crypto/primitives.js';
import type { ThrottleClaim, ThrottlePolicy, ThrottleRepository } from './throttle.repository.js';
import type { Executor } from './users.repository.js';

/**
 * Sign-in throttling that slows attackers without locking owners out (OWASP Authentication and
 * Credential Stuffing cheat sheets). Every attempt is counted before the password is checked
 * (one atomic claim per key, so parallel requests cannot slip past a wait) and refunded when it
 * succeeds. Past a number of free attempts each key must wait, longer after each failure:
 *
 * - `pair`: one email address from one IP address. 5 free, then 30 s, 1, 2, 4, 8, 15 minutes.
 * - `account`: one email address from every address together (a spread-out attack). 20 free
 *   an hour, then 15 s, 30 s, and never more than a minute: it slows, it does not lock.
 * - `ip`: one IP address over every email address (spraying). 50 free an hour, then 10 s
 *   doubling to 5 minutes.
 * - `device`: a browser holding a known-device cookie for the account (a correct sign-in there
 *   before). Such attempts count only here, so the owner gets in while an attack from elsewhere
 *   is being slowed. 5 free, then as the pair.
 *
 * The same keys and answers apply whether or not the email address has an account. Keys are
 * HMAC-SHA-256 under a key derived from LOOKUP_HASH_KEY: a copy of the table does not tell
 * which addresses tried, unlike plain hashes anyone can recompute from a list of addresses.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const SIGN_IN_POLICIES = {
  pair: { windowMs: 24 * HOUR, free: 5, baseMs: 30 * SECOND, capMs: 15 * MINUTE },
  account: { windowMs: HOUR, free: 20, baseMs: 15 * SECOND, capMs: 1 * MINUTE },
  ip: { windowMs: HOUR, free: 50, baseMs: 10 * SECOND, capMs: 5 * MINUTE },
  device: { windowMs: 24 * HOUR, free: 5, baseMs: 30 * SECOND, capMs: 15 * MINUTE },
} as const satisfies Record<string, Omit<ThrottlePolicy, 'now'>>;

/** Registration: emails to one address, and forms from one IP address, per hour. */
export const REGISTRATION_POLICIES = {
  register_email: { windowMs: HOUR, free: 3, baseMs: HOUR, capMs: HOUR },
  register_ip: { windowMs: HOUR, free: 30, baseMs: MINUTE, capMs: HOUR },
} as const satisfies Record<string, Omit<ThrottlePolicy, 'now'>>;

/** Rows older than this are spent whatever their scope (housekeeping). */
export const THROTTLE_RETENTION_MS = 24 * HOUR;

export type ThrottleScope = keyof typeof SIGN_IN_POLICIES | keyof typeof REGISTRATION_POLICIES;

const POLICIES: Record<ThrottleScope, Omit<ThrottlePolicy, 'now'>> = {
  ...SIGN_IN_POLICIES,
  ...REGISTRATION_POLICIES,
};

const THROTTLE_KEY_INFO = 'corridor/sign-in-throttle/v1';

/** The HMAC key for throttle keys, derived from the lookup hash key (base64 of 32 bytes). */
export function throttleKeyFrom(lookupHashKey: string): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(lookupHashKey, 'base64'),
      Buffer.alloc(0),
      THROTTLE_KEY_INFO,
      32,
    ),
  );
}

/** Who is trying: the email address typed (normalised), where from, and a known device. */
export interface AttemptSubject {
  email: string;
  ipAddress: string | null;
  /** The nonce of a valid known-device cookie for this very account, if the browser sent one. */
  knownDevice?: { userId: string; deviceId: string } | null;
}

interface ClaimedKey {
  scope: ThrottleScope;
  keyHash: string;
  claim: ThrottleClaim;
}

/** An attempt that may go ahead: counted as failed until `succeeded` refunds it. */
export interface Attempt {
  keys: ClaimedKey[];
}

export type ClaimOutcome =
  { allowed: true; attempt: Attempt } | { allowed: false; waitSeconds: number };

export class SignInThrottle {
  constructor(
    private readonly repository: ThrottleRepository,
    private readonly now: () => Date,
    private readonly key: Buffer,
  ) {}

  private keyHash(scope: ThrottleScope, ...parts: string[]): string {
    return hmacSha256(this.key, [scope, ...parts].join('\0')).toString('hex');
  }

  private keysFor(subject: AttemptSubject): Array<{ scope: ThrottleScope; keyHash: string }> {
    if (subject.knownDevice) {
      const { userId, deviceId } = subject.knownDevice;
      return [{ scope: 'device', keyHash: this.keyHash('device', userId, deviceId) }];
    }
    const keys: Array<{ scope: ThrottleScope; keyHash: string }> = [
      { scope: 'pair', keyHash: this.keyHash('pair', subject.email, subject.ipAddress ?? '') },
      { scope: 'account', keyHash: this.keyHash('account', subject.email) },
    ];
    if (subject.ipAddress) {
      keys.push({ scope: 'ip', keyHash: this.keyHash('ip', subject.ipAddress) });
    }
    return keys;
  }

  /**
   * Counts an attempt on every key, or none if any key must still wait (then says how long).
   * Its own transaction: the claims commit before the slow password check.
   */
  async claim(subject: AttemptSubject): Promise<ClaimOutcome> {
    return this.claimKeys(this.keysFor(subject));
  }

  /** Registration: one more form from this IP address; one more email to this address. */
  async claimRegistration(
    kind: 'register_ip' | 'register_email',
    value: string,
  ): Promise<ClaimOutcome> {
    return this.claimKeys([{ scope: kind, keyHash: this.keyHash(kind, value) }]);
  }

  private async claimKeys(
    keys: Array<{ scope: ThrottleScope; keyHash: string }>,
  ): Promise<ClaimOutcome> {
    const now = this.now();
    const claims = await this.repository.claimAll(
      keys.map((key) => ({ key, policy: { now, ...POLICIES[key.scope] } })),
    );
    if (claims) {
      const claimed = keys.map((key, index) => ({ ...key, claim: claims[index]! }));
      return { allowed: true, attempt: { keys: claimed } };
    }
    const until = await this.repository.waitingUntil(keys, now);
    return { allowed: false, waitSeconds: secondsUntil(until ?? now, now) };
  }

  /** A correct password or code: the pair's and device's counts start again; others uncount. */
  async succeeded(executor: Executor, attempt: Attempt): Promise<void> {
    for (const key of attempt.keys) {
      if (key.scope === 'pair' || key.scope === 'device') {
        await this.repository.clear(executor, key);
      } else {
        await this.repository.refund(executor, key);
      }
    }
  }

  /** Housekeeping: rows whose window and wait are over. Returns how many went. */
  purge(executor: Executor): Promise<number> {
    const now = this.now();
    return this.repository.purge(executor, now, new Date(now.getTime() - THROTTLE_RETENTION_MS));
  }

  /** The waits this attempt started (for the audit trail), if it fails. */
  waitsStarted(attempt: Attempt): Array<{ scope: ThrottleScope; until: Date }> {
    return attempt.keys.flatMap((key) =>
      key.claim.waitStarted ? [{ scope: key.scope, until: key.claim.waitStarted }] : [],
    );
  }
}

/** Whole seconds until `until`, at least 1. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / SECOND));
}

/** The translated wait: seconds under a minute, else whole minutes rounded up. */
export function waitMessage(seconds: number): { key: string; values: Record<string, number> } {
  return seconds < 60
    ? { key: 'accounts.errors.waitSeconds', values: { seconds } }
    : { key: 'accounts.errors.waitMinutes', values: { minutes: Math.ceil(seconds / 60) } };
}
