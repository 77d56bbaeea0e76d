import type { Kysely } from 'kysely';
import type { AccountsDatabase } from './accounts.tables.js';

type Executor = Kysely<AccountsDatabase>;

export interface SmsOutboxMessage {
  id: string;
  recipient: string;
  bodyText: string | null;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

/** Text messages waiting to go, or kept for the development outbox page. */
export class SmsOutboxRepository {
  constructor(private readonly db: Executor) {}

  async insert(
    executor: Executor,
    message: { to: string; text: string; now: Date },
  ): Promise<string> {
    const row = await executor
      .insertInto('sms_outbox')
      .values({ recipient: message.to, body_text: message.text, created_at: message.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  find(id: string): Promise<SmsOutboxMessage | undefined> {
    return this.select().where('id', '=', id).executeTakeFirst();
  }

  latest(limit: number): Promise<SmsOutboxMessage[]> {
    return this.select().orderBy('created_at', 'desc').limit(limit).execute();
  }

  /** Sent: the body (which may hold a one-time code) is not kept. */
  async markSent(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('sms_outbox')
      .set({ sent_at: now, body_text: null, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('sms_outbox')
      .set({ last_error: error.slice(0, 500) })
      .where('id', '=', id)
      .execute();
  }

  private select() {
    return this.db
      .selectFrom('sms_outbox')
      .select([
        'id',
        'recipient',
        'body_text as bodyText',
        'created_at as createdAt',
        'sent_at as sentAt',
        'last_error as lastError',
      ]);
  }
}
