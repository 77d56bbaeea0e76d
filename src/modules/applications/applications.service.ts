import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldProblem,
} from '../../platform/http/problem.js';
import { allowedFrom } from '../../platform/lifecycle/lifecycle.js';
import type { LifecycleHistoryRow } from '../../platform/lifecycle/lifecycle-history.repository.js';
import {
  APPLICATION_LIFECYCLE,
  ORGANISATION_EVENTS,
  SEEKER_EVENTS,
  type ApplicationState,
  type OrganisationEvent,
  type SeekerEvent,
} from './application.lifecycle.js';
import { transitionApplication } from './application.states.js';
import { snapshotTerms, type PublicVacancyTerms } from './application.terms.js';
import type { ApplicationNotice } from './applications.notice.js';
import { canApply, isApplicant, organisationReaches } from './applications.policy.js';
import type { ApplicationRecord, ApplicationsRepository } from './applications.repository.js';
import type { ApplyInput, OrganisationAction } from './applications.schemas.js';

export const PAGE_SIZE = 25;

/** What this module reads of the public vacancy (the vacancies module's VacancySearchService). */
export interface VacancyPort {
  /** Throws NotFoundError when the vacancy was never public. */
  vacancy(
    number: number,
    language: string,
  ): Promise<{ open: boolean; vacancy: PublicVacancyTerms }>;
}

/** A job seeker's summary, from the job-seekers module. */
export interface SeekerSummary {
  userId: string;
  name: string;
  nationality?: string | null;
  occupations?: readonly string[];
  languages?: readonly string[];
}

/** What this module needs of the job-seekers module (typed here, so as not to be blocked). */
export interface JobSeekersPort {
  summaries(ids: readonly string[]): Promise<Map<string, SeekerSummary>>;
}

export interface OwnDocument {
  id: string;
  name: string;
}

/** What this module needs of the documents module. */
export interface DocumentsPort {
  listOwn(userId: string): Promise<OwnDocument[]>;
  ownedBy(userId: string, ids: readonly string[]): Promise<string[]>;
  openForApplication(
    ctx: ActorContext,
    input: { documentId: string; ownerUserId: string; applicationId: string },
  ): Promise<{ filename: string; contentType: string; body: Buffer | Uint8Array }>;
}

export interface ApplicationsDeps {
  repository: ApplicationsRepository;
  audit: AuditLog;
  events: EventPublisher | null;
  vacancies: () => VacancyPort;
  jobSeekers: () => JobSeekersPort;
  documents: () => DocumentsPort;
  organisationNames: (ids: readonly string[]) => Promise<Map<string, string>>;
  now: () => Date;
}

export interface HistoryEntry extends LifecycleHistoryRow {
  actorOrganisationName: string | null;
  byApplicant: boolean;
}

export interface SeekerView {
  application: ApplicationRecord;
  history: HistoryEntry[];
  events: SeekerEvent[];
}

export interface OrganisationView {
  application: ApplicationRecord;
  seeker: SeekerSummary | null;
  history: HistoryEntry[];
  events: OrganisationEvent[];
  documents: OwnDocument[];
}

export interface ApplyOutcome {
  application: ApplicationRecord;
  /** False when the person had already applied: the existing application, unchanged. */
  created: boolean;
}

/**
 * Applications of job seekers to published vacancies, followed to the offer. Each use case is
 * authorised here as well as at the route; every write is audited (by the lifecycle's writer)
 * and every read of an application by the organisation is audited with the person as its data
 * subject ("who has looked at my data").
 */
export class ApplicationsService {
  constructor(private readonly deps: ApplicationsDeps) {}

  /** The public vacancy, open or not; not found when it never was public. */
  async vacancyFor(number: number, language: string) {
    return this.deps.vacancies().vacancy(number, language);
  }

  /** The caller's application to this vacancy, if any. */
  async existing(ctx: ActorContext, vacancyId: string): Promise<ApplicationRecord | null> {
    const userId = ctx.principal.userId;
    if (!userId || !canApply(ctx.principal)) return null;
    return this.deps.repository.mineFor(userId, vacancyId);
  }

  /** Whether the person has a job-seeker profile (the apply page links to /profile if not). */
  async hasProfile(userId: string): Promise<boolean> {
    const port = this.deps.jobSeekers();
    return (await port.summaries([userId])).has(userId);
  }

  async ownDocuments(userId: string): Promise<OwnDocument[]> {
    return this.deps.documents().listOwn(userId);
  }

