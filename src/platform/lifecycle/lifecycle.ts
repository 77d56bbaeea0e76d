import type { Permission } from '../authz/catalogue.js';
import { can, type Principal } from '../authz/principal.js';
import type { FieldProblem } from '../http/problem.js';

/**
 * A lifecycle declared as data (licence, employer vetting, vacancy…): its states, its named
 * events with the states they leave from and the state they lead to, the named guards each event
 * must pass, who may raise it and whether it needs a reason. `decide` is pure; `transition`
 * (transition.ts) is the one writer; the state diagrams in docs/state-diagrams/ are generated
 * from the same declaration (diagram.ts). ADR 9 says why.
 */

/** Who may raise an event. The module's policy still checks the record's scope on top. */
export type EventAuthority =
  /** Holders of any of these catalogue permissions. */
  | { kind: 'permission'; anyOf: readonly Permission[] }
  /** Corridor itself only (a scheduled sweep); never a person or an API key. */
  | { kind: 'system' }
  /** No catalogue permission names it: the module's policy says who (`who`, for the diagram). */
  | { kind: 'policy'; who: string };

export function permission(...anyOf: [Permission, ...Permission[]]): EventAuthority {
  return { kind: 'permission', anyOf };
}
export const SYSTEM_ONLY: EventAuthority = Object.freeze({ kind: 'system' });
export function policy(who: string): EventAuthority {
  return { kind: 'policy', who };
}

/** What a guard sees: the subject as it is, the command, and today's date ('YYYY-MM-DD'). */
export interface GuardInput<Snapshot, Command> {
  current: Snapshot;
  command: Command;
  today: string;
}

/** A named check that needs nothing but the subject and the command: pure. */
export interface Guard<Snapshot, Command> {
  /** One line for the generated diagram. */
  description: string;
  check(input: GuardInput<Snapshot, Command>): FieldProblem[];
}

export interface EventDeclaration<S extends string, G extends string, Snapshot> {
  /** The states it leaves from; null: the subject does not exist yet (the event creates it). */
  from: readonly (S | null)[];
  to: S;
  /**
   * A second target, chosen when `test` holds (fill_position fills the last position); `when`
   * and `otherwise` label the two arrows of the diagram.
   */
  branch?: { to: S; when: string; otherwise: string; test(current: Snapshot): boolean };
  /** The verb of the audit action and the domain event: `<lifecycle>.<past>`. */
  past: string;
  authority: EventAuthority;
  reasonRequired: boolean;
  /** Pure guards, run by `decide` in this order. */
  guards: readonly G[];
  /**
   * Checks that read other records (an agency's licence, the minimum wage…), named for the
   * diagram; the service passes them to the writer, which runs them inside the row lock.
   */
  checks?: readonly string[];
}

export interface LifecycleCommand<E extends string> {
  event: E;
  reason?: string | null;
}

export interface Lifecycle<
  S extends string,
  E extends string,
  G extends string,
  Snapshot extends { state: S | null },
  Command extends LifecycleCommand<E>,
> {
  /** The audit action's and the domain event's subject: `licence`, `vacancy`, `employer`. */
  name: string;
  /** The domain event's subject type: 'licence', 'vacancy', 'employer_vetting'. */
  subjectType: string;
  /** One sentence for the diagram's heading. */
  title: string;
  states: readonly S[];
  /** The checks on other records that events name, with one line each for the diagram. */
  checks?: Readonly<Record<string, string>>;
  events: { readonly [K in E]: EventDeclaration<S, G, Snapshot> };
  guards: { readonly [K in G]: Guard<Snapshot, Command> };
  /** The refusal of an event its state does not allow, and of a missing reason. */
  problems: { notAllowed(event: E): FieldProblem; reasonMissing: FieldProblem };
}

/** Any lifecycle, for code that only reads the declaration (diagrams, tests). */
export type AnyLifecycle = Lifecycle<
  string,
  string,
  string,
  { state: string | null },
  LifecycleCommand<string>
>;

export type Decision<S extends string> =
  { ok: true; to: S } | { ok: false; problems: FieldProblem[] };

