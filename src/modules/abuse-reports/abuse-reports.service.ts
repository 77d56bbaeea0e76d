import type { Kysely, Transaction } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { authorisingGrant, scopeFilter } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { NotFoundError, ValidationError, type FieldProblem } from '../../platform/http/problem.js';
import type { Translator } from '../../platform/i18n/translator.js';
import { allowedFrom } from '../../platform/lifecycle/lifecycle.js';
import type { LifecycleHistoryRow } from '../../platform/lifecycle/lifecycle-history.repository.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import {
  OFFICER_EVENTS,
  REPORT_LIFECYCLE,
  type OfficerEvent,
  type ReportState,
} from './abuse-report.lifecycle.js';
import { displayReference, parseReference } from './abuse-report.reference.js';
import type {
  AbuseReportRepository,
  ReportContact,
  ReportMessage,
  ReportRecord,
} from './abuse-report.repository.js';
import { transitionReport } from './abuse-report.states.js';
import type { ReportThrottle } from './abuse-report.throttle.js';
import { ReportFiling, TooManyRequestsError, TRIAGE_ROLES } from './abuse-reports.filing.js';
import { canHandleReport, canTriageReports, reachingOwnership } from './abuse-reports.policy.js';
import type { MessageInput, OfficerAction, ReportInput } from './abuse-reports.schemas.js';

export const PAGE_SIZE = 25;

/** The accounts module's mailer: queue an email in a transaction, send it once committed. */
export interface ReportMailer {
  enqueue<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    message: { to: string; subject: string; text: string },
  ): Promise<string>;
  deliver(emailId: string): Promise<void>;
}

export interface AbuseReportsDeps {
  repository: AbuseReportRepository;
  throttle: ReportThrottle;
  audit: AuditLog;
  events: EventPublisher | null;
  organisations: Pick<
    OrganisationsService,
    'searchByName' | 'registrations' | 'holdersOf' | 'ofKinds' | 'names'
  >;
  people: { profiles(ids: readonly string[]): Promise<Map<string, { fullName: string }>> };
  mailer: ReportMailer;
  translator: Translator;
  countryExists(code: string): Promise<boolean>;
  publicUrl: string;
  now: () => Date;
}

/** What the reporter sees on the follow page: no text, no contact, no internal note. */
export interface FollowView {
  reference: string;
  state: ReportState;
  outcome: ReportRecord['outcome'];
  receivedAt: Date;
  updatedAt: Date;
  replies: { body: string; createdAt: Date }[];
}

export interface HistoryEntry extends LifecycleHistoryRow {
  actorName: string | null;
  actorOrganisationName: string | null;
}

export interface MessageEntry extends ReportMessage {
  authorName: string | null;
  authorOrganisationName: string | null;
}

/** What an officer sees of a report, with what they may do next. */
export interface ReportDetail {
  report: ReportRecord;
  subjectOrganisationName: string | null;
  assignedName: string | null;
  escalatedOrganisationName: string | null;
  history: HistoryEntry[];
  messages: MessageEntry[];
  events: OfficerEvent[];
  assignees: { userId: string; fullName: string }[];
  authorities: { id: string; name: string; countryCode: string }[];
}

const AUTHORITY_KINDS = ['origin_authority', 'destination_authority', 'embassy'] as const;

/**
 * Reports of abuse: filed by anyone (abuse-reports.filing.ts), followed by reference, handled
 * by the officers of the responsible authority. Each use case is authorised here as well as at
 * the route; every write and every read of a report's text or contact is audited.
 */
export class AbuseReportsService {
  readonly filing: ReportFiling;

  constructor(private readonly deps: AbuseReportsDeps) {
    this.filing = new ReportFiling(deps);
  }

  file(input: ReportInput, meta: { ipAddress: string | null; requestId: string | null }) {
    return this.filing.file(input, meta);
  }

  /** Whether any report exists (the demo loads into an empty table only). */
  anyReport(): Promise<boolean> {
    return this.deps.repository.any();
  }

  searchSubjects(query: string) {
    return this.filing.searchSubjects(query);
  }

  /**
   * A report by its reference, as the reporter sees it. References not found are counted per
   * address; past the free ones the address waits (429) before it may try again.
   */
  async follow(typed: string, ipAddress: string | null): Promise<FollowView | null> {
    const { throttle, repository } = this.deps;
    const address = ipAddress ?? '';
    const waiting = await throttle.waiting('follow_miss', address, this.deps.now());
    if (!waiting.allowed) throw new TooManyRequestsError(waiting.waitSeconds);
    const reference = parseReference(typed);
    const report = reference ? await repository.byReference(reference) : null;
    if (!report) {
      const claim = await throttle.claim('follow_miss', address, this.deps.now());
      if (!claim.allowed) throw new TooManyRequestsError(claim.waitSeconds);
      return null;
    }
    const replies = await repository.messages(report.id, ['reply']);
    return {
      reference: report.reference,
      state: report.state,
      outcome: report.outcome,
      receivedAt: report.receivedAt,
      updatedAt: report.updatedAt,
      replies: replies.map((reply) => ({ body: reply.body, createdAt: reply.createdAt })),
    };
  }