  /**
   * Applies to a published, open vacancy, snapshotting its terms. One application per vacancy:
   * a second try (a double submit, a race) lands on the existing application.
   */
  async apply(
    ctx: ActorContext,
    vacancyNumber: number,
    input: ApplyInput,
    language: string,
  ): Promise<ApplyOutcome> {
    const userId = ctx.principal.userId;
    if (!userId || !canApply(ctx.principal)) throw new ForbiddenError();
    const outcome = await this.deps.vacancies().vacancy(vacancyNumber, language);
    const vacancy = outcome.vacancy;
    const found = await this.deps.repository.mineFor(userId, vacancy.id);
    if (found) return { application: found, created: false };
    if (!outcome.open)
      throw new ValidationError([
        { pointer: '/vacancy', detail: 'applications.errors.vacancyClosed' },
      ]);
    const problems: FieldProblem[] = [];
    if (!(await this.hasProfile(userId))) {
      problems.push({ pointer: '/profile', detail: 'applications.errors.noProfile' });
    }
    const documentIds = [...new Set(input.documentIds)];
    if (documentIds.length > 0) {
      const owned = new Set(await this.deps.documents().ownedBy(userId, documentIds));
      if (documentIds.some((id) => !owned.has(id))) {
        problems.push({ pointer: '/documentIds', detail: 'applications.errors.documents' });
      }
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const employerOrganisationId = vacancy.employerId;
    try {
      const application = await transitionApplication(this.deps, {
        command: {
          event: 'submit',
          application: {
            seekerUserId: userId,
            vacancyId: vacancy.id,
            vacancyNumber: vacancy.number,
            agencyOrganisationId: vacancy.agencyId,
            employerOrganisationId,
            terms: snapshotTerms(vacancy),
            note: input.note ?? null,
            documentIds,
          },
        },
        actor: auditActorOf(ctx.principal, {
          permission: 'application.create',
          record: { userId },
        }),
        principal: ctx.principal,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        now: this.deps.now(),
      });
      return { application, created: true };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'already_applied') {
        const existing = await this.deps.repository.mineFor(userId, vacancy.id);
        if (existing) return { application: existing, created: false };
      }
      throw error;
    }
  }

  /** The person's own applications, newest first. */
  async mine(ctx: ActorContext): Promise<ApplicationRecord[]> {
    const userId = ctx.principal.userId;
    if (!userId || !canApply(ctx.principal)) throw new ForbiddenError();
    return this.deps.repository.ofSeeker(userId);
  }

  /** One of the person's own applications, with its history and what they may do. */
  async mineDetail(ctx: ActorContext, id: string): Promise<SeekerView> {
    const application = await this.find(id);
    if (!application || !isApplicant(ctx.principal, application)) throw new NotFoundError();
    return {
      application,
      history: await this.history(application),
      events: SEEKER_EVENTS.filter((event) =>
        allowedFrom(APPLICATION_LIFECYCLE, application.state, event),
      ),
    };
  }

  /** The applicant withdraws, accepts or declines the offer. */
  async seekerAct(ctx: ActorContext, id: string, event: SeekerEvent): Promise<ApplicationRecord> {
    const application = await this.find(id);
    if (!application || !isApplicant(ctx.principal, application)) throw new NotFoundError();
    return transitionApplication(this.deps, {
      applicationId: id,
      command: { event },
      actor: auditActorOf(ctx.principal, {
        permission: 'application.create',
        record: { userId: application.seekerUserId },
      }),
      principal: ctx.principal,
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
      now: this.deps.now(),
    });
  }

