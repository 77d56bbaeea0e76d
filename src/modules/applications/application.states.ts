import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import type { FieldProblem } from '../../platform/http/problem.js';
import {
  transition,
  type LifecycleBinding,
  type LifecycleStore,
} from '../../platform/lifecycle/transition.js';
import {
  APPLICATION_LIFECYCLE,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationSnapshot,
  type ApplicationState,
} from './application.lifecycle.js';
import type {
  ApplicationRecord,
  ApplicationsRepository,
  Executor,
  NewApplication,
} from './applications.repository.js';

/**
 * The application lifecycle (application.lifecycle.ts) bound to the module's tables:
 * `transitionApplication` is the ONE function that writes `application.state`, through
 * platform/lifecycle's writer (lock, decide, state, application_event row, domain event, audit
 * event, one transaction).
 */

/** What the writer carries: the command and, for `submit`, the new application. */
export interface ApplicationWork extends ApplicationCommand {
  application?: NewApplication;
}

export interface ApplicationTransitionDeps {
  repository: ApplicationsRepository;
  audit: Pick<AuditLog, 'record'>;
  events?: EventPublisher | null;
}

export interface ApplicationTransitionInput {
  applicationId?: string | null;
  command: ApplicationWork;
  actor: AuditActor;
  principal?: Principal | null;
  checks?: (trx: Executor, current: ApplicationRecord | null) => Promise<FieldProblem[]>;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

export function transitionApplication(
  deps: ApplicationTransitionDeps,
  input: ApplicationTransitionInput,
): Promise<ApplicationRecord> {
  return transition(
    { store: applicationStore(deps.repository), audit: deps.audit, events: deps.events ?? null },
    APPLICATION_BINDING,
    {
      subjectId: input.applicationId ?? null,
      command: input.command,
      actor: input.actor,
      principal: input.principal ?? null,
      ...(input.checks ? { checks: input.checks } : {}),
      requestId: input.requestId ?? null,
      ipAddress: input.ipAddress ?? null,
      now: input.now,
    },
  );
}

export const APPLICATION_BINDING: LifecycleBinding<
  ApplicationState,
  ApplicationEvent,
  keyof typeof APPLICATION_LIFECYCLE.guards,
  ApplicationSnapshot,
  ApplicationWork,
  ApplicationRecord
> = {
  lifecycle: APPLICATION_LIFECYCLE,
  snapshot: (current) => ({
    state: current?.state ?? null,
    interviewAt: current?.interviewAt ?? null,
  }),
  stateOf: (application) => application.state,
  notFound: { pointer: '/event', detail: 'applications.errors.notFound' },
  audit: {
    subjectType: 'application',
    subjectIds: (written, id) => [id, written.vacancyId],
    before: (current) => ({ state: current.state }),
    // Never the note or the offer's words: the audit trail is read more widely.
    after: (written, change) => ({
      state: change.to,
      vacancyNumber: written.vacancyNumber,
      rejectReason: written.rejectReason,
      interviewAt: written.interviewAt?.toISOString() ?? null,
      documents: written.documentIds.length,
    }),
  },
  // Organisation ids, the vacancy and dates only: the notifications module asks for the rest.
  payload: (written) => ({
    vacancyId: written.vacancyId,
    agencyOrganisationId: written.agencyOrganisationId,
    employerOrganisationId: written.employerOrganisationId,
    interviewAt: written.interviewAt?.toISOString() ?? null,
  }),
  refusal: (error) =>
    isUniqueViolation(error)
      ? Object.assign(new Error('already applied'), { code: 'already_applied' })
      : error,
};

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505';
}

function applicationStore(
  repository: ApplicationsRepository,
): LifecycleStore<Executor, ApplicationState, ApplicationWork, ApplicationRecord> {
  return {
    transaction: (work) => repository.transaction(work),
    lock: (trx, id) => repository.lock(trx, id),
    find: (trx, id) => repository.find(trx, id),
    write: async (trx, { current, command, to, now }) => {
      if (!current) {
        if (!command.application) throw new Error('submit needs the application');
        return repository.insert(trx, command.application, now);
      }
      const write = {
        state: to,
        interviewAt: current.interviewAt,
        interviewPlace: current.interviewPlace,
        interviewLink: current.interviewLink,
        rejectReason: current.rejectReason,
        offerTerms: current.offerTerms,
        offerStartDate: current.offerStartDate,
        now,
      };
      if (command.event === 'schedule_interview') {
        write.interviewAt = command.interviewAt ?? null;
        write.interviewPlace = command.interviewPlace?.trim() || null;
        write.interviewLink = command.interviewLink?.trim() || null;
      }
      if (command.event === 'reject') write.rejectReason = command.rejectReason ?? null;
      if (command.event === 'offer') {
        write.offerTerms = command.offerTerms?.trim() || null;
        write.offerStartDate = command.offerStartDate || null;
      }
      await repository.writeState(trx, current.id, write);
      return current.id;
    },
    insertEvent: (trx, row, { command }) =>
      repository.insertEvent(trx, row, {
        reasonCode: command.event === 'reject' ? (command.rejectReason ?? null) : null,
        interviewAt: command.event === 'schedule_interview' ? (command.interviewAt ?? null) : null,
      }),
  };
}
