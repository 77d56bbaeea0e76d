import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ValidationError } from '../../platform/http/problem.js';
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
 * The licence lifecycle (declared in licence.lifecycle.ts) bound to the licensing tables:
 * `transition` is the ONE function that writes `licence.state`, through platform/lifecycle's
 * writer (lock, decide, state, licence_event row, domain event, audit event, in one
 * transaction). Nothing else writes the state column.
 */

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