  /** The applications to the caller's organisation's vacancies, with the seekers' summaries. */
  async organisationList(
    ctx: ActorContext,
    filter: { vacancyId?: string; state?: ApplicationState; page: number },
  ): Promise<{
    items: (ApplicationRecord & { seeker: SeekerSummary | null })[];
    total: number;
    page: number;
    pages: number;
  }> {
    const scope = scopeFilter(ctx.principal, 'application.read');
    if (!scope || (!scope.all && scope.organisationIds.length === 0)) throw new ForbiddenError();
    const organisationIds = scope.all ? null : scope.organisationIds;
    const page = Math.max(1, filter.page);
    const found = await this.deps.repository.ofOrganisations({
      organisationIds,
      ...(filter.vacancyId ? { vacancyId: filter.vacancyId } : {}),
      ...(filter.state ? { state: filter.state } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const seekers = await this.summaries(found.items);
    return {
      items: found.items.map((item) => ({
        ...item,
        seeker: item.seekerUserId ? (seekers.get(item.seekerUserId) ?? null) : null,
      })),
      total: found.total,
      page,
      pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
    };
  }

  /** One application as the organisation works it: audited as a view of the person's data. */
  async organisationDetail(ctx: ActorContext, id: string): Promise<OrganisationView> {
    const application = await this.find(id);
    const organisationId = application
      ? organisationReaches(ctx.principal, 'application.read', application)
      : null;
    if (!application || !organisationId) throw new NotFoundError();
    const [seekers, history, documents] = await Promise.all([
      this.summaries([application]),
      this.history(application),
      this.attachedDocuments(application),
    ]);
    await this.deps.audit.record(this.deps.repository.database(), {
      action: 'application.viewed',
      actor: auditActorOf(ctx.principal, {
        permission: 'application.read',
        record: { organisationId },
      }),
      subjectType: 'application',
      subjectIds: [application.id],
      dataSubjectUserId: application.seekerUserId,
      purpose: 'recruitment',
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
    });
    const decides = organisationReaches(ctx.principal, 'application.decide', application) !== null;
    return {
      application,
      seeker: application.seekerUserId ? (seekers.get(application.seekerUserId) ?? null) : null,
      history,
      events: decides
        ? ORGANISATION_EVENTS.filter(
            (event) =>
              allowedFrom(APPLICATION_LIFECYCLE, application.state, event) &&
              // "Interview held" once one is arranged (the guard would refuse it before).
              (event !== 'mark_interviewed' || application.interviewAt !== null),
          )
        : [],
      documents,
    };
  }

  /** The organisation's transitions: shortlist, interview, interviewed, select, offer, reject. */
  async organisationAct(
    ctx: ActorContext,
    id: string,
    action: OrganisationAction,
  ): Promise<ApplicationRecord> {
    const application = await this.find(id);
    const organisationId = application
      ? organisationReaches(ctx.principal, 'application.decide', application)
      : null;
    if (!application || !organisationId) throw new NotFoundError();
    const now = this.deps.now();
    return transitionApplication(this.deps, {
      applicationId: id,
      command: action,
      actor: auditActorOf(ctx.principal, {
        permission: 'application.decide',
        record: { organisationId },
      }),
      principal: ctx.principal,
      checks: async () =>
        action.event === 'schedule_interview' &&
        action.interviewAt &&
        action.interviewAt.getTime() <= now.getTime()
          ? [{ pointer: '/interviewAt', detail: 'applications.errors.interviewPast' }]
          : [],
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
      now,
    });
  }

  /** A document the person attached, for the organisation (the documents module audits it). */
  async openDocument(ctx: ActorContext, id: string, documentId: string) {
    const application = await this.find(id);
    if (
      !application ||
      !application.seekerUserId ||
      !organisationReaches(ctx.principal, 'application.read', application) ||
      !application.documentIds.includes(documentId)
    ) {
      throw new NotFoundError();
    }
    return this.deps.documents().openForApplication(ctx, {
      documentId,
      ownerUserId: application.seekerUserId,
      applicationId: application.id,
    });
  }

  /** Whether the person applied to a vacancy of this organisation (job-seekers' profile page). */
  hasApplied(userId: string, organisationId: string): Promise<boolean> {
    return this.deps.repository.hasApplied(userId, organisationId);
  }

  /** What the notifications module tells the person about a change (no permission: internal). */
  async noticeFor(applicationId: string): Promise<ApplicationNotice | null> {
    const application = await this.find(applicationId);
    if (!application?.seekerUserId) return null;
    const [latest] = await this.deps.repository.history([application.id]);
    const terms = application.terms;
    return {
      applicationId: application.id,
      seekerUserId: application.seekerUserId,
      state: application.state,
      vacancyTitle: terms.title,
      vacancyReference: String(terms.number),
      organisationName: terms.agencyName ?? terms.employerName,
      reason:
        application.state === 'rejected' ? (latest?.reason ?? application.rejectReason) : null,
      interviewAt: application.interviewAt,
      path: `/applications/${application.id}`,
    };
  }

  /** Whether any application exists (the demo loads into an empty table only). */
  anyApplication(): Promise<boolean> {
    return this.deps.repository.any();
  }

  private async find(id: string): Promise<ApplicationRecord | null> {
    if (!UUID.test(id)) return null;
    return this.deps.repository.byId(id);
  }

  private async summaries(
    applications: readonly ApplicationRecord[],
  ): Promise<Map<string, SeekerSummary>> {
    const ids = [...new Set(applications.flatMap((item) => item.seekerUserId ?? []))];
    if (ids.length === 0) return new Map();
    return this.deps.jobSeekers().summaries(ids);
  }

  private async attachedDocuments(application: ApplicationRecord): Promise<OwnDocument[]> {
    if (!application.seekerUserId || application.documentIds.length === 0) return [];
    const own = await this.deps.documents().listOwn(application.seekerUserId);
    return own.filter((document) => application.documentIds.includes(document.id));
  }

  private async history(application: ApplicationRecord): Promise<HistoryEntry[]> {
    const rows = await this.deps.repository.history([application.id]);
    const names = await this.deps.organisationNames([
      ...new Set(rows.flatMap((row) => row.actorOrganisationId ?? [])),
    ]);
    return rows.map((row) => ({
      ...row,
      actorOrganisationName: row.actorOrganisationId
        ? (names.get(row.actorOrganisationId) ?? null)
        : null,
      byApplicant: row.actorUserId !== null && row.actorUserId === application.seekerUserId,
    }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
