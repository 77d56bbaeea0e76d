import { describe, expect, it } from 'vitest';
import type { AuditEventInput, AuditLog } from '../audit/audit.js';
import type { Principal } from '../authz/principal.js';
import type { DomainEvent, EventExecutor } from '../events/domain-event.js';
import { ForbiddenError, ValidationError, type FieldProblem } from '../http/problem.js';
import { mermaid, eventTable, renderDocument } from './diagram.js';
import {
  allowedFrom,
  decide,
  finalStates,
  mayRaise,
  permission,
  policy,
  SYSTEM_ONLY,
  type Lifecycle,
} from './lifecycle.js';
import {
  transition,
  transitionIn,
  type LifecycleBinding,
  type LifecycleEventRow,
  type LifecycleStore,
} from './transition.js';

// A small lifecycle of its own, so that the engine is tested apart from any module's.
type State = 'open' | 'held' | 'done';
type Event = 'open' | 'hold' | 'release' | 'finish';
interface Snapshot {
  state: State | null;
  items: number;
}
interface Command {
  event: Event;
  reason?: string | null;
  items?: number;
}

const problem = (detail: string): FieldProblem => ({ pointer: '/event', detail });

const TICKET: Lifecycle<State, Event, 'hasItems' | 'fewItems', Snapshot, Command> = {
  name: 'ticket',
  subjectType: 'ticket',
  title: 'A ticket',
  states: ['open', 'held', 'done'],
  checks: { stock: 'the stock has the items' },
  events: {
    open: {
      from: [null],
      to: 'open',
      past: 'opened',
      authority: permission('vacancy.create'),
      reasonRequired: false,
      guards: ['hasItems'],
    },
    hold: {
      from: ['open'],
      to: 'held',
      past: 'held',
      authority: permission('vacancy.decide', 'vacancy.close'),
      reasonRequired: true,
      guards: ['hasItems', 'fewItems'],
      checks: ['stock'],
    },
    release: {
      from: ['held'],
      to: 'open',
      branch: {
        to: 'done',
        when: 'nothing left',
        otherwise: 'items left',
        test: (current) => current.items === 0,
      },
      past: 'released',
      authority: policy('the ticket’s owner'),
      reasonRequired: false,
      guards: [],
    },
    finish: {
      from: ['open', 'held'],
      to: 'done',
      past: 'finished',
      authority: SYSTEM_ONLY,
      reasonRequired: false,
      guards: [],
    },
  },
  guards: {
    hasItems: {
      description: 'at least one item',
      check: ({ current, command }) =>
        (command.items ?? current.items) > 0 ? [] : [problem('ticket.noItems')],
    },
    fewItems: {
      description: 'at most ten items',
      check: ({ current }) => (current.items > 10 ? [problem('ticket.tooMany')] : []),
    },
  },
  problems: {
    notAllowed: (event) => problem(`ticket.notAllowed.${event}`),
    reasonMissing: { pointer: '/reason', detail: 'ticket.enterReason' },
  },
};

const today = '2026-12-03';

describe('decide', () => {
  it('refuses an event its state does not allow, alone, naming the event', () => {
    expect(decide(TICKET, { state: 'done', items: 0 }, { event: 'hold' }, { today })).toEqual({
      ok: false,
      problems: [problem('ticket.notAllowed.hold')],
    });
    expect(allowedFrom(TICKET, 'done', 'hold')).toBe(false);
    expect(allowedFrom(TICKET, null, 'open')).toBe(true);
  });

  it('gives the checks on other records first, then a missing reason, then each guard in order', () => {
    const outside = { pointer: '/stock', detail: 'ticket.noStock' };
    expect(
      decide(
        TICKET,
        { state: 'open', items: 11 },
        { event: 'hold', reason: ' ' },
        { today, problems: [outside] },
      ),
    ).toEqual({
      ok: false,
      problems: [
        outside,
        { pointer: '/reason', detail: 'ticket.enterReason' },
        problem('ticket.tooMany'),
      ],
    });
  });

  it('leads to the declared state, or to the branch when its test holds', () => {
    expect(
      decide(TICKET, { state: 'open', items: 2 }, { event: 'hold', reason: 'wait' }, { today }),
    ).toEqual({ ok: true, to: 'held' });
    expect(decide(TICKET, { state: 'held', items: 2 }, { event: 'release' }, { today })).toEqual({
      ok: true,
      to: 'open',
    });
    expect(decide(TICKET, { state: 'held', items: 0 }, { event: 'release' }, { today })).toEqual({
      ok: true,
      to: 'done',
    });
  });

  it('finds the final states', () => {
    expect(finalStates(TICKET)).toEqual(['done']);
  });
});

function principal(permissions: Principal['permissionLimit'], apiKeyId: string | null): Principal {
  return {
    userId: null,
    apiKeyId,
    sessionId: null,
    grants: [
      { role: 'origin_officer', organisationId: 'o1', countryCode: 'KE', administrator: false },
    ],
    permissionLimit: permissions,
    twoFactorVerified: false,
  };
}

