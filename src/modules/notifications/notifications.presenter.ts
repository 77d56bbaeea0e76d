import { z } from 'zod';
import type { NotificationsRecord } from './notifications.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const notificationsJson = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
});

export function presentNotifications(
  record: NotificationsRecord,
): z.infer<typeof notificationsJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
