import type { AuditActor, AuditLog } from '../audit/audit.js';
import type { Principal } from '../authz/principal.js';
import type { DomainEvent, EventExecutor, EventPublisher } from '../events/domain-event.js';
import { ForbiddenError, ValidationError, type FieldProblem } from '../http/problem.js';
import {
  decide,
  isoDate,
  mayRaise,
  type EventDeclaration,
  type Lifecycle,
  type LifecycleCommand,
} from './lifecycle.js';

/**
 * The ONE writer of every lifecycle's state. In one transaction it locks the subject's row, runs
 * the checks that read other records, decides (lifecycle.ts `decide`), writes the state and the
 * event's side columns, appends the event row, publishes the domain event and records the audit
 * event, last. A refusal throws a ValidationError and writes nothing.
 *
 * Each lifecycle gives a `LifecycleStore` (its SQL, in its module's repository) and a
 * `LifecycleBinding` (how its records look to the engine: snapshot, audit fields, event
 * payload), next to its declaration in `<area>.lifecycle.ts`.
 */

/** One row of a lifecycle's event table: every table has these columns (ADR 9). */
export interface LifecycleEventRow {
  subjectId: string;
  event: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorRole: string | null;
  actorApiKeyId: string | null;
  occurredAt: Date;
}

/** What the store is asked to write: the decided change, with the command that asked for it. */
export interface StateChange<S extends string, Command, Subject> {
  /** The locked subject; null when the event creates it. */
  current: Subject | null;
  from: S | null;
  to: S;
  command: Command;
  /** Trimmed; null when none was given. */
  reason: string | null;
  actor: AuditActor;
  now: Date;
  /** `now` as 'YYYY-MM-DD'. */
  today: string;
}

/** A lifecycle's SQL, implemented with its module's repository. */
export interface LifecycleStore<Trx extends EventExecutor, S extends string, Command, Subject> {
  transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T>;
  /**
   * Locks the subject's row (SELECT … FOR UPDATE) and reads it; null when there is none. The key
   * is the transition's `subjectId`.
   */
  lock(trx: Trx, subjectId: string): Promise<Subject | null>;
  /**
   * Writes the state and the event's side columns (timestamps, dates, counters), inserting the
   * subject when `current` is null; returns the row's id, which `find`, the event row and the
   * domain event use. May refuse with a ValidationError (a licence number already taken).
   */
  write(trx: Trx, change: StateChange<S, Command, Subject>): Promise<string>;
  find(trx: Trx, subjectId: string): Promise<Subject | null>;
  /** Appends the event row; `written` is the subject as the transition left it. */
  insertEvent(
    trx: Trx,
    row: LifecycleEventRow,
    context: { command: Command; written: Subject },
  ): Promise<void>;
}

type Fields = Record<string, unknown>;
type Payload = NonNullable<DomainEvent['payload']>;

/** How a lifecycle's records look to the engine. */
export interface LifecycleBinding<
  S extends string,
  E extends string,
  G extends string,
  Snapshot extends { state: S | null },
  Command extends LifecycleCommand<E>,
  Subject,
> {
  lifecycle: Lifecycle<S, E, G, Snapshot, Command>;
  /** The subject as the guards see it (the command may carry new terms, e.g. a new deadline). */
  snapshot(current: Subject | null, command: Command, today: string): Snapshot;
  stateOf(subject: Subject): S;
  /** The refusal when the subject to transition does not exist. */
  notFound: FieldProblem;
  /**
   * The row is keyed by something that exists before it (an employer's vetting, by the
   * employer): locking none means "no state yet", not "not found".
   */
  rowMayNotExistYet?: boolean;
  audit: {
    subjectType: string;
    subjectIds(written: Subject, subjectId: string): string[];
    before(current: Subject): Fields;
    after(written: Subject, change: StateChange<S, Command, Subject>): Fields;
  };
  /** Small facts for the domain event's consumers: organisation ids, dates; no personal data. */
  payload(written: Subject, change: StateChange<S, Command, Subject>): Payload;
  /** Turns a database error (a unique index refusing a race) into a refusal, if it is one. */
  refusal?(error: unknown): unknown;
}

export interface TransitionInput<
  E extends string,
  Command extends LifecycleCommand<E>,
  Trx,
  Subject,