  /** The queue: the reports in the officer's scope, urgent first, open ones unless a state. */
  async queue(ctx: ActorContext, filter: { state?: ReportState; page: number }) {
    const scope = scopeFilter(ctx.principal, 'abuse_report.triage');
    if (!scope) throw new NotFoundError();
    const page = Math.max(1, filter.page);
    const { items, total } = await this.deps.repository.list(scope, {
      ...(filter.state ? { state: filter.state } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return { items, total, page, pages: Math.ceil(total / PAGE_SIZE) };
  }

  /** A report the officer reaches; "not found" for any other (no existence leak). */
  private async reachable(ctx: ActorContext, typed: string): Promise<ReportRecord> {
    if (!canTriageReports(ctx.principal)) throw new NotFoundError();
    const reference = parseReference(typed);
    const report = reference ? await this.deps.repository.byReference(reference) : null;
    if (!report || !canHandleReport(ctx.principal, report)) throw new NotFoundError();
    return report;
  }

  private actor(ctx: ActorContext, report: ReportRecord) {
    return auditActorOf(ctx.principal, {
      permission: 'abuse_report.triage',
      record: reachingOwnership(ctx.principal, report) ?? {},
    });
  }

  /** The organisation the officer acts for on this report (assignees come from it). */
  private actingOrganisation(ctx: ActorContext, report: ReportRecord): string | null {
    const record = reachingOwnership(ctx.principal, report) ?? undefined;
    return (
      authorisingGrant(ctx.principal, 'abuse_report.triage', record)?.grant.organisationId ?? null
    );
  }

  /** The report for an officer, audited (abuse_report.viewed: its text may name people). */
  async detail(ctx: ActorContext, typed: string): Promise<ReportDetail> {
    const report = await this.reachable(ctx, typed);
    await this.deps.audit.record(this.deps.repository.executor(), {
      action: 'abuse_report.viewed',
      actor: this.actor(ctx, report),
      subjectType: 'abuse_report',
      subjectIds: [report.id],
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
    });
    const { repository, organisations, people } = this.deps;
    const [history, messages] = await Promise.all([
      repository.history(report.id),
      repository.messages(report.id, ['note', 'reply']),
    ]);
    const userIds = [
      ...history.map((row) => row.actorUserId),
      ...messages.map((message) => message.authorUserId),
      report.assignedUserId,
    ].filter((id): id is string => id !== null);
    const organisationIds = [
      ...history.map((row) => row.actorOrganisationId),
      ...messages.map((message) => message.authorOrganisationId),
      report.organisationId,
      report.escalatedOrganisationId,
    ].filter((id): id is string => id !== null);
    const [names, organisationNames] = await Promise.all([
      people.profiles(userIds),
      organisations.names(organisationIds),
    ]);
    const own = this.actingOrganisation(ctx, report);
    const events = OFFICER_EVENTS.filter((event) =>
      allowedFrom(REPORT_LIFECYCLE, report.state, event),
    );
    const assignees = own
      ? (await organisations.holdersOf({ roles: TRIAGE_ROLES, organisationIds: [own] })).map(
          (holder) => ({ userId: holder.userId, fullName: holder.fullName }),
        )
      : [];
    const authorities = events.includes('escalate')
      ? (await organisations.ofKinds(AUTHORITY_KINDS, { limit: 500 })).filter(
          (org) => org.id !== own,
        )
      : [];
    const nameOf = (id: string | null) => (id ? (names.get(id)?.fullName ?? null) : null);
    const organisationOf = (id: string | null) => (id ? (organisationNames.get(id) ?? null) : null);
    return {
      report,
      subjectOrganisationName: organisationOf(report.organisationId),
      assignedName: nameOf(report.assignedUserId),
      escalatedOrganisationName: organisationOf(report.escalatedOrganisationId),
      history: history.map((row) => ({
        ...row,
        actorName: nameOf(row.actorUserId),
        actorOrganisationName: organisationOf(row.actorOrganisationId),
      })),
      messages: messages.map((message) => ({
        ...message,
        authorName: nameOf(message.authorUserId),
        authorOrganisationName: organisationOf(message.authorOrganisationId),
      })),
      events,
      assignees: [...new Map(assignees.map((a) => [a.userId, a])).values()],
      authorities: authorities.map(({ id, name, countryCode }) => ({ id, name, countryCode })),
    };
  }

  /** The reporter's contact details: personal data, each read audited. */
  async contact(ctx: ActorContext, typed: string): Promise<ReportContact> {
    const report = await this.reachable(ctx, typed);
    const contact = await this.deps.repository.contact(report.id);
    if (!contact) throw new NotFoundError();
    await this.deps.audit.record(this.deps.repository.executor(), {
      action: 'abuse_report.contact_viewed',
      actor: this.actor(ctx, report),
      subjectType: 'abuse_report',
      subjectIds: [report.id],
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
    });
    return contact;
  }

  /** Triage, assign, escalate or close: one transition through the lifecycle's writer. */
  async act(ctx: ActorContext, typed: string, action: OfficerAction): Promise<ReportRecord> {
    const report = await this.reachable(ctx, typed);
    const own = this.actingOrganisation(ctx, report);
    let escalateToCountryCode: string | null = null;
    const checks = async (): Promise<FieldProblem[]> => {
      if (action.event === 'assign' && action.assigneeUserId) {
        const holders = own
          ? await this.deps.organisations.holdersOf({ roles: TRIAGE_ROLES, organisationIds: [own] })
          : [];
        if (!holders.some((holder) => holder.userId === action.assigneeUserId))
          return [{ pointer: '/assigneeUserId', detail: 'abuseReports.errors.selectAssignee' }];
      }
      if (action.event === 'escalate' && action.escalateToOrganisationId) {
        const target = (
          await this.deps.organisations.registrations([action.escalateToOrganisationId])
        ).get(action.escalateToOrganisationId);
        if (
          !target ||
          target.id === own ||
          !(AUTHORITY_KINDS as readonly string[]).includes(target.kind)
        )
          return [
            { pointer: '/escalateToOrganisationId', detail: 'abuseReports.errors.selectAuthority' },
          ];
        escalateToCountryCode = target.countryCode;
      }
      return [];
    };
    // The checks read the organisations module (its own connection): before the transaction,
    // as PGlite has one connection, which the transaction holds.
    const problems = await checks();
    return this.deps.repository.transaction((trx) =>
      transitionReport(trx, this.deps, {
        reportId: report.id,
        command: {
          event: action.event,
          reason: action.reason ?? null,
          category: action.category ?? null,
          severity: action.severity ?? null,
          assigneeUserId: action.assigneeUserId ?? null,
          assigneeOrganisationId: own,
          escalateToOrganisationId: action.escalateToOrganisationId ?? null,
          escalateToCountryCode,
          outcome: action.outcome ?? null,
        },
        actor: this.actor(ctx, report),
        principal: ctx.principal,
        checks: async () => problems,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        now: this.deps.now(),
      }),
    );
  }

  /**
   * An internal note (officers only) or a public reply (on the follow page). A reply is emailed
   * to the reporter when they left an email address, in the language they chose.
   */
  async addMessage(ctx: ActorContext, typed: string, input: MessageInput): Promise<void> {
    const report = await this.reachable(ctx, typed);
    if (input.kind === 'reply' && report.state === 'closed') {
      throw new ValidationError([
        { pointer: '/kind', detail: 'abuseReports.errors.closedNoReply' },
      ]);
    }
    const actor = this.actor(ctx, report);
    const contact = input.kind === 'reply' ? await this.deps.repository.contact(report.id) : null;
    const emailId = await this.deps.repository.transaction(async (trx) => {
      await this.deps.repository.insertMessage(trx, {
        reportId: report.id,
        kind: input.kind,
        body: input.body,
        authorUserId: ctx.principal.userId,
        authorOrganisationId: actor.organisationId,
        authorApiKeyId: ctx.principal.apiKeyId,
        now: this.deps.now(),
      });
      await this.deps.audit.record(trx, {
        action: input.kind === 'note' ? 'abuse_report.note_added' : 'abuse_report.replied',
        actor,
        subjectType: 'abuse_report',
        subjectIds: [report.id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { kind: input.kind, length: input.body.length },
      });
      if (!contact?.email) return null;
      const language = report.replyLanguage as Parameters<Translator['forLanguage']>[0];
      const t = this.deps.translator.forLanguage(language);
      const reference = displayReference(report.reference);
      return this.deps.mailer.enqueue(trx, {
        to: contact.email,
        subject: t('abuseReports.mail.reply.subject', { reference }),
        text: t('abuseReports.mail.reply.body', {
          reference,
          link: `${this.deps.publicUrl}/report/follow?reference=${report.reference}`,
        }),
      });
    });
    if (emailId) await this.deps.mailer.deliver(emailId);
  }
}
