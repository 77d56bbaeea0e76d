import type { ColumnType, Generated, Kysely } from 'kysely';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { NotificationKind } from './notification.kinds.js';

export interface NotificationTable {
  id: Generated<string>;
  recipient_user_id: string;
  /** int8: read back as text, written as a number. */
  event_id: ColumnType<string, number, never>;
  kind: NotificationKind;
  application_id: string;
  vacancy_title: string;
  vacancy_reference: string;
  organisation_name: string;
  reason: string | null;
  interview_at: Date | null;
  path: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  email: boolean;
  sms: boolean;
  updated_at: Generated<Date>;
}

export interface NotificationDeliveryTable {
  event_id: ColumnType<string, number, never>;
  recipient_user_id: string;
  channel: 'email' | 'sms';
  outbox_id: string;
  created_at: Generated<Date>;
}

/** The tables this module owns (declared in its manifest). */
export interface NotificationsTables {
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
  notification_delivery: NotificationDeliveryTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type NotificationsDb = Kysely<NotificationsTables & ReferenceTables>;

/** Another module's transaction (the consumer's) lent to this one, seen with its tables only. */
export const notificationsView = ownView<NotificationsTables & ReferenceTables>();
