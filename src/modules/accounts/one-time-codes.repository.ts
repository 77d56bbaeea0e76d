import type { Kysely } from 'kysely';
import type { Language } from '../../platform/i18n/languages.js';
import type { AccountsDatabase, OneTimeCodePurpose } from './accounts.tables.js';

type Executor = Kysely<AccountsDatabase>;

export interface OneTimeCodeRecord {
  id: string;
  purpose: OneTimeCodePurpose;
  channel: 'sms' | 'email';
  target: string;
  userId: string | null;
  preferredLanguage: Language | null;
  privacyNoticeVersion: string | null;
  codeHash: string;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** One-time codes (hashed) and the challenges they answer. */
export class OneTimeCodesRepository {
  constructor(private readonly db: Executor) {}

  private select(executor: Executor = this.db) {
    return executor
      .selectFrom('one_time_code')
      .select([
        'id',
        'purpose',
        'channel',
        'target',
        'user_id as userId',
        'preferred_language as preferredLanguage',
        'privacy_notice_version as privacyNoticeVersion',
        'code_hash as codeHash',
        'attempts',
        'created_at as createdAt',
        'expires_at as expiresAt',
        'used_at as usedAt',
      ]);
  }

  async insert(
    executor: Executor,
    row: {
      id: string;
      purpose: OneTimeCodePurpose;
      channel: 'sms' | 'email';
      target: string;
      userId: string | null;
      preferredLanguage: Language | null;
      privacyNoticeVersion: string | null;
      codeHash: string;
      now: Date;
      expiresAt: Date;
    },
  ): Promise<void> {
    // A new code voids the earlier unused ones for the same purpose and number or address.
    await executor
      .updateTable('one_time_code')
      .set({ used_at: row.now })
      .where('target', '=', row.target)
      .where('purpose', '=', row.purpose)
      .where('used_at', 'is', null)
      .execute();
    await executor
      .insertInto('one_time_code')
      .values({
        id: row.id,
        purpose: row.purpose,
        channel: row.channel,
        target: row.target,
        user_id: row.userId,
        preferred_language: row.preferredLanguage,
        privacy_notice_version: row.privacyNoticeVersion,
        code_hash: row.codeHash,
        created_at: row.now,
        expires_at: row.expiresAt,
      })
      .execute();
  }

  find(id: string, executor?: Executor): Promise<OneTimeCodeRecord | undefined> {
    return this.select(executor).where('id', '=', id).executeTakeFirst();
  }

  /** The newest unused code of a purpose for a number or address. */
  latestFor(
    target: string,
    purpose: OneTimeCodePurpose,
    executor?: Executor,
  ): Promise<OneTimeCodeRecord | undefined> {
    return this.select(executor)
      .where('target', '=', target)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * Counts one attempt, in one statement, while the code is usable: false when it is spent,
   * expired or out of attempts (then a new code is needed).
   */
  async countAttempt(id: string, now: Date, maxAttempts: number): Promise<boolean> {
    const row = await this.db
      .updateTable('one_time_code')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '<', maxAttempts)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Spends the code; false when another request spent it first. */
  async spend(executor: Executor, id: string, now: Date): Promise<boolean> {
    const row = await executor
      .updateTable('one_time_code')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every code of a user stops working (erasure, a claim). */
  async voidForUser(executor: Executor, userId: string, now: Date): Promise<void> {
    await executor
      .updateTable('one_time_code')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  /** Codes spent or expired a day ago go (housekeeping). */
  async purge(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('one_time_code')
      .where((eb) => eb.or([eb('expires_at', '<', before), eb('used_at', '<', before)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