describe('mayRaise', () => {
  it('needs one of the permissions, never lets a person raise a system event, leaves policy events to the module', () => {
    const decideOnly = principal(new Set(['vacancy.decide']), 'key-1');
    const nothing = principal(new Set([]), 'key-2');
    expect(mayRaise(TICKET.events.hold.authority, decideOnly)).toBe(true);
    expect(mayRaise(TICKET.events.hold.authority, nothing)).toBe(false);
    expect(mayRaise(TICKET.events.finish.authority, decideOnly)).toBe(false);
    expect(mayRaise(TICKET.events.release.authority, nothing)).toBe(true);
  });
});

// ——— The writer, on an in-memory store ———

interface Ticket {
  id: string;
  state: State;
  items: number;
}
interface Memory {
  tickets: Map<string, Ticket>;
  rows: LifecycleEventRow[];
  published: DomainEvent[];
  audited: AuditEventInput[];
  steps: string[];
}
const fakeTrx = {} as EventExecutor;

function memoryStore(memory: Memory): LifecycleStore<EventExecutor, State, Command, Ticket> {
  return {
    // A failed transaction leaves nothing: work on a copy, keep it only on success.
    transaction: async (work) => {
      const saved = { tickets: new Map(memory.tickets), rows: [...memory.rows] };
      try {
        return await work(fakeTrx);
      } catch (error) {
        memory.tickets = saved.tickets;
        memory.rows = saved.rows;
        throw error;
      }
    },
    lock: async (_trx, id) => {
      memory.steps.push('lock');
      const found = memory.tickets.get(id);
      return found ? { ...found } : null;
    },
    find: async (_trx, id) => memory.tickets.get(id) ?? null,
    write: async (_trx, change) => {
      memory.steps.push('write');
      const id = change.current?.id ?? `t${memory.tickets.size + 1}`;
      const items = change.command.items ?? change.current?.items ?? 0;
      memory.tickets.set(id, { id, state: change.to, items });
      return id;
    },
    insertEvent: async (_trx, row) => {
      memory.steps.push('event');
      memory.rows.push(row);
    },
  };
}

const BINDING: LifecycleBinding<State, Event, 'hasItems' | 'fewItems', Snapshot, Command, Ticket> =
  {
    lifecycle: TICKET,
    snapshot: (current, command) => ({
      state: current?.state ?? null,
      items: command.items ?? current?.items ?? 0,
    }),
    stateOf: (ticket) => ticket.state,
    notFound: problem('ticket.notFound'),
    audit: {
      subjectType: 'ticket',
      subjectIds: (_written, id) => [id],
      before: (current) => ({ state: current.state }),
      after: (written, change) => ({ state: written.state, reason: change.reason }),
    },
    payload: (written) => ({ items: written.items }),
    refusal: (error) =>
      error instanceof Error && error.message === 'race'
        ? new ValidationError([problem('ticket.race')])
        : error,
  };

function harness() {
  const memory: Memory = { tickets: new Map(), rows: [], published: [], audited: [], steps: [] };
  const deps = {
    store: memoryStore(memory),
    audit: {
      record: async (_executor: unknown, event: AuditEventInput) => {
        memory.steps.push('audit');
        memory.audited.push(event);
      },
    } as Pick<AuditLog, 'record'>,
    events: {
      publish: async (_trx: EventExecutor, events: readonly DomainEvent[]) => {
        memory.steps.push('publish');
        memory.published.push(...events);
      },
    },
  };
  return { memory, deps };
}

const actor = { userId: 'u1', role: 'origin_officer', organisationId: 'o1', apiKeyId: 'key-1' };
const now = new Date('2026-12-03T10:00:00Z');

