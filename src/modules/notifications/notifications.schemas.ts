import { z } from 'zod';

/** One schema per form or query; messages are locale keys. */
export const notificationsQuery = z.object({
  page: z.coerce.number('notifications.errors.page').int().min(1).max(1000).catch(1),
});

export const notificationIdParams = z.object({ id: z.uuid() });

const CHANNELS = ['email', 'sms'] as const;

/**
 * The settings form: the channels ticked besides the app (none ticked sends no `channels`).
 * Gives each channel as on or off.
 */
export const settingsForm = z
  .object({
    channels: z.preprocess(
      (value): unknown[] =>
        value === undefined || value === ''
          ? []
          : Array.isArray(value)
            ? (value as unknown[])
            : [value],
      z.array(z.enum(CHANNELS, 'notifications.errors.channel')).max(CHANNELS.length),
    ),
  })
  .transform(({ channels }) => ({
    email: channels.includes('email'),
    sms: channels.includes('sms'),
  }));
