import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import { ValidationError, type FieldProblem } from '../../platform/http/problem.js';
import type { Executor } from './licensing.repository.js';
import type { VettingRecord, VettingRepository } from './vetting.repository.js';

/**
 * The vetting of a foreign employer: submitted → vetted or rejected, and a rejected employer
 * may be submitted again. Same pattern as licence.states.ts: `decideVetting` is pure;
 * `transitionVetting` is the one writer of employer_vetting.state.
 */

export const VETTING_STATES = ['submitted', 'vetted', 'rejected'] as const;
export type VettingState = (typeof VETTING_STATES)[number];

export const VETTING_EVENTS = ['submit', 'vet', 'reject'] as const;
export type VettingEvent = (typeof VETTING_EVENTS)[number];

export const VETTING_TRANSITIONS: Record<
  VettingEvent,
  { from: readonly (VettingState | null)[]; to: VettingState; reasonRequired: boolean }
> = {
  submit: { from: [null, 'rejected'], to: 'submitted', reasonRequired: false },
  vet: { from: ['submitted'], to: 'vetted', reasonRequired: false },
  reject: { from: ['submitted'], to: 'rejected', reasonRequired: true },
};

export function decideVetting(
  state: VettingState | null,
  event: VettingEvent,
  reason: string | null | undefined,
): { ok: true; to: VettingState } | { ok: false; problems: FieldProblem[] } {
  const rule = VETTING_TRANSITIONS[event];
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      problems: [{ pointer: '/event', detail: `licensing.vetting.notAllowed.${event}` }],
    };
  }
  if (rule.reasonRequired && !reason?.trim()) {
    return {
      ok: false,
      problems: [{ pointer: '/reason', detail: 'licensing.errors.enterReason' }],
    };
  }
  return { ok: true, to: rule.to };
}

const PAST: Record<VettingEvent, string> = {
  submit: 'submitted',
  vet: 'vetted',
  reject: 'rejected',
};

export async function transitionVetting(
  deps: { repository: VettingRepository; audit: AuditLog },
  input: {
    organisationId: string;
    event: VettingEvent;
    reason?: string | null;
    actor: AuditActor;
    requestId?: string | null;
    ipAddress?: string | null;
  },
): Promise<VettingRecord> {
  const { repository, audit } = deps;
  return repository.transaction(async (trx: Executor) => {
    const current = await repository.lockVetting(trx, input.organisationId);
    const decision = decideVetting(current?.state ?? null, input.event, input.reason);
    if (!decision.ok) throw new ValidationError(decision.problems);
    const reason = input.reason?.trim() || null;
    const vettingId = await repository.writeVettingState(trx, {
      id: current?.id ?? null,
      organisationId: input.organisationId,
      state: decision.to,
    });
    await repository.insertVettingEvent(trx, {
      vettingId,
      event: input.event,
      fromState: current?.state ?? null,
      toState: decision.to,
      reason,
      actorUserId: input.actor.userId,
      actorOrganisationId: input.actor.organisationId,
    });
    await audit.record(trx, {
      action: `employer.${PAST[input.event]}`,
      actor: input.actor,
      subjectType: 'organisation',
      subjectIds: [input.organisationId],
      requestId: input.requestId ?? null,
      ipAddress: input.ipAddress ?? null,
      before: current ? { vetting: current.state } : null,
      after: { vetting: decision.to, reason },
    });
    const written = await repository.findVetting(trx, input.organisationId);
    if (!written) throw new Error('vetting vanished inside its own transaction');
    return written;
  });
}
