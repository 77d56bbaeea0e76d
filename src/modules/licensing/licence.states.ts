import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import { ValidationError, type FieldProblem } from '../../platform/http/problem.js';
import type { LicensingRepository, LicenceRecord, Executor } from './licensing.repository.js';

/**
 * The licence lifecycle (docs/state-diagrams/licence.md). `decide` is pure: named events,
 * guards, the next state. `transition` is the ONE function that writes `licence.state`: in one
 * transaction it locks the row, decides, writes the state, appends the history row and the
 * audit event. Nothing else writes the state column.
 */

export const LICENCE_STATES = [
  'applied',
  'active',
  'suspended',
  'revoked',
  'expired',
  'refused',
] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

export const LICENCE_EVENTS = [
  'apply',
  'grant',
  'refuse',
  'renew',
  'suspend',
  'reinstate',
  'revoke',
  'expire',
] as const;
export type LicenceEvent = (typeof LICENCE_EVENTS)[number];

/** The events an officer chooses on the licence page (apply is the agency's, expire the system's). */
export const OFFICER_EVENTS = [
  'grant',
  'refuse',
  'renew',
  'suspend',
  'reinstate',
  'revoke',
] as const;
export type OfficerEvent = (typeof OFFICER_EVENTS)[number];

interface Rule {
  /** null: the licence does not exist yet. */
  from: readonly (LicenceState | null)[];
  to: LicenceState;
  /** A reason is required wherever the transition restricts or refuses. */
  reasonRequired: boolean;
}

export const LICENCE_TRANSITIONS: Record<LicenceEvent, Rule> = {
  apply: { from: [null], to: 'applied', reasonRequired: false },
  grant: { from: ['applied'], to: 'active', reasonRequired: false },
  refuse: { from: ['applied'], to: 'refused', reasonRequired: true },
  renew: { from: ['active', 'expired'], to: 'active', reasonRequired: false },
  suspend: { from: ['active'], to: 'suspended', reasonRequired: true },
  reinstate: { from: ['suspended'], to: 'active', reasonRequired: true },
  revoke: { from: ['active', 'suspended'], to: 'revoked', reasonRequired: true },
  expire: { from: ['active', 'suspended'], to: 'expired', reasonRequired: false },
};

/** Audit actions: `licence.<past tense>`. */
const PAST_TENSE: Record<LicenceEvent, string> = {
  apply: 'applied',
  grant: 'granted',
  refuse: 'refused',
  renew: 'renewed',
  suspend: 'suspended',
  reinstate: 'reinstated',
  revoke: 'revoked',
  expire: 'expired',
};

export interface LicenceCommand {
  event: LicenceEvent;
  reason?: string | null;
  /** grant: optional; generated (KE-RA-2026-0001) when absent. */
  number?: string | null;
  /** grant. */
  validFrom?: string | null;
  /** grant, renew: the (new) last day of validity. */
  validTo?: string | null;
}

export type Decision = { ok: true; to: LicenceState } | { ok: false; problems: FieldProblem[] };

/** The licence as the guards see it. */
export interface LicenceSnapshot {
  state: LicenceState | null;
  validTo: string | null;
}

/** Whether the event may happen from this state at all (no guards): used to draw buttons. */
export function allowedFrom(state: LicenceState | null, event: LicenceEvent): boolean {
  return LICENCE_TRANSITIONS[event].from.includes(state);
}

