import type { Kysely } from 'kysely';
import type { AccountsDatabase } from './accounts.tables.js';

type Executor = Kysely<AccountsDatabase>;

export interface OutboxMessage {
  id: string;
  recipient: string;
  subject: string;
  bodyText: string | null;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

/** Email waiting to go, or kept for the development outbox page. */
export class OutboxRepository {
  constructor(private readonly db: Executor) {}

  async insert(
    executor: Executor,
    message: { to: string; subject: string; text: string; now: Date },
  ): Promise<string> {
    const row = await executor
      .insertInto('email_outbox')
      .values({
        recipient: message.to,
        subject: message.subject,
        body_text: message.text,
        created_at: message.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A transaction of its own, for a message that no other change goes with. */
  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  find(id: string): Promise<OutboxMessage | undefined> {
    return this.select().where('id', '=', id).executeTakeFirst();
  }

  latest(limit: number): Promise<OutboxMessage[]> {
    return this.select().orderBy('created_at', 'desc').limit(limit).execute();
  }

  /** Sent: the body (which may hold a one-time link) is not kept. */
  async markSent(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('email_outbox')
      .set({ sent_at: now, body_text: null, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('email_outbox')
      .set({ last_error: error.slice(0, 500) })
      .where('id', '=', id)
      .execute();
  }

  private select() {
    return this.db
      .selectFrom('email_outbox')
      .select([
        'id',
        'recipient',
        'subject',
        'body_text as bodyText',
        'created_at as createdAt',
        'sent_at as sentAt',
        'last_error as lastError',
      ]);
  }
}
