import type { Kysely, Transaction } from 'kysely';
import type { Language } from '../../platform/i18n/languages.js';
import type { AccountsDatabase } from './accounts.tables.js';

export type Executor = Kysely<AccountsDatabase>;

export interface UserRecord {
  id: string;
  email: string | null;
  /** E.164; null for an account with an email address only. */
  phone: string | null;
  fullName: string;
  preferredLanguage: Language;
  status: 'pending' | 'active' | 'closed';
  passwordHash: string | null;
  totpSecretEncrypted: string | null;
  totpEnabledAt: Date | null;
  createdAt: Date;
}

/** What other modules may learn of an account that is not closed. */
export interface UserProfile {
  id: string;
  fullName: string;
  /**
   * The email address; an EMPTY STRING for an account opened with a phone number only (kept a
   * string so that the modules that list staff, who always have one, read it as before).
   */
  email: string;
  /** E.164 (`+` and digits), for text messages; null for an account with email only. */
  phone: string | null;
  /** The language of the emails sent to them. */
  preferredLanguage: Language;
}

/** Accounts: users, their password links, two-factor secrets, recovery codes. */
export class UsersRepository {
  constructor(private readonly db: Executor) {}

  transaction<T>(work: (trx: Transaction<AccountsDatabase>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  private users(executor: Executor = this.db) {
    return executor
      .selectFrom('app_user')
      .select([
        'id',
        'email',
        'phone',
        'full_name as fullName',
        'preferred_language as preferredLanguage',
        'status',
        'password_hash as passwordHash',
        'totp_secret_encrypted as totpSecretEncrypted',
        'totp_enabled_at as totpEnabledAt',
        'created_at as createdAt',
      ]);
  }

  /** The account that is not closed for this (lower-cased) address. */
  findOpenByEmail(email: string, executor?: Executor): Promise<UserRecord | undefined> {
    return this.users(executor)
      .where('email', '=', email)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
  }

  /** The account that is not closed for this number (E.164). */
  findOpenByPhone(phone: string, executor?: Executor): Promise<UserRecord | undefined> {
    return this.users(executor)
      .where('phone', '=', phone)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
  }

  /** Adds a verified phone number to an account; false when the account is closed. */
  async setPhone(executor: Executor, userId: string, phone: string, now: Date): Promise<boolean> {
    const result = await executor
      .updateTable('app_user')
      .set({ phone, updated_at: now })
      .where('id', '=', userId)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Adds a confirmed email address to an account; false when the account is closed. */
  async setEmail(executor: Executor, userId: string, email: string, now: Date): Promise<boolean> {
    const result = await executor
      .updateTable('app_user')
      .set({ email, updated_at: now })
      .where('id', '=', userId)
      .where('status', '<>', 'closed')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  findById(id: string, executor?: Executor): Promise<UserRecord | undefined> {
    return this.users(executor).where('id', '=', id).executeTakeFirst();
  }

  /** Name and email of the accounts that are not closed, by id; the others are missing. */
  async openProfiles(ids: readonly string[]): Promise<Map<string, UserProfile>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('app_user')
      .select([
        'id',
        'full_name as fullName',
        'email',
        'phone',
        'preferred_language as preferredLanguage',
      ])
      .where('id', 'in', unique)
      .where('status', '<>', 'closed')
      .execute();
    return new Map(rows.map((row) => [row.id, { ...row, email: row.email ?? '' }]));
  }

  async insert(
    executor: Executor,
    user: {
      email: string | null;
      phone?: string | null;
      fullName: string;
      preferredLanguage: Language;
      status: 'pending' | 'active';
      passwordHash: string | null;
      now: Date;
    },
  ): Promise<string> {
    const row = await executor
      .insertInto('app_user')
      .values({
        email: user.email,
        phone: user.phone ?? null,
        full_name: user.fullName,
        preferred_language: user.preferredLanguage,
        status: user.status,
        password_hash: user.passwordHash,
        password_changed_at: user.passwordHash ? user.now : null,
        created_at: user.now,
        updated_at: user.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Sets the password; an account waiting for one becomes active. */
  async setPassword(
    executor: Executor,
    userId: string,
    passwordHash: string,
    now: Date,
  ): Promise<void> {
    await executor
      .updateTable('app_user')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        updated_at: now,
        status: 'active',
      })
      .where('id', '=', userId)
      .where('status', '<>', 'closed')
      .execute();
  }

  async setPendingTotpSecret(
    executor: Executor,
    userId: string,
    encrypted: string,
    now: Date,
  ): Promise<void> {
    await executor
      .updateTable('app_user')
      .set({ totp_secret_encrypted: encrypted, totp_enabled_at: null, updated_at: now })
      .where('id', '=', userId)
      .where('totp_enabled_at', 'is', null)
      .execute();
  }

  /** Turns two-factor authentication on; false if it already was (a second tab). */
  async enableTotp(executor: Executor, userId: string, now: Date): Promise<boolean> {
    const result = await executor
      .updateTable('app_user')
      .set({ totp_enabled_at: now, updated_at: now })
      .where('id', '=', userId)
      .where('totp_enabled_at', 'is', null)
      .where('totp_secret_encrypted', 'is not', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Turns two-factor authentication off and forgets its secret and recovery codes (an
   * administrator's reset); false if it was not on.
   */
  async resetTotp(executor: Executor, userId: string, now: Date): Promise<boolean> {
    const result = await executor
      .updateTable('app_user')
      .set({ totp_secret_encrypted: null, totp_enabled_at: null, updated_at: now })
      .where('id', '=', userId)
      .where('totp_enabled_at', 'is not', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await executor.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    return true;
  }

  /**
   * Records that a TOTP step was used; false when this step or a later one already was, so a
   * code works once. One statement, so two requests racing with the same code cannot both win.
   */
  async acceptTotpStep(executor: Executor, userId: string, step: number): Promise<boolean> {
    const row = await executor
      .insertInto('totp_last_step')
      .values({ user_id: userId, step })
      .onConflict((conflict) =>
        conflict.column('user_id').doUpdateSet({ step }).where('totp_last_step.step', '<', step),
      )
      .returning('user_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async replaceRecoveryCodes(
    executor: Executor,
    userId: string,
    codeHashes: string[],
    now: Date,
  ): Promise<void> {
    await executor.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    await executor
      .insertInto('recovery_code')
      .values(
        codeHashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash, created_at: now })),
      )
      .execute();
  }

  /** Spends a recovery code; false if it is not one of the user's unused codes. */
  async useRecoveryCode(
    executor: Executor,
    userId: string,
    codeHash: string,
    now: Date,
  ): Promise<boolean> {
    const row = await executor
      .updateTable('recovery_code')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async unusedRecoveryCodes(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('recovery_code')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async insertPasswordLink(
    executor: Executor,
    link: {
      userId: string;
      tokenHash: string;
      purpose: 'reset' | 'set';
      now: Date;
      expiresAt: Date;
    },
  ): Promise<void> {
    await executor
      .insertInto('password_reset')
      .values({
        user_id: link.userId,
        token_hash: link.tokenHash,
        purpose: link.purpose,
        created_at: link.now,
        expires_at: link.expiresAt,
      })
      .execute();
  }

  async recentPasswordLinks(userId: string, since: Date): Promise<number> {
    const row = await this.db
      .selectFrom('password_reset')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('user_id', '=', userId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** The account a password link opens, while it is unused and unexpired. */
  findUsablePasswordLink(tokenHash: string, now: Date) {
    return this.db
      .selectFrom('password_reset')
      .innerJoin('app_user', 'app_user.id', 'password_reset.user_id')
      .select([
        'password_reset.id',
        'password_reset.user_id as userId',
        'password_reset.purpose',
        'app_user.email',
      ])
      .where('password_reset.token_hash', '=', tokenHash)
      .where('password_reset.used_at', 'is', null)
      .where('password_reset.expires_at', '>', now)
      .where('app_user.status', '<>', 'closed')
      .executeTakeFirst();
  }

  /** Spends a link; false if another request spent it first. */
  async usePasswordLink(executor: Executor, id: string, now: Date): Promise<boolean> {
    const row = await executor
      .updateTable('password_reset')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Other links of the user stop working once the password has changed. */
  async expirePasswordLinks(executor: Executor, userId: string, now: Date): Promise<void> {
    await executor
      .updateTable('password_reset')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  /** Password links that can no longer be used, once a day has passed (housekeeping). */
  async acknowledgePrivacyNotice(
    executor: Executor,
    input: { userId: string; version: string; now: Date },
  ): Promise<void> {
    await executor
      .updateTable('app_user')
      .set({ privacy_notice_version: input.version, privacy_notice_acknowledged_at: input.now })
      .where('id', '=', input.userId)
      .execute();
  }

  async purgePasswordLinks(executor: Executor, before: Date): Promise<number> {
    const result = await executor
      .deleteFrom('password_reset')
      .where((eb) => eb.or([eb('expires_at', '<', before), eb('used_at', '<', before)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
