/**
 * The changes to an application that a person is told about: one per state it reaches, and the
 * interview date being set (the application stays shortlisted). Each has its words in
 * `locales/<language>/notifications.json` under `kinds.<kind>`.
 */
export const NOTIFICATION_KINDS = [
  'submitted',
  'shortlisted',
  'interview_scheduled',
  'interviewed',
  'selected',
  'offered',
  'accepted',
  'rejected',
  'withdrawn',
  // An employer or agency invited the person to apply (matching, `invitation.sent`).
  'invited',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The events this module reads: every transition of the applications' lifecycle. */
export const APPLICATION_EVENT_PREFIX = 'application.';

/** And the invitations to apply that matching sends (subject: the invitation). */
export const INVITATION_EVENT = 'invitation.sent';

/**
 * What an `application.<past>` event tells the person, or null for one that is not a change of
 * state they are told about (a note, an edit). The verb of the lifecycle's transition names the
 * state reached (`application.shortlisted`); an interview set or moved is
 * `application.interview_scheduled` (or any verb about an interview other than `interviewed`).
 */
export function kindOfEvent(type: string): NotificationKind | null {
  if (type === INVITATION_EVENT) return 'invited';
  if (!type.startsWith(APPLICATION_EVENT_PREFIX)) return null;
  const verb = type.slice(APPLICATION_EVENT_PREFIX.length);
  if (verb === 'invited') return null;
  if (isNotificationKind(verb)) return verb;
  if (verb !== 'interviewed' && verb.includes('interview')) return 'interview_scheduled';
  return null;
}
