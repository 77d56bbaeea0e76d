import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ValidationError } from '../../platform/http/problem.js';
import {
  allowedFrom as declaredFrom,
  decide as decideEvent,
  type Decision as LifecycleDecision,
} from '../../platform/lifecycle/lifecycle.js';
import {
  transition as runTransition,
  type LifecycleBinding,
  type LifecycleStore,
} from '../../platform/lifecycle/transition.js';
import {
  LICENCE_LIFECYCLE,
  type LicenceCommand,
  type LicenceEvent,
  type LicenceSnapshot,
  type LicenceState,
} from './licence.lifecycle.js';
import type { Executor, LicenceRecord, LicensingRepository } from './licensing.repository.js';

/**
 * The licence lifecycle, run by platform/lifecycle: `decide` is pure; `transition` is the ONE
 * function that writes `licence.state` (through the engine's writer: lock, decide, state,
 * licence_event row, domain event, audit event, in one transaction). Nothing else writes the
 * state column. The declaration is in licence.lifecycle.ts.
 */

export {
  LICENCE_EVENTS,
  LICENCE_STATES,
  type LicenceCommand,
  type LicenceEvent,
  type LicenceSnapshot,
  type LicenceState,
} from './licence.lifecycle.js';
export { isoDate } from '../../platform/lifecycle/lifecycle.js';

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

export const LICENCE_TRANSITIONS = LICENCE_LIFECYCLE.events;

export type Decision = LifecycleDecision<LicenceState>;

/** Whether the event may happen from this state at all (no guards): used to draw buttons. */
export function allowedFrom(state: LicenceState | null, event: LicenceEvent): boolean {
  return declaredFrom(LICENCE_LIFECYCLE, state, event);
}

/** Pure: is this transition allowed now, and where does it lead. `today` is 'YYYY-MM-DD'. */
export function decide(current: LicenceSnapshot, command: LicenceCommand, today: string): Decision {
  return decideEvent(LICENCE_LIFECYCLE, current, command, { today });
}

export interface TransitionInput {
  /** Absent only for 'apply'. */
  licenceId?: string;
  /** The agency: required for 'apply'. */
  organisationId?: string;
  command: LicenceCommand;
  actor: AuditActor;
  /** The caller, when a person or a key acts (the declared authority is checked too). */
  principal?: Principal | null;
  /** The issuing authority for 'grant': the officer's organisation. */
  authorityId?: string | null;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

/** What the writer carries: the command and who it is for. */
interface LicenceWork extends LicenceCommand {
  organisationId: string | null;
  authorityId: string | null;
}

export interface LicenceTransitionDeps {
  repository: LicensingRepository;
  audit: AuditLog;
  events?: EventPublisher | null;
}

/** The one writer of licence.state (see the comment at the top of this file). */
export async function transition(
  deps: LicenceTransitionDeps,
  input: TransitionInput,
): Promise<LicenceRecord> {
  return runTransition(
    { store: licenceStore(deps.repository), audit: deps.audit, events: deps.events ?? null },
    LICENCE_BINDING,
    {
      subjectId: input.licenceId ?? null,
      command: {
        ...input.command,
        organisationId: input.organisationId ?? null,
        authorityId: input.authorityId ?? null,
      },
      actor: input.actor,
      principal: input.principal ?? null,
      requestId: input.requestId ?? null,
      ipAddress: input.ipAddress ?? null,
      now: input.now,
    },
  );
}

const LICENCE_BINDING: LifecycleBinding<
  LicenceState,
  LicenceEvent,
  keyof typeof LICENCE_LIFECYCLE.guards,
  LicenceSnapshot,
  LicenceWork,
  LicenceRecord
> = {
  lifecycle: LICENCE_LIFECYCLE,
  snapshot: (current) => ({ state: current?.state ?? null, validTo: current?.validTo ?? null }),
  stateOf: (licence) => licence.state,
  notFound: { pointer: '/event', detail: 'licensing.errors.notFound' },
  audit: {
    subjectType: 'licence',
    subjectIds: (_written, id) => [id],
    before: (current) => ({ state: current.state, validTo: current.validTo }),
    after: (written, change) => ({
      state: change.to,
      number: written.number,
      validFrom: written.validFrom,
      validTo: written.validTo,
      reason: change.reason,
      organisationId: written.organisationId,
    }),
  },
  payload: (written) => ({
    organisationId: written.organisationId,
    validFrom: written.validFrom,
    validTo: written.validTo,
  }),
  refusal: raceAsRefusal,
};

/** The licence's SQL for the writer: LicensingRepository, plus the numbering of a grant. */
function licenceStore(
  repository: LicensingRepository,
): LifecycleStore<Executor, LicenceState, LicenceWork, LicenceRecord> {
  return {
    transaction: (work) => repository.transaction(work),
    lock: (trx, id) => repository.lockLicence(trx, id),
    find: (trx, id) => repository.findLicence(trx, id),
    write: async (trx, { current, command, to, today }) => {
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
          throw new ValidationError([
            { pointer: '/number', detail: 'licensing.errors.numberTaken' },
          ]);
        }
        validFrom = command.validFrom ?? today;
        validTo = command.validTo ?? null;
        authorityId = command.authorityId;
        if (!authorityId)
          throw new ValidationError([
            { pointer: '/event', detail: 'licensing.errors.noAuthority' },
          ]);
      }
      if (command.event === 'renew') validTo = command.validTo ?? validTo;
      return repository.writeState(trx, {
        id: current?.id ?? null,
        organisationId: current?.organisationId ?? command.organisationId ?? '',
        state: to,
        number,
        validFrom,
        validTo,
        issuingAuthorityId: authorityId,
      });
    },
    insertEvent: (trx, row, { command, written }) =>
      repository.insertEvent(trx, {
        ...row,
        validTo: command.event === 'grant' || command.event === 'renew' ? written.validTo : null,
      }),
  };
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
