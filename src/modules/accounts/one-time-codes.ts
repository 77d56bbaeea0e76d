import { hkdfSync, randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hmacSha256 } from '../../platform/crypto/field-cipher.js';
import { constantTimeEqual, randomToken } from '../../platform/crypto/tokens.js';
import { normaliseIdentifier } from '../../platform/text/identifiers.js';
import type { Language } from '../../platform/i18n/languages.js';
import type { AccountsDatabase, OneTimeCodePurpose } from './accounts.tables.js';
import type { OneTimeCodeRecord, OneTimeCodesRepository } from './one-time-codes.repository.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * How long each kind of code lives: minutes for a code the person is waiting for on their
 * phone; a day for a link to confirm an email address; 14 days for the claim code an officer
 * hands over with the slip (the person may have to come back from a village).
 */
export const CODE_LIFETIME_MS: Record<OneTimeCodePurpose, number> = {
  register: 15 * MINUTE,
  sign_in: 10 * MINUTE,
  add_phone: 15 * MINUTE,
  add_email: DAY,
  claim: 14 * DAY,
};

/** Wrong answers a code survives; then it is dead and a new one must be asked for. */
export const MAX_CODE_ATTEMPTS = 5;

const CODE_KEY_INFO = 'corridor/one-time-codes/v1';

/** The HMAC key for code hashes, derived from the lookup hash key (base64 of 32 bytes). */
export function codeKeyFrom(lookupHashKey: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(lookupHashKey, 'base64'), Buffer.alloc(0), CODE_KEY_INFO, 32),
  );
}

/** Six digits, uniformly drawn, leading zeros kept. */
export function newSixDigitCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export type CodeCheck =
  | { ok: true; record: OneTimeCodeRecord }
  /** Wrong, spent, expired, out of attempts or unknown: one answer for all. */
  | { ok: false };

/**
 * One-time codes: six digits sent by SMS or email (or a long token in a link), stored only as
 * HMAC-SHA-256 of the row's id and the code under a key derived from LOOKUP_HASH_KEY, so a
 * copy of the table cannot be brute-forced offline through the million possible codes. A
 * code is good for its purpose only, once, until it expires, for MAX_CODE_ATTEMPTS tries; a
 * new code for the same number or address voids the earlier ones.
 */
export class OneTimeCodes {
  constructor(
    private readonly repository: OneTimeCodesRepository,
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {}

  hash(id: string, code: string): string {
    return hmacSha256(this.key, `${id}\0${code}`).toString('hex');
  }

  /**
   * Writes a code in the caller's transaction and returns it with its id (the handle the code
   * page carries). `deliverable: false` makes a challenge that no code answers (a number that
   * may not be told apart from one that can), so that every answer looks the same.
   */
  async issue(
    executor: Kysely<AccountsDatabase>,
    input: {
      purpose: OneTimeCodePurpose;
      channel: 'sms' | 'email';
      target: string;
      userId: string | null;
      language?: Language | null;
      privacyNoticeVersion?: string | null;
      deliverable?: boolean;
      /** A long token (links) instead of six digits. */
      token?: boolean;
    },
  ): Promise<{ id: string; code: string; expiresAt: Date }> {
    const id = randomUUID();
    const code = input.token ? randomToken(32) : newSixDigitCode();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS[input.purpose]);
    const hashed =
      input.deliverable === false ? this.hash(id, randomToken(32)) : this.hash(id, code);
    await this.repository.insert(executor, {
      id,
      purpose: input.purpose,
      channel: input.channel,
      target: input.target,
      userId: input.userId,
      preferredLanguage: input.language ?? null,
      privacyNoticeVersion: input.privacyNoticeVersion ?? null,
      codeHash: hashed,
      now,
      expiresAt,
    });
    return { id, code, expiresAt };
  }

  /** A challenge still open for this purpose (for the code page); spent and expired ones are not. */
  async open(id: string, purpose: OneTimeCodePurpose): Promise<OneTimeCodeRecord | null> {
    if (!UUID.test(id)) return null;
    const record = await this.repository.find(id);
    if (!record || record.purpose !== purpose || record.usedAt) return null;
    return record.expiresAt > this.now() ? record : null;
  }

  /**
   * Checks a typed code, counting the attempt first (so parallel guesses cannot pass the
   * limit). Does not spend it: the caller spends it with `spend` in the transaction that acts
   * on it, so that a refused change leaves it usable and two requests cannot both use it.
   */
  async check(id: string, purpose: OneTimeCodePurpose, typed: string): Promise<CodeCheck> {
    if (!UUID.test(id)) return { ok: false };
    const record = await this.repository.find(id);
    if (!record || record.purpose !== purpose) return { ok: false };
    if (!(await this.repository.countAttempt(id, this.now(), MAX_CODE_ATTEMPTS))) {
      return { ok: false };
    }
    const code =
      record.channel === 'email' && typed.length > 12 ? typed : normaliseIdentifier(typed);
    return constantTimeEqual(this.hash(id, code), record.codeHash)
      ? { ok: true, record }
      : { ok: false };
  }

  /** The newest open code of a purpose for a number or address (claims, typed without the id). */
  latestFor(target: string, purpose: OneTimeCodePurpose): Promise<OneTimeCodeRecord | undefined> {
    return this.repository.latestFor(target, purpose);
  }

  spend(executor: Kysely<AccountsDatabase>, id: string): Promise<boolean> {
    return this.repository.spend(executor, id, this.now());
  }

  voidForUser(executor: Kysely<AccountsDatabase>, userId: string): Promise<void> {
    return this.repository.voidForUser(executor, userId, this.now());
  }

  purgeExpired(): Promise<number> {
    return this.repository.purge(new Date(this.now().getTime() - DAY));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