/** Whether the event may happen from this state at all (guards aside): used to draw buttons. */
export function allowedFrom<S extends string, E extends string>(
  lifecycle: { events: { readonly [K in E]: { from: readonly (S | null)[] } } },
  state: S | null,
  event: E,
): boolean {
  return lifecycle.events[event].from.includes(state);
}

/**
 * Pure: may this event happen now, and where does it lead. The refusals come in a fixed order:
 * a state that does not allow the event (alone); else the checks made on other records, a
 * missing reason, then each guard in its declared order.
 */
export function decide<
  S extends string,
  E extends string,
  G extends string,
  Snapshot extends { state: S | null },
  Command extends LifecycleCommand<E>,
>(
  lifecycle: Lifecycle<S, E, G, Snapshot, Command>,
  current: Snapshot,
  command: Command,
  options: { today: string; problems?: readonly FieldProblem[] },
): Decision<S> {
  const rule: EventDeclaration<S, G, Snapshot> = lifecycle.events[command.event];
  if (!rule.from.includes(current.state)) {
    return { ok: false, problems: [lifecycle.problems.notAllowed(command.event)] };
  }
  const problems: FieldProblem[] = [...(options.problems ?? [])];
  if (rule.reasonRequired && !command.reason?.trim()) {
    problems.push(lifecycle.problems.reasonMissing);
  }
  for (const name of rule.guards) {
    const guard: Guard<Snapshot, Command> = lifecycle.guards[name];
    problems.push(...guard.check({ current, command, today: options.today }));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, to: rule.branch?.test(current) ? rule.branch.to : rule.to };
}

/** The states no event leaves. */
export function finalStates<S extends string>(lifecycle: {
  states: readonly S[];
  events: Record<string, { from: readonly (S | null)[] }>;
}): S[] {
  const left = new Set(Object.values(lifecycle.events).flatMap((rule) => rule.from));
  return lifecycle.states.filter((state) => !left.has(state));
}

/**
 * Whether this principal may raise the event, as far as the declaration says: a permission
 * event needs one of its permissions; a system event is never raised by a person or a key; a
 * policy event is left to the module's policy. Scope is the policy's job either way.
 */
export function mayRaise(authority: EventAuthority, principal: Principal): boolean {
  switch (authority.kind) {
    case 'permission':
      return authority.anyOf.some((held) => can(principal, held));
    case 'system':
      return false;
    case 'policy':
      return true;
  }
}

/** 'YYYY-MM-DD' of a moment, in UTC: the day guards compare dates against. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Every state (and "not yet", null) × every event, decided with inputs that pass the guards:
 * the state it leads to, '-' where the state does not allow the event, or the refusal's message
 * keys. Lifecycle tests compare it with the
 * grid they expect, so that a change to a declaration is a change to a test.
 */
export function walk<
  S extends string,
  E extends string,
  G extends string,
  Snapshot extends { state: S | null },
  Command extends LifecycleCommand<E>,
>(
  lifecycle: Lifecycle<S, E, G, Snapshot, Command>,
  passing: {
    snapshot(state: S | null, event: E): Snapshot;
    command(event: E): Command;
    today: string;
  },
): Record<string, Record<E, string>> {
  const events = Object.keys(lifecycle.events) as E[];
  const grid: Record<string, Record<E, string>> = {};
  for (const state of [null, ...lifecycle.states]) {
    const row = {} as Record<E, string>;
    for (const event of events) {
      const decision = decide(lifecycle, passing.snapshot(state, event), passing.command(event), {
        today: passing.today,
      });
      const refusal = decision.ok ? [] : decision.problems.map((problem) => problem.detail);
      const notAllowed = lifecycle.problems.notAllowed(event).detail;
      if (decision.ok) row[event] = decision.to;
      // '-': the state does not allow the event, and that alone is the refusal.
      else if (refusal.length === 1 && refusal[0] === notAllowed) row[event] = '-';
      else row[event] = `refused: ${refusal.join(', ')}`;
    }
    grid[state ?? '(new)'] = row;
  }
  return grid;
}

/** The domain events a lifecycle publishes, one per event: `licence.granted`… */
export function publishedEventTypes(lifecycle: {
  name: string;
  events: Record<string, { past: string }>;
}): string[] {
  return [
    ...new Set(Object.values(lifecycle.events).map((rule) => `${lifecycle.name}.${rule.past}`)),
  ];
}
