import type { Translate } from '../../platform/i18n/translator.js';
import type { AuditEventView, AuditFilterInput } from './audit-trail.schemas.js';
import type { AuditTrailEvent } from './audit-trail.service.js';

/** An event as the API shows it to an auditor: the whole row, with the organisation's name. */
export function presentAuditEvent(event: AuditTrailEvent): AuditEventView {
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actor: { ...event.actor, organisationName: event.organisationName },
    subjectType: event.subjectType,
    subjectIds: event.subjectIds,
    dataSubjectUserId: event.dataSubjectUserId,
    purpose: event.purpose,
    requestId: event.requestId,
    ipAddress: event.ipAddress,
    before: event.before,
    after: event.after,
    hash: event.hash,
  };
}

/** A row of the auditor's table, in the reader's language. */
export function presentAuditRow(event: AuditTrailEvent, t: Translate) {
  const { actor } = event;
  const role = actor.role ? t(`roles.${actor.role}`) : null;
  return {
    id: event.id,
    // The template shows it with fmt.dateTime, to the second: auditors compare it with logs.
    occurredAt: event.occurredAt,
    action: event.action,
    actorUserId: actor.userId,
    apiKeyId: actor.apiKeyId,
    system: actor.userId === null && actor.apiKeyId === null,
    role: role === `roles.${actor.role}` ? actor.role : role,
    organisation: event.organisationName ?? actor.organisationId,
    subjectType: event.subjectType,
    subjectIds: event.subjectIds,
    dataSubjectUserId: event.dataSubjectUserId,
    purpose: event.purpose,
    requestId: event.requestId,
  };
}

/** The query string of a filter (and page), for links that keep the filter. */
export function filterQuery(
  filter: Partial<Record<keyof AuditFilterInput, string | number>>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
