import type { AccountsDb } from './accounts.tables.js';

/** The accounts tables' part of a data download and of erasure. */
export class AccountsPrivacyRepository {
  constructor(private readonly db: AccountsDb) {}

  async export(userId: string) {
    const [user, sessions, emails] = await Promise.all([
      this.db
        .selectFrom('app_user')
        .select([
          'id',
          'email',
          'full_name',
          'preferred_language',
          'status',
          'created_at',
          'password_changed_at',
          'totp_enabled_at',
        ])
        .where('id', '=', userId)
        .executeTakeFirst(),
      this.db
        .selectFrom('user_session')
        .select([
          'id',
          'stage',
          'ip_address',
          'user_agent',
          'created_at',
          'last_seen_at',
          'expires_at',
        ])
        .where('user_id', '=', userId)
        .execute(),
      this.db
        .selectFrom('app_user')
        .innerJoin('email_outbox', 'email_outbox.recipient', 'app_user.email')
        .select(['email_outbox.subject', 'email_outbox.created_at', 'email_outbox.sent_at'])
        .where('app_user.id', '=', userId)
        .orderBy('email_outbox.created_at', 'desc')
        .execute(),
    ]);
    return { user, sessions, emails };
  }

  /**
   * Pseudonymises the account: the row stays (other records point to it, statistics count it)
   * but holds nothing that identifies the person; every credential and session goes.
   */
  async anonymise(executor: AccountsDb, userId: string, now: Date): Promise<void> {
    const user = await executor
      .selectFrom('app_user')
      .select('email')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return;
    await executor.deleteFrom('email_outbox').where('recipient', '=', user.email).execute();
    await executor.deleteFrom('user_session').where('user_id', '=', userId).execute();
    await executor.deleteFrom('password_reset').where('user_id', '=', userId).execute();
    await executor.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    await executor.deleteFrom('totp_last_step').where('user_id', '=', userId).execute();
    await executor
      .updateTable('app_user')
      .set({
        email: `erased-${userId}@erased.invalid`,
        full_name: 'Erased',
        password_hash: null,
        password_changed_at: null,
        totp_secret_encrypted: null,
        totp_enabled_at: null,
        status: 'closed',
        closed_at: now,
        updated_at: now,
      })
      .where('id', '=', userId)
      .execute();
  }
}
