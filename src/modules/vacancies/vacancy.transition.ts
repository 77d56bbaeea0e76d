import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import type { FieldProblem } from '../../platform/http/problem.js';
import {
  transition,
  transitionIn,
  type LifecycleBinding,
  type LifecycleStore,
  type StateChange,
  type TransitionInput,
} from '../../platform/lifecycle/transition.js';
import type {
  Executor,
  JobOrdersRepository,
  StateWrite,
  VacancyRecord,
  VacancyTerms,
} from './job-orders.repository.js';
import {
  VACANCY_LIFECYCLE,
  type VacancyCommand,
  type VacancyEvent,
  type VacancySnapshot,
  type VacancyState,
} from './vacancy.lifecycle.js';

export interface VacancyTransitionInput {
  /** Absent only for 'create'. */
  vacancyId?: string;
  event: VacancyEvent;
  reason?: string | null;
  /** The terms written by 'create' and 'update'. */
  terms?: VacancyTerms;
  actor: AuditActor;
  /** The caller, when a person or a key acts (the declared authority is checked too). */
  principal?: Principal | null;
  /** Checks that read other records (licence, vetting, minimum wage), made inside the lock. */
  checks?: (trx: Executor, current: VacancyRecord | null) => Promise<FieldProblem[]>;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

export interface VacancyTransitionDeps {
  repository: JobOrdersRepository;
  audit: AuditLog;
  /** The outbox: every transition publishes `vacancy.<past tense>`. */
  events?: EventPublisher | null;
}

/**
 * The one writer of vacancy.state, through platform/lifecycle: in one transaction it locks the
 * row, runs the checks, decides, writes the state and its timestamp, appends vacancy_event
 * (also the public search index's change feed), publishes the domain event and records the
 * audit event.
 */
export async function transitionVacancy(
  deps: VacancyTransitionDeps,
  input: VacancyTransitionInput,
): Promise<VacancyRecord> {
  return transition(engineDeps(deps), VACANCY_BINDING, engineInput(input));
}

/**
 * The same, inside a transaction the caller holds, so that several transitions (create, then
 * submit) are written together or not at all. A refusal throws: the caller's transaction must
 * then roll back.
 */
export async function transitionVacancyIn(
  trx: Executor,
  deps: VacancyTransitionDeps,
  input: VacancyTransitionInput,
): Promise<VacancyRecord> {
  return transitionIn(trx, engineDeps(deps), VACANCY_BINDING, engineInput(input));
}

/** What the writer carries: the event, its reason, and the terms of 'create' and 'update'. */
interface VacancyWork extends VacancyCommand {
  terms: VacancyTerms | null;
}

function engineDeps(deps: VacancyTransitionDeps) {
  return { store: vacancyStore(deps.repository), audit: deps.audit, events: deps.events ?? null };
}

function engineInput(
  input: VacancyTransitionInput,
): TransitionInput<VacancyEvent, VacancyWork, Executor, VacancyRecord> {
  return {
    subjectId: input.vacancyId ?? null,
    command: { event: input.event, reason: input.reason ?? null, terms: input.terms ?? null },
    actor: input.actor,
    principal: input.principal ?? null,
    ...(input.checks ? { checks: input.checks } : {}),
    requestId: input.requestId ?? null,
    ipAddress: input.ipAddress ?? null,
    now: input.now,
  };
}

const VACANCY_BINDING: LifecycleBinding<
  VacancyState,
  VacancyEvent,
  keyof typeof VACANCY_LIFECYCLE.guards,
  VacancySnapshot,
  VacancyWork,
  VacancyRecord
> = {
  lifecycle: VACANCY_LIFECYCLE,
  snapshot: (current, { terms }, today) => ({
    state: current?.state ?? null,
    applicationDeadline: terms?.applicationDeadline ?? current?.applicationDeadline ?? today,
    positions: terms?.positions ?? current?.positions ?? 1,
    positionsFilled: current?.positionsFilled ?? 0,
  }),
  stateOf: (vacancy) => vacancy.state,
  notFound: { pointer: '/event', detail: 'jobOrders.errors.notFound' },
  audit: {
    subjectType: 'vacancy',
    subjectIds: (_written, id) => [id],
    before: (current) => ({ state: current.state, positionsFilled: current.positionsFilled }),
    after: (written, change) => ({
      state: change.to,
      reason: change.reason,
      ...(change.command.terms ? { terms: auditedTerms(change.command.terms) } : {}),
      ...(change.command.event === 'fill_position'
        ? { positionsFilled: written.positionsFilled }
        : {}),
    }),
  },
  payload: (written) => ({
    employerId: written.employerId,
    agencyId: written.agencyId,
    originCountry: written.originCountry,
    applicationDeadline: written.applicationDeadline,
  }),
};

/** The vacancy's SQL for the writer: JobOrdersRepository. */
function vacancyStore(
  repository: JobOrdersRepository,
): LifecycleStore<Executor, VacancyState, VacancyWork, VacancyRecord> {
  return {
    transaction: (work) => repository.transaction(work),
    lock: (trx, id) => repository.lock(trx, id),
    find: (trx, id) => repository.find(id, trx),
    write: async (trx, change) => {
      const { command, current } = change;
      let vacancyId = current?.id ?? null;
      if (command.event === 'create') {
        if (!command.terms) throw new Error('create needs terms');
        vacancyId = await repository.insertDraft(trx, command.terms, change.actor.userId);
      } else if (command.event === 'update') {
        if (!command.terms || !vacancyId) throw new Error('update needs terms and a vacancy');
        await repository.updateTerms(trx, vacancyId, command.terms);
      }
      if (!vacancyId) throw new Error('no vacancy to transition');
      await repository.writeState(trx, vacancyId, stateWrite(change));
      if (command.event === 'fill_position') {
        await repository.insertPositionFill(trx, vacancyId, change.now, change.actor.userId);
      }
      return vacancyId;
    },
    insertEvent: (trx, row) => repository.insertEvent(trx, row),
  };
}

function stateWrite(change: StateChange<VacancyState, VacancyWork, VacancyRecord>): StateWrite {
  const { to, now, current } = change;
  const write: StateWrite = { state: to };
  switch (change.command.event) {
    case 'submit':
      write.submittedAt = now;
      break;
    case 'approve':
      write.approvedAt = now;
      break;
    case 'reject':
      write.rejectedAt = now;
      break;
    case 'publish':
      write.publishedAt = now;
      break;
    case 'fill_position':
      write.positionsFilled = (current?.positionsFilled ?? 0) + 1;
      if (to === 'filled') write.endedAt = now;
      break;
    case 'close':
    case 'expire':
      write.endedAt = now;
      break;
    default:
      break;
  }
  return write;
}

/** The terms as the audit trail keeps them: no free text beyond the title (it can be long). */
function auditedTerms(terms: VacancyTerms) {
  return {
    title: terms.title,
    employerId: terms.employerId,
    agencyId: terms.agencyId,
    destination: terms.destinationCountry,
    iscoCode: terms.iscoCode,
    positions: terms.positions,
    wage: terms.wage,
    applicationDeadline: terms.applicationDeadline,
  };
}
