import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { NotificationsService } from './notifications.service.js';
import type { NotificationsTables } from './notifications.tables.js';

/** The notifications' part of a person's data download and erasure. */
export function notificationsPersonalData(
  notifications: NotificationsService,
): PersonalDataProvider<NotificationsTables> {
  return {
    name: 'notifications',
    descriptionKey: 'notifications.privacySection',
    export: (userId) => notifications.exportFor(userId),
    erase: (executor, userId) => notifications.eraseFor(executor, userId),
  };
}