> {
  /** Absent only for an event that creates the subject. */
  subjectId?: string | null;
  command: Command;
  actor: AuditActor;
  /**
   * The caller, when a person or an API key acts: the writer then checks the event's declared
   * authority too. Absent for Corridor itself (seed, scheduled sweeps), which may raise any event.
   */
  principal?: Principal | null;
  /** Checks that read other records, made inside the lock; their problems come first. */
  checks?: (trx: Trx, current: Subject | null) => Promise<FieldProblem[]>;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

export interface TransitionDeps<Trx extends EventExecutor, S extends string, Command, Subject> {
  store: LifecycleStore<Trx, S, Command, Subject>;
  audit: Pick<AuditLog, 'record'>;
  /** The outbox; without it no domain event is published (tests of other things, scripts). */
  events?: EventPublisher | null;
}

/** One transition in its own transaction. */
export async function transition<
  Trx extends EventExecutor,
  S extends string,
  E extends string,
  G extends string,
  Snapshot extends { state: S | null },
  Command extends LifecycleCommand<E>,
  Subject,
>(
  deps: TransitionDeps<Trx, S, Command, Subject>,
  binding: LifecycleBinding<S, E, G, Snapshot, Command, Subject>,
  input: TransitionInput<E, Command, Trx, Subject>,
): Promise<Subject> {
  try {
    return await deps.store.transaction((trx) => transitionIn(trx, deps, binding, input));
  } catch (error) {
    throw binding.refusal ? binding.refusal(error) : error;
  }
}

/**
 * The same inside a transaction the caller holds, so that several transitions (create, then
 * submit) are written together or not at all. A refusal throws: the caller's transaction must
 * then roll back.
 */
export async function transitionIn<
  Trx extends EventExecutor,
  S extends string,
  E extends string,
  G extends string,
  Snapshot extends { state: S | null },
  Command extends LifecycleCommand<E>,
  Subject,
>(
  trx: Trx,
  deps: TransitionDeps<Trx, S, Command, Subject>,
  binding: LifecycleBinding<S, E, G, Snapshot, Command, Subject>,
  input: TransitionInput<E, Command, Trx, Subject>,
): Promise<Subject> {
  const { store, audit } = deps;
  const { lifecycle } = binding;
  const { command } = input;
  const rule: EventDeclaration<S, G, Snapshot> = lifecycle.events[command.event];
  if (input.principal && !mayRaise(rule.authority, input.principal)) throw new ForbiddenError();

  const today = isoDate(input.now);
  const current = input.subjectId ? await store.lock(trx, input.subjectId) : null;
  if (input.subjectId && !current && !binding.rowMayNotExistYet) {
    throw new ValidationError([binding.notFound]);
  }
  const problems = input.checks ? await input.checks(trx, current) : [];
  const decision = decide(lifecycle, binding.snapshot(current, command, today), command, {
    today,
    problems,
  });
  if (!decision.ok) throw new ValidationError(decision.problems);

  const from = current ? binding.stateOf(current) : null;
  const change: StateChange<S, Command, Subject> = {
    current,
    from,
    to: decision.to,
    command,
    reason: command.reason?.trim() || null,
    actor: input.actor,
    now: input.now,
    today,
  };
  const subjectId = await store.write(trx, change);
  const written = await store.find(trx, subjectId);
  if (!written) throw new Error(`${lifecycle.name} vanished inside its own transaction`);

  await store.insertEvent(
    trx,
    {
      subjectId,
      event: command.event,
      fromState: from,
      toState: decision.to,
      reason: change.reason,
      actorUserId: input.actor.userId,
      actorOrganisationId: input.actor.organisationId,
      actorRole: input.actor.role,
      actorApiKeyId: input.actor.apiKeyId,
      occurredAt: input.now,
    },
    { command, written },
  );
  const action = `${lifecycle.name}.${rule.past}`;
  if (deps.events) {
    await deps.events.publish(trx, [
      {
        type: action,
        subjectType: lifecycle.subjectType,
        subjectId,
        payload: { ...binding.payload(written, change), fromState: from, state: decision.to },
      },
    ]);
  }
  // Last: appending to the audit chain holds its lock until the transaction ends.
  await audit.record(trx, {
    action,
    actor: input.actor,
    subjectType: binding.audit.subjectType,
    subjectIds: binding.audit.subjectIds(written, subjectId),
    requestId: input.requestId ?? null,
    ipAddress: input.ipAddress ?? null,
    before: current ? binding.audit.before(current) : null,
    after: binding.audit.after(written, change),
  });
  return written;
}
