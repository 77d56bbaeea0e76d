import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import { ValidationError, type FieldProblem } from '../../platform/http/problem.js';
import type {
  Executor,
  JobOrdersRepository,
  StateWrite,
  VacancyRecord,
  VacancyTerms,
} from './job-orders.repository.js';
import { decideVacancy, isoDate, PAST_TENSE, type VacancyEvent } from './vacancy.states.js';

export interface VacancyTransitionInput {
  /** Absent only for 'create'. */
  vacancyId?: string;
  event: VacancyEvent;
  reason?: string | null;
  /** The terms written by 'create' and 'update'. */
  terms?: VacancyTerms;
  actor: AuditActor;
  /** Checks that read other records (licence, vetting, minimum wage), made inside the lock. */
  checks?: (trx: Executor, current: VacancyRecord | null) => Promise<FieldProblem[]>;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

/**
 * The one writer of vacancy.state (see vacancy.states.ts). In one transaction: lock the row,
 * run the checks, decide, write the state and its timestamp, append vacancy_event (which is also
 * the public search index's change feed) and the audit event.
 */
export async function transitionVacancy(
  deps: { repository: JobOrdersRepository; audit: AuditLog },
  input: VacancyTransitionInput,
): Promise<VacancyRecord> {
  return deps.repository.transaction((trx) => transitionVacancyIn(trx, deps, input));
}

/**
 * The same, inside a transaction the caller holds, so that several transitions (create, then
 * submit) are written together or not at all. A refusal throws: the caller's transaction must
 * then roll back.
 */
export async function transitionVacancyIn(
  trx: Executor,
  deps: { repository: JobOrdersRepository; audit: AuditLog },
  input: VacancyTransitionInput,
): Promise<VacancyRecord> {
  const { repository, audit } = deps;
  const today = isoDate(input.now);
  const current = input.vacancyId ? await repository.lock(trx, input.vacancyId) : null;
  if (input.vacancyId && !current) {
    throw new ValidationError([{ pointer: '/event', detail: 'jobOrders.errors.notFound' }]);
  }
  const problems = input.checks ? await input.checks(trx, current) : [];
  const deadline = input.terms?.applicationDeadline ?? current?.applicationDeadline ?? today;
  const decision = decideVacancy(
    {
      state: current?.state ?? null,
      applicationDeadline: deadline,
      positions: input.terms?.positions ?? current?.positions ?? 1,
      positionsFilled: current?.positionsFilled ?? 0,
    },
    input.event,
    { reason: input.reason ?? null, today, checks: { problems } },
  );
  if (!decision.ok) throw new ValidationError(decision.problems);

  let vacancyId = current?.id ?? null;
  if (input.event === 'create') {
    if (!input.terms) throw new Error('create needs terms');
    vacancyId = await repository.insertDraft(trx, input.terms, input.actor.userId);
  } else if (input.event === 'update') {
    if (!input.terms || !vacancyId) throw new Error('update needs terms and a vacancy');
    await repository.updateTerms(trx, vacancyId, input.terms);
  }
  if (!vacancyId) throw new Error('no vacancy to transition');

  await repository.writeState(trx, vacancyId, stateWrite(input, decision.to, current));
  const reason = input.reason?.trim() || null;
  await repository.insertEvent(trx, {
    vacancyId,
    event: input.event,
    fromState: current?.state ?? null,
    toState: decision.to,
    reason,
    actorUserId: input.actor.userId,
    actorOrganisationId: input.actor.organisationId,
    actorApiKeyId: input.actor.apiKeyId,
    at: input.now,
  });
  if (input.event === 'fill_position') {
    await repository.insertPositionFill(trx, vacancyId, input.now, input.actor.userId);
  }
  await audit.record(trx, {
    action: `vacancy.${PAST_TENSE[input.event]}`,
    actor: input.actor,
    subjectType: 'vacancy',
    subjectIds: [vacancyId],
    requestId: input.requestId ?? null,
    ipAddress: input.ipAddress ?? null,
    before: current ? { state: current.state, positionsFilled: current.positionsFilled } : null,
    after: {
      state: decision.to,
      reason,
      ...(input.terms ? { terms: auditedTerms(input.terms) } : {}),
      ...(input.event === 'fill_position'
        ? { positionsFilled: (current?.positionsFilled ?? 0) + 1 }
        : {}),
    },
  });
  const written = await repository.find(vacancyId, trx);
  if (!written) throw new Error('vacancy vanished inside its own transaction');
  return written;
}

function stateWrite(
  input: VacancyTransitionInput,
  to: StateWrite['state'],
  current: VacancyRecord | null,
): StateWrite {
  const write: StateWrite = { state: to };
  switch (input.event) {
    case 'submit':
      write.submittedAt = input.now;
      break;
    case 'approve':
      write.approvedAt = input.now;
      break;
    case 'reject':
      write.rejectedAt = input.now;
      break;
    case 'publish':
      write.publishedAt = input.now;
      break;
    case 'fill_position':
      write.positionsFilled = (current?.positionsFilled ?? 0) + 1;
      if (to === 'filled') write.endedAt = input.now;
      break;
    case 'close':
    case 'expire':
      write.endedAt = input.now;
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