describe('the writer', () => {
  it('locks, checks, writes the state and the event row, publishes, then audits last', async () => {
    const { memory, deps } = harness();
    const opened = await transition(deps, BINDING, {
      command: { event: 'open', items: 3 },
      actor,
      now,
    });
    let checked: Ticket | null = null;
    const held = await transition(deps, BINDING, {
      subjectId: opened.id,
      command: { event: 'hold', reason: '  waiting for stock ' },
      actor,
      principal: principal(new Set(['vacancy.close']), 'key-1'),
      checks: async (_trx, current) => {
        memory.steps.push('checks');
        checked = current;
        return [];
      },
      requestId: 'r1',
      now,
    });
    expect(held).toEqual({ id: 't1', state: 'held', items: 3 });
    expect(checked).toEqual({ id: 't1', state: 'open', items: 3 });
    expect(memory.steps).toEqual([
      'write',
      'event',
      'publish',
      'audit',
      'lock',
      'checks',
      'write',
      'event',
      'publish',
      'audit',
    ]);
    expect(memory.rows[1]).toEqual({
      subjectId: 't1',
      event: 'hold',
      fromState: 'open',
      toState: 'held',
      reason: 'waiting for stock',
      actorUserId: 'u1',
      actorOrganisationId: 'o1',
      actorRole: 'origin_officer',
      actorApiKeyId: 'key-1',
      occurredAt: now,
    });
    expect(memory.published[1]).toEqual({
      type: 'ticket.held',
      subjectType: 'ticket',
      subjectId: 't1',
      payload: { items: 3, fromState: 'open', state: 'held' },
    });
    expect(memory.audited[1]).toMatchObject({
      action: 'ticket.held',
      actor,
      subjectType: 'ticket',
      subjectIds: ['t1'],
      requestId: 'r1',
      before: { state: 'open' },
      after: { state: 'held', reason: 'waiting for stock' },
    });
  });

  it('writes nothing when refused, and says why', async () => {
    const { memory, deps } = harness();
    const opened = await transition(deps, BINDING, {
      command: { event: 'open', items: 3 },
      actor,
      now,
    });
    const refusal = transition(deps, BINDING, {
      subjectId: opened.id,
      command: { event: 'hold' },
      actor,
      checks: async () => [{ pointer: '/stock', detail: 'ticket.noStock' }],
      now,
    });
    await expect(refusal).rejects.toMatchObject({
      fields: [
        { pointer: '/stock', detail: 'ticket.noStock' },
        { pointer: '/reason', detail: 'ticket.enterReason' },
      ],
    });
    expect(memory.rows).toHaveLength(1);
    expect(memory.published).toHaveLength(1);
    expect(memory.audited).toHaveLength(1);
    await expect(
      transition(deps, BINDING, { subjectId: 'nope', command: { event: 'release' }, actor, now }),
    ).rejects.toMatchObject({ fields: [problem('ticket.notFound')] });
  });

  it('checks the declared authority of a person or key, not of the system', async () => {
    const { memory, deps } = harness();
    const opened = await transition(deps, BINDING, {
      command: { event: 'open', items: 1 },
      actor,
      now,
    });
    await expect(
      transition(deps, BINDING, {
        subjectId: opened.id,
        command: { event: 'finish' },
        actor,
        principal: principal(null, null),
        now,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      transition(deps, BINDING, {
        subjectId: opened.id,
        command: { event: 'hold', reason: 'r' },
        actor,
        principal: principal(new Set(['vacancy.create']), 'key-9'),
        now,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(memory.tickets.get(opened.id)?.state).toBe('open');
    const finished = await transition(deps, BINDING, {
      subjectId: opened.id,
      command: { event: 'finish' },
      actor,
      now,
    });
    expect(finished.state).toBe('done');
  });

  it('publishes nothing without a publisher, and maps a database race to a refusal', async () => {
    const { memory, deps } = harness();
    const quiet = { store: deps.store, audit: deps.audit };
    await transition(quiet, BINDING, { command: { event: 'open', items: 1 }, actor, now });
    expect(memory.published).toEqual([]);
    expect(memory.rows).toHaveLength(1);
    const racing = {
      ...quiet,
      store: {
        ...deps.store,
        write: async () => {
          throw new Error('race');
        },
      },
    };
    await expect(
      transition(racing, BINDING, { command: { event: 'open', items: 1 }, actor, now }),
    ).rejects.toMatchObject({ fields: [problem('ticket.race')] });
    // Inside a caller's transaction the caller sees the error as it is.
    await expect(
      transitionIn(fakeTrx, racing, BINDING, { command: { event: 'open', items: 1 }, actor, now }),
    ).rejects.toThrow('race');
  });

  it('treats a missing row as "no state yet" when the binding says so', async () => {
    const { deps } = harness();
    const lenient = { ...BINDING, rowMayNotExistYet: true };
    const created = await transition(deps, lenient, {
      subjectId: 'key-of-something-else',
      command: { event: 'open', items: 1 },
      actor,
      now,
    });
    expect(created.state).toBe('open');
  });
});

describe('the generated diagram', () => {
  it('draws every arrow, the branch and the final states, and tables who may do what', () => {
    const diagram = mermaid(TICKET);
    expect(diagram.split('\n')).toEqual([
      'stateDiagram-v2',
      '    [*] --> open: open',
      '    open --> held: hold (reason)',
      '    held --> open: release (items left)',
      '    held --> done: release (nothing left)',
      '    open --> done: finish (system)',
      '    held --> done: finish (system)',
      '    done --> [*]',
    ]);
    const table = eventTable(TICKET);
    expect(table).toContain(
      '| `hold` | open | held | `vacancy.decide` or `vacancy.close` | required | `hasItems`, `fewItems` | `stock` |',
    );
    expect(table).toContain(
      '| `release` | held | open; done (nothing left) | the ticket’s owner |',
    );
    const document = renderDocument({
      file: 'docs/x.md',
      title: 'Tickets',
      sections: [{ lifecycle: TICKET, source: 'x.ts' }],
    });
    expect(document).toContain('- `fewItems`: at most ten items.');
    expect(document).toContain('- `stock`: the stock has the items.');
  });
});
