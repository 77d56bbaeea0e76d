import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { authorisingGrant } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { InvitationRecord, InvitationsRepository } from './invitations.repository.js';

/** What invitations read of a public vacancy (VacancySearchService.vacancy). */
export interface InvitationVacancy {
  id: string;
  number: number;
  title: string;
  employerId: string;
  employerName: string;
  agencyId: string | null;
  agencyName: string | null;
}

export interface InvitationsDeps {
  repository: InvitationsRepository;
  audit: AuditLog;
  events: EventPublisher;
  /** Whether the person is among the vacancy's candidates for the caller (MatchingService). */
  isCandidate(ctx: ActorContext, vacancyNumber: number, userId: string): Promise<boolean>;
  /** The public vacancy, open or not; a number never public: NotFoundError. */
  vacancy(number: number): Promise<{ open: boolean; vacancy: InvitationVacancy }>;
  now?: () => Date;
}

/**
 * What the notifications module needs to tell a person they were invited: the facts, read by
 * the invitation's id from an `invitation.sent` event (whose payload holds no personal data).
 */
export interface InvitationNotice {
  invitationId: string;
  /** The person invited: the account that is told. */
  userId: string;
  vacancyNumber: number;
  vacancyTitle: string;
  vacancyReference: string;
  organisationName: string;
  /** Where the person reads how they compare (a path on this site). */
  path: string;
  /** The vacancy's public page. */
  vacancyPath: string;
}

export function vacancyReferenceOf(number: number): string {
  return `JO-${String(number).padStart(6, '0')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Invitations to apply (issue 15, part 5): an employer's or agency's staff member with
 * `matching.invite` for the vacancy's organisation invites one of its matching candidates. One
 * row per vacancy and person; the first invitation is audited (`matching.invitation_sent`, the
 * person as data subject) and published (`invitation.sent`) in its transaction.
 */
export class InvitationsService {
  private readonly now: () => Date;

  constructor(private readonly deps: InvitationsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The organisation of the vacancy through which the caller may invite, or null. */
  private organisationFor(ctx: ActorContext, vacancy: InvitationVacancy): string | null {
    for (const organisationId of [vacancy.agencyId, vacancy.employerId]) {
      if (!organisationId) continue;
      if (authorisingGrant(ctx.principal, 'matching.invite', { organisationId })) {
        return organisationId;
      }
    }
    return null;
  }

  /**
   * Invites the person to apply. Not the caller's vacancy, not open, or not one of its
   * candidates now: "not found". A second invitation changes nothing.
   */
  async invite(
    ctx: ActorContext,
    vacancyNumber: number,
    userId: string,
  ): Promise<{ invitation: InvitationRecord; created: boolean }> {
    const { userId: invitedBy, apiKeyId } = ctx.principal;
    if ((!invitedBy && !apiKeyId) || !UUID.test(userId)) throw new NotFoundError();
    const { open, vacancy } = await this.deps.vacancy(vacancyNumber);
    const organisationId = this.organisationFor(ctx, vacancy);
    if (!open || !organisationId) throw new NotFoundError();
    if (!(await this.deps.isCandidate(ctx, vacancyNumber, userId))) throw new NotFoundError();
    const { repository, audit, events } = this.deps;
    return repository.transaction(async (trx) => {
      const outcome = await repository.insertOnce(trx, {
        vacancyId: vacancy.id,
        vacancyNumber: vacancy.number,
        userId,
        organisationId,
        invitedByUserId: invitedBy,
        invitedByApiKeyId: apiKeyId,
        createdAt: this.now(),
      });
      if (!outcome.created) return { invitation: outcome.record, created: false };
      await audit.record(trx, {
        action: 'matching.invitation_sent',
        actor: auditActorOf(ctx.principal, {
          permission: 'matching.invite',
          record: { organisationId },
        }),
        subjectType: 'invitation',
        subjectIds: [outcome.record.id],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { vacancyId: vacancy.id, vacancyNumber: vacancy.number, organisationId },
      });
      await events.publish(trx, [
        {
          type: 'invitation.sent',
          subjectType: 'invitation',
          subjectId: outcome.record.id,
          payload: { vacancyNumber: vacancy.number },
        },
      ]);
      return { invitation: outcome.record, created: true };
    });
  }

  /** When each of these people was invited to the vacancy (for its candidates list). */
  async invitedTo(vacancyId: string, userIds: readonly string[]): Promise<Map<string, Date>> {
    const rows = await this.deps.repository.forVacancy(vacancyId, userIds);
    return new Map(rows.map((row) => [row.userId, row.createdAt]));
  }

  /** When the person was invited to each of these vacancies (their own: no audit row). */
  async invitationsOf(userId: string, numbers: readonly number[]): Promise<Map<number, Date>> {
    const rows = await this.deps.repository.ofUserFor(userId, numbers);
    return new Map(rows.map((row) => [row.vacancyNumber, row.createdAt]));
  }

  /** The facts of one invitation for its notification; null once erased or unknown. */
  async noticeFor(invitationId: string): Promise<InvitationNotice | null> {
    if (!UUID.test(invitationId)) return null;
    const row = await this.deps.repository.find(invitationId);
    if (!row) return null;
    let title = '';
    let organisationName = '';
    try {
      const { vacancy } = await this.deps.vacancy(row.vacancyNumber);
      title = vacancy.title;
      organisationName =
        row.organisationId === vacancy.agencyId
          ? (vacancy.agencyName ?? vacancy.employerName)
          : vacancy.employerName;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    return {
      invitationId: row.id,
      userId: row.userId,
      vacancyNumber: row.vacancyNumber,
      vacancyTitle: title,
      vacancyReference: vacancyReferenceOf(row.vacancyNumber),
      organisationName,
      path: `/vacancies/${row.vacancyNumber}/how-you-compare`,
      vacancyPath: `/vacancies/${row.vacancyNumber}`,
    };
  }
}
