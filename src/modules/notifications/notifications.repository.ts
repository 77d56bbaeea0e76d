import { sql, type Kysely, type Transaction } from 'kysely';
import type { NotificationKind } from './notification.kinds.js';
import {
  notificationsView,
  type NotificationsDb,
  type NotificationsTables,
} from './notifications.tables.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

type Executor = Kysely<NotificationsTables & ReferenceTables>;

/** One notification as stored: the facts and the kind, worded when it is read. */
export interface NotificationRecord {
  id: string;
  recipientUserId: string;
  kind: NotificationKind;
  applicationId: string;
  vacancyTitle: string;
  vacancyReference: string;
  organisationName: string;
  reason: string | null;
  interviewAt: Date | null;
  path: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewNotification {
  recipientUserId: string;
  eventId: number;
  kind: NotificationKind;
  applicationId: string;
  vacancyTitle: string;
  vacancyReference: string;
  organisationName: string;
  reason: string | null;
  interviewAt: Date | null;
  path: string;
  createdAt: Date;
}

export interface PreferenceRecord {
  email: boolean;
  sms: boolean;
  updatedAt: Date;
}

const COLUMNS = [
  'id',
  'recipient_user_id',
  'kind',
  'application_id',
  'vacancy_title',
  'vacancy_reference',
  'organisation_name',
  'reason',
  'interview_at',
  'path',
  'created_at',
  'read_at',
] as const;

function toRecord(row: {
  id: string;
  recipient_user_id: string;
  kind: NotificationKind;
  application_id: string;
  vacancy_title: string;
  vacancy_reference: string;
  organisation_name: string;
  reason: string | null;
  interview_at: Date | null;
  path: string;
  created_at: Date;
  read_at: Date | null;
}): NotificationRecord {
  return {
    id: row.id,
    recipientUserId: row.recipient_user_id,
    kind: row.kind,
    applicationId: row.application_id,
    vacancyTitle: row.vacancy_title,
    vacancyReference: row.vacancy_reference,
    organisationName: row.organisation_name,
    reason: row.reason,
    interviewAt: row.interview_at,
    path: row.path,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** The only SQL of the module, on its own tables. */
export class NotificationsRepository {
  constructor(private readonly db: NotificationsDb) {}

  executor(): Executor {
    return this.db;
  }

  transaction<T>(work: (trx: Transaction<NotificationsTables & ReferenceTables>) => Promise<T>) {
    return this.db.transaction().execute(work);
  }

  /** A person's notifications, newest first; one more than asked tells whether more follow. */
  async listFor(
    userId: string,
    page: { limit: number; offset: number },
  ): Promise<NotificationRecord[]> {
    const rows = await this.db
      .selectFrom('notification')
      .select(COLUMNS)
      .where('recipient_user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toRecord);
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('recipient_user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async findOwn(userId: string, id: string): Promise<NotificationRecord | null> {
    const row = await this.db
      .selectFrom('notification')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('recipient_user_id', '=', userId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Marks one (or, without an id, every) unread notification of the person read; the ids. */
  async markRead(trx: Executor, userId: string, id: string | null, now: Date): Promise<string[]> {
    let query = trx
      .updateTable('notification')
      .set({ read_at: now })
      .where('recipient_user_id', '=', userId)
      .where('read_at', 'is', null);
    if (id !== null) query = query.where('id', '=', id);
    const rows = await query.returning('id').execute();
    return rows.map((row) => row.id);
  }

  /**
   * Writes the notification of an event for a person, once: a second call for the same event
   * and person (a retry) writes nothing and gives null.
   */
  async insertOnce<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    input: NewNotification,
  ): Promise<string | null> {
    const row = await notificationsView(executor)
      .insertInto('notification')
      .values({
        recipient_user_id: input.recipientUserId,
        event_id: input.eventId,
        kind: input.kind,
        application_id: input.applicationId,
        vacancy_title: input.vacancyTitle,
        vacancy_reference: input.vacancyReference,
        organisation_name: input.organisationName,
        reason: input.reason,
        interview_at: input.interviewAt,
        path: input.path,
        created_at: input.createdAt,
      })
      .onConflict((oc) => oc.columns(['event_id', 'recipient_user_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  async delivered<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    key: { eventId: number; userId: string; channel: 'email' | 'sms' },
  ): Promise<boolean> {
    const row = await notificationsView(executor)
      .selectFrom('notification_delivery')
      .select('outbox_id')
      .where('event_id', '=', sql<string>`${key.eventId}::bigint`)
      .where('recipient_user_id', '=', key.userId)
      .where('channel', '=', key.channel)
      .executeTakeFirst();
    return row !== undefined;
  }

  async recordDelivery<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    key: { eventId: number; userId: string; channel: 'email' | 'sms'; outboxId: string },
  ): Promise<void> {
    await notificationsView(executor)
      .insertInto('notification_delivery')
      .values({
        event_id: key.eventId,
        recipient_user_id: key.userId,
        channel: key.channel,
        outbox_id: key.outboxId,
      })
      .onConflict((oc) => oc.columns(['event_id', 'recipient_user_id', 'channel']).doNothing())
      .execute();
  }

  async preference<DB>(
    executor: Kysely<DB> | Transaction<DB> | null,
    userId: string,
  ): Promise<PreferenceRecord | null> {
    const row = await (executor ? notificationsView(executor) : this.db)
      .selectFrom('notification_preference')
      .select(['email', 'sms', 'updated_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? { email: row.email, sms: row.sms, updatedAt: row.updated_at } : null;
  }

  async savePreference(
    trx: Executor,
    userId: string,
    choice: { email: boolean; sms: boolean },
    now: Date,
  ): Promise<void> {
    await trx
      .insertInto('notification_preference')
      .values({ user_id: userId, email: choice.email, sms: choice.sms, updated_at: now })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ email: choice.email, sms: choice.sms, updated_at: now }),
      )
      .execute();
  }

  /** Everything held about the person, for their data download. */
  async exportFor(userId: string) {
    const [notifications, preference, deliveries] = await Promise.all([
      this.db
        .selectFrom('notification')
        .select(COLUMNS)
        .where('recipient_user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      this.preference(null, userId),
      this.db
        .selectFrom('notification_delivery')
        .select(['event_id', 'channel', 'created_at'])
        .where('recipient_user_id', '=', userId)
        .orderBy('created_at')
        .execute(),
    ]);
    return { notifications: notifications.map(toRecord), preference, deliveries };
  }

  async eraseFor(executor: Executor, userId: string): Promise<void> {
    await executor.deleteFrom('notification').where('recipient_user_id', '=', userId).execute();
    await executor
      .deleteFrom('notification_delivery')
      .where('recipient_user_id', '=', userId)
      .execute();
    await executor.deleteFrom('notification_preference').where('user_id', '=', userId).execute();
  }
}
