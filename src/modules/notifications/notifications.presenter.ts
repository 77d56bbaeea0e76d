import type { Formatters } from '../../platform/i18n/format.js';
import type { Translate } from '../../platform/i18n/translator.js';
import { wordNotification } from './notification.messages.js';
import type { NotificationRecord } from './notifications.repository.js';

/** A notification as the page shows it, worded in the reader's language now. */
export interface NotificationItem {
  id: string;
  title: string;
  body: string;
  reason: string | null;
  next: string;
  path: string;
  /** For an invitation to apply: the vacancy's page (path is how the person compares). */
  vacancyPath: string | null;
  receivedAt: string;
  unread: boolean;
}

export function presentNotification(
  record: NotificationRecord,
  t: Translate,
  fmt: Formatters,
): NotificationItem {
  return {
    id: record.id,
    ...wordNotification(t, fmt, record),
    path: record.path,
    vacancyPath: record.kind === 'invited' ? record.path.replace(/\/how-you-compare$/, '') : null,
    receivedAt: fmt.dateTime(record.createdAt),
    unread: record.readAt === null,
  };
}
