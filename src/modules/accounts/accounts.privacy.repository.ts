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
          'phone',
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
    const [textMessages, assisted] = await Promise.all([
      user?.phone
        ? this.db
            .selectFrom('sms_outbox')
            .select(['created_at', 'sent_at'])
            .where('recipient', '=', user.phone)
            .orderBy('created_at', 'desc')
            .execute()
        : Promise.resolve([]),
      this.db
        .selectFrom('assisted_registration')
        .select([
          'officer_name',
          'organisation_name',
          'consent_statement',
          'created_at',
          'claimed_at',
        ])
        .where('user_id', '=', userId)
        .execute(),
    ]);
    return { user, sessions, emails, textMessages, assistedRegistration: assisted };
  }

  /**
   * Pseudonymises the account: the row stays (other records point to it, statistics count it)
   * but holds nothing that identifies the person; every credential and session goes.
   */
  async anonymise(executor: AccountsDb, userId: string, now: Date): Promise<void> {
    const user = await executor
      .selectFrom('app_user')
      .select(['email', 'phone'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return;
    if (user.email)
      await executor.deleteFrom('email_outbox').where('recipient', '=', user.email).execute();
    if (user.phone)
      await executor.deleteFrom('sms_outbox').where('recipient', '=', user.phone).execute();
    await executor.deleteFrom('one_time_code').where('user_id', '=', userId).execute();
    if (user.phone)
      await executor.deleteFrom('one_time_code').where('target', '=', user.phone).execute();
    if (user.email)
      await executor.deleteFrom('one_time_code').where('target', '=', user.email).execute();
    // The officer's record of an assisted registration keeps no code; the audit trail keeps
    // the event.
    await executor.deleteFrom('assisted_registration').where('user_id', '=', userId).execute();
    await executor.deleteFrom('user_session').where('user_id', '=', userId).execute();
    await executor.deleteFrom('password_reset').where('user_id', '=', userId).execute();
    await executor.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    await executor.deleteFrom('totp_last_step').where('user_id', '=', userId).execute();
    await executor
      .updateTable('app_user')
      .set({
        email: `erased-${userId}@erased.invalid`,
        phone: null,
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