/** Pure: is this transition allowed now, and where does it lead. `today` is 'YYYY-MM-DD'. */
export function decide(current: LicenceSnapshot, command: LicenceCommand, today: string): Decision {
  const rule = LICENCE_TRANSITIONS[command.event];
  if (!rule.from.includes(current.state)) {
    return {
      ok: false,
      problems: [{ pointer: '/event', detail: `licensing.errors.notAllowed.${command.event}` }],
    };
  }
  const problems: FieldProblem[] = [];
  if (rule.reasonRequired && !command.reason?.trim()) {
    problems.push({ pointer: '/reason', detail: 'licensing.errors.enterReason' });
  }
  switch (command.event) {
    case 'grant':
      if (!command.validFrom)
        problems.push({ pointer: '/validFrom', detail: 'licensing.errors.enterValidFrom' });
      if (!command.validTo)
        problems.push({ pointer: '/validTo', detail: 'licensing.errors.enterValidTo' });
      else if (command.validFrom && command.validTo < command.validFrom)
        problems.push({ pointer: '/validTo', detail: 'licensing.errors.validToBeforeFrom' });
      else if (command.validTo < today)
        problems.push({ pointer: '/validTo', detail: 'licensing.errors.validToInPast' });
      break;
    case 'renew':
      if (!command.validTo)
        problems.push({ pointer: '/validTo', detail: 'licensing.errors.enterValidTo' });
      else if (command.validTo < today || (current.validTo && command.validTo <= current.validTo))
        problems.push({ pointer: '/validTo', detail: 'licensing.errors.renewNotLater' });
      break;
    case 'reinstate':
      // A licence past its end date expires; it is renewed, not reinstated.
      if (current.validTo && current.validTo < today)
        problems.push({ pointer: '/event', detail: 'licensing.errors.pastEndDate' });
      break;
    case 'expire':
      if (!current.validTo || current.validTo >= today)
        problems.push({ pointer: '/event', detail: 'licensing.errors.notYetDue' });
      break;
    default:
      break;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, to: rule.to };
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface TransitionInput {
  /** Absent only for 'apply'. */
  licenceId?: string;
  /** The agency: required for 'apply'. */
  organisationId?: string;
  command: LicenceCommand;
  actor: AuditActor;
  /** The issuing authority for 'grant': the officer's organisation. */
  authorityId?: string | null;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

/** The one writer of licence.state (see the comment at the top of this file). */
export async function transition(
  deps: { repository: LicensingRepository; audit: AuditLog },
  input: TransitionInput,
): Promise<LicenceRecord> {
  const { repository, audit } = deps;
  const today = isoDate(input.now);
  const work = repository.transaction(async (trx: Executor) => {
    const current = input.licenceId ? await repository.lockLicence(trx, input.licenceId) : null;
    if (input.licenceId && !current)
      throw new ValidationError([{ pointer: '/event', detail: 'licensing.errors.notFound' }]);
    const decision = decide(
      { state: current?.state ?? null, validTo: current?.validTo ?? null },
      input.command,
      today,
    );
    if (!decision.ok) throw new ValidationError(decision.problems);
    const { command } = input;
    const reason = command.reason?.trim() || null;
    let number = current?.number ?? null;
    let validFrom = current?.validFrom ?? null;
    let validTo = current?.validTo ?? null;
    let authorityId = current?.issuingAuthorityId ?? null;
    if (command.event === 'grant') {
      const country = await repository.countryOf(trx, current?.organisationId ?? '');
      number =
        command.number?.trim().toUpperCase() ||
        (await repository.nextNumber(trx, country, today.slice(0, 4)));
      if (await repository.numberTaken(trx, number)) {
        throw new ValidationError([{ pointer: '/number', detail: 'licensing.errors.numberTaken' }]);
      }
      validFrom = command.validFrom ?? today;
      validTo = command.validTo ?? null;
      authorityId = input.authorityId ?? null;
      if (!authorityId)
        throw new ValidationError([{ pointer: '/event', detail: 'licensing.errors.noAuthority' }]);
    }
    if (command.event === 'renew') validTo = command.validTo ?? validTo;
    const organisationId = current?.organisationId ?? input.organisationId ?? '';
    const licenceId = await repository.writeState(trx, {
      id: current?.id ?? null,
      organisationId,
      state: decision.to,
      number,
      validFrom,
      validTo,
      issuingAuthorityId: authorityId,
    });
    await repository.insertEvent(trx, {
      licenceId,
      event: command.event,
      fromState: current?.state ?? null,
      toState: decision.to,
      reason,
      actorUserId: input.actor.userId,
      actorOrganisationId: input.actor.organisationId,
      validTo: command.event === 'grant' || command.event === 'renew' ? validTo : null,
    });
    await audit.record(trx, {
      action: `licence.${PAST_TENSE[command.event]}`,
      actor: input.actor,
      subjectType: 'licence',
      subjectIds: [licenceId],
      requestId: input.requestId ?? null,
      ipAddress: input.ipAddress ?? null,
      before: current ? { state: current.state, validTo: current.validTo } : null,
      after: { state: decision.to, number, validFrom, validTo, reason, organisationId },
    });
    const written = await repository.findLicence(trx, licenceId);
    if (!written) throw new Error('licence vanished inside its own transaction');
    return written;
  });
  try {
    return await work;
  } catch (error) {
    throw raceAsRefusal(error);
  }
}

/**
 * Two officers granting at once may both compute the same next number, and two applications at
 * once may both pass the "no open licence" check: the unique indexes refuse the second, which is
 * then told why instead of getting a 500.
 */
function raceAsRefusal(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== '23505') return error;
  if (constraint === 'licence_open_idx')
    return new ValidationError([{ pointer: '/event', detail: 'licensing.errors.alreadyApplied' }]);
  return new ValidationError([{ pointer: '/number', detail: 'licensing.errors.numberTaken' }]);
}
