import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ValidationError } from '../../platform/http/problem.js';
import {
  transition as runTransition,
  type LifecycleBinding,
  type LifecycleStore,
  type StateChange,
} from '../../platform/lifecycle/transition.js';
import {
  GUIDE_LIFECYCLE,
  type GuideCommand,
  type GuideEvent,
  type GuideSnapshot,
  type GuideState,
} from './guide.lifecycle.js';
import type {
  Executor,
  GuideContent,
  GuideRecord,
  GuidesRepository,
  StateWrite,
} from './guides.repository.js';

/**
 * The guide lifecycle (guide.lifecycle.ts) bound to the guide tables: `transitionGuide` is the
 * ONE function that writes `guide.state` and inserts guide_version rows, through
 * platform/lifecycle's writer (lock, decide, state, version, guide_event row, domain event,
 * audit event, in one transaction).
 */

export interface GuideTransitionInput {
  /** Absent only for 'create'. */
  guideId?: string | null;
  event: GuideEvent;
  reason?: string | null;
  /** 'create': where the guide is and who keeps it. */
  key?: { countryCode: string; topic: string; language: string; organisationId: string };
  /** 'create' and 'revise': the new version's text. */
  content?: GuideContent;
  /** 'publish' and 'verify' outside a request (the demo): the day the text was checked. */
  verifiedOn?: string;
  actor: AuditActor;
  principal?: Principal | null;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

export interface GuideTransitionDeps {
  repository: GuidesRepository;
  audit: Pick<AuditLog, 'record'>;
  events?: EventPublisher | null;
}

interface GuideWork extends GuideCommand {
  key: GuideTransitionInput['key'] | null;
  content: GuideContent | null;
  verifiedOn: string | null;
}

export async function transitionGuide(
  deps: GuideTransitionDeps,
  input: GuideTransitionInput,
): Promise<GuideRecord> {
  return runTransition(
    { store: guideStore(deps.repository), audit: deps.audit, events: deps.events ?? null },
    GUIDE_BINDING,
    {
      subjectId: input.guideId ?? null,
      command: {
        event: input.event,
        reason: input.reason ?? null,
        actorUserId: input.actor.userId,
        key: input.key ?? null,
        content: input.content ?? null,
        verifiedOn: input.verifiedOn ?? null,
      },
      actor: input.actor,
      principal: input.principal ?? null,
      requestId: input.requestId ?? null,
      ipAddress: input.ipAddress ?? null,
      now: input.now,
    },
  );
}

/** The version an event concerns: the new one, the one submitted or published; none for verify. */
function versionOf(event: GuideEvent, written: GuideRecord): number | null {
  switch (event) {
    case 'create':
    case 'revise':
    case 'submit':
    case 'send_back':
      return written.latestVersion;
    case 'publish':
    case 'withdraw':
      return written.publishedVersion;
    case 'verify':
      return null;
  }
}

const GUIDE_BINDING: LifecycleBinding<
  GuideState,
  GuideEvent,
  keyof typeof GUIDE_LIFECYCLE.guards,
  GuideSnapshot,
  GuideWork,
  GuideRecord
> = {
  lifecycle: GUIDE_LIFECYCLE,
  snapshot: (current) => ({
    state: current?.state ?? null,
    submittedByUserId: current?.submittedByUserId ?? null,
  }),
  stateOf: (guide) => guide.state,
  notFound: { pointer: '/event', detail: 'guides.errors.notFound' },
  audit: {
    subjectType: 'guide',
    subjectIds: (_written, id) => [id],
    before: (current) => ({
      state: current.state,
      latestVersion: current.latestVersion,
      publishedVersion: current.publishedVersion,
      verifiedOn: current.verifiedOn,
    }),
    after: (written, change) => ({
      state: change.to,
      countryCode: written.countryCode,
      topic: written.topic,
      language: written.language,
      organisationId: written.organisationId,
      version: versionOf(change.command.event, written),
      verifiedOn: written.verifiedOn,
      reason: change.reason,
      ...(change.command.content ? { title: change.command.content.title } : {}),
    }),
  },
  payload: (written, change) => ({
    organisationId: written.organisationId,
    countryCode: written.countryCode,
    topic: written.topic,
    language: written.language,
    version: versionOf(change.command.event, written),
  }),
  refusal: (error) => {
    const { code } = (error ?? {}) as { code?: string };
    return code === '23505'
      ? new ValidationError([{ pointer: '/language', detail: 'guides.errors.exists' }])
      : error;
  },
};

function guideStore(
  repository: GuidesRepository,
): LifecycleStore<Executor, GuideState, GuideWork, GuideRecord> {
  return {
    transaction: (work) => repository.transaction(work),
    lock: (trx, id) => repository.lock(trx, id),
    find: (trx, id) => repository.find(id, trx),
    write: async (trx, change) => {
      const { command, current } = change;
      let guideId = current?.id ?? null;
      if (command.event === 'create') {
        if (!command.key || !command.content) throw new Error('create needs a key and a text');
        guideId = await repository.insertGuide(trx, command.key);
      }
      if (!guideId) throw new Error('no guide to transition');
      const write = stateWrite(change);
      if (command.event === 'create' || command.event === 'revise') {
        if (!command.content) throw new Error(`${command.event} needs a text`);
        await repository.insertVersion(trx, {
          ...command.content,
          guideId,
          number: write.latestVersion ?? 1,
          userId: change.actor.userId,
          at: change.now,
        });
      }
      await repository.writeState(trx, guideId, write);
      return guideId;
    },
    insertEvent: (trx, row, { command, written }) =>
      repository.insertEvent(trx, { ...row, version: versionOf(command.event, written) }),
  };
}

function stateWrite(change: StateChange<GuideState, GuideWork, GuideRecord>): StateWrite {
  const { to, now, today, current, command } = change;
  const write: StateWrite = { state: to };
  switch (command.event) {
    case 'create':
      write.latestVersion = 1;
      break;
    case 'revise':
      write.latestVersion = (current?.latestVersion ?? 0) + 1;
      write.submittedVersion = null;
      write.submittedByUserId = null;
      break;
    case 'submit':
      write.submittedVersion = current?.latestVersion ?? null;
      write.submittedByUserId = change.actor.userId;
      break;
    case 'send_back':
      write.submittedVersion = null;
      write.submittedByUserId = null;
      break;
    case 'publish':
      write.publishedVersion = current?.submittedVersion ?? current?.latestVersion ?? null;
      write.publishedAt = now;
      write.verifiedOn = command.verifiedOn ?? today;
      break;
    case 'verify':
      write.verifiedOn = command.verifiedOn ?? today;
      break;
    case 'withdraw':
      break;
  }
  return write;
}
