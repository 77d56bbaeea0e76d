import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ValidationError } from '../../platform/http/problem.js';
import {
  transition,
  type LifecycleBinding,
  type LifecycleStore,
} from '../../platform/lifecycle/transition.js';
import type { Executor } from './licensing.repository.js';
import {
  VETTING_LIFECYCLE,
  type VettingCommand,
  type VettingEvent,
  type VettingSnapshot,
  type VettingState,
} from './vetting.lifecycle.js';
import type { VettingRecord, VettingRepository } from './vetting.repository.js';

/**
 * The vetting of a foreign employer (declared in vetting.lifecycle.ts) bound to the licensing
 * tables: `transitionVetting` is the one writer of employer_vetting.state, through
 * platform/lifecycle's writer.
 */

export interface VettingTransitionDeps {
  repository: VettingRepository;
  audit: AuditLog;
  events?: EventPublisher | null;
}

export async function transitionVetting(
  deps: VettingTransitionDeps,
  input: {
    organisationId: string;
    event: VettingEvent;
    reason?: string | null;
    actor: AuditActor;
    /** The caller, when a person or a key acts (the declared authority is checked too). */
    principal?: Principal | null;
    requestId?: string | null;
    ipAddress?: string | null;
    now?: Date;
  },
): Promise<VettingRecord> {
  return transition(
    {
      store: vettingStore(deps.repository, input.organisationId),
      audit: deps.audit,
      events: deps.events ?? null,
    },
    VETTING_BINDING,
    {
      subjectId: input.organisationId,
      command: { event: input.event, reason: input.reason ?? null },
      actor: input.actor,
      principal: input.principal ?? null,
      requestId: input.requestId ?? null,
      ipAddress: input.ipAddress ?? null,
      now: input.now ?? new Date(),
    },
  );
}

const VETTING_BINDING: LifecycleBinding<
  VettingState,
  VettingEvent,
  never,
  VettingSnapshot,
  VettingCommand,
  VettingRecord
> = {
  lifecycle: VETTING_LIFECYCLE,
  snapshot: (current) => ({ state: current?.state ?? null }),
  stateOf: (vetting) => vetting.state,
  notFound: { pointer: '/event', detail: 'errors.notFound.detail' },
  rowMayNotExistYet: true,
  audit: {
    subjectType: 'organisation',
    subjectIds: (written) => [written.organisationId],
    before: (current) => ({ vetting: current.state }),
    after: (_written, change) => ({ vetting: change.to, reason: change.reason }),
  },
  payload: (written) => ({ organisationId: written.organisationId }),
  refusal: firstSubmissionRace,
};

/**
 * An employer's first two submissions at once both find no row to lock and both insert; the
 * unique index on employer_vetting.organisation_id refuses the second, which is then told what
 * a second submission is told (already submitted) instead of getting a 500.
 */
function firstSubmissionRace(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== '23505' || constraint !== 'employer_vetting_organisation_id_key') return error;
  return new ValidationError([VETTING_LIFECYCLE.problems.notAllowed('submit')]);
}

/**
 * The vetting of one employer: its row is locked by the employer (it may not exist before the
 * first submission); the rest of the transition knows the row by its own id.
 */
function vettingStore(
  repository: VettingRepository,
  organisationId: string,
): LifecycleStore<Executor, VettingState, VettingCommand, VettingRecord> {
  return {
    transaction: (work) => repository.transaction(work),
    lock: (trx, employerId) => repository.lockVetting(trx, employerId),
    find: (trx, vettingId) => repository.findVettingById(trx, vettingId),
    write: (trx, { current, to }) =>
      repository.writeVettingState(trx, { id: current?.id ?? null, organisationId, state: to }),
    insertEvent: (trx, row) => repository.insertVettingEvent(trx, row),
  };
}
