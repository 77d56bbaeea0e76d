import type { AuditActor, AuditLog } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ValidationError } from '../../platform/http/problem.js';
import {
  transition as runTransition,
  type LifecycleBinding,
  type LifecycleStore,
} from '../../platform/lifecycle/transition.js';
import type { EligibilityRepository, Executor, SchemeRecord } from './eligibility.repository.js';
import type { SchemeDefinition } from './scheme.definition.js';
import {
  SCHEME_LIFECYCLE,
  type SchemeCommand,
  type SchemeEvent,
  type SchemeSnapshot,
  type SchemeState,
} from './scheme.lifecycle.js';

/**
 * The scheme lifecycle (scheme.lifecycle.ts) bound to the eligibility tables: `transition` is
 * the one writer of eligibility_scheme.state, through platform/lifecycle's writer (lock, decide,
 * state, event row, domain event, audit event, in one transaction).
 */

/** What `create` carries besides the event: the new scheme and its first version. */
export interface SchemeWork extends SchemeCommand {
  create?: {
    slug: string;
    destinationCountry: string;
    organisationId: string;
    definition: SchemeDefinition;
    userId: string | null;
  };
}

export interface SchemeTransitionInput {
  schemeId?: string | null;
  command: SchemeWork;
  actor: AuditActor;
  principal?: Principal | null;
  requestId?: string | null;
  ipAddress?: string | null;
  now: Date;
}

export async function transition(
  deps: { repository: EligibilityRepository; audit: AuditLog; events?: EventPublisher | null },
  input: SchemeTransitionInput,
): Promise<SchemeRecord> {
  return runTransition(
    { store: schemeStore(deps.repository), audit: deps.audit, events: deps.events ?? null },
    SCHEME_BINDING,
    {
      subjectId: input.schemeId ?? null,
      command: input.command,
      actor: input.actor,
      principal: input.principal ?? null,
      requestId: input.requestId ?? null,
      ipAddress: input.ipAddress ?? null,
      now: input.now,
    },
  );
}

const SCHEME_BINDING: LifecycleBinding<
  SchemeState,
  SchemeEvent,
  keyof typeof SCHEME_LIFECYCLE.guards,
  SchemeSnapshot,
  SchemeWork,
  SchemeRecord
> = {
  lifecycle: SCHEME_LIFECYCLE,
  snapshot: (current) => ({
    state: current?.state ?? null,
    latestVersion: current?.latestVersion ?? 1,
    publishedVersion: current?.publishedVersion ?? null,
  }),
  stateOf: (scheme) => scheme.state,
  notFound: { pointer: '/event', detail: 'eligibility.errors.schemeNotFound' },
  audit: {
    subjectType: 'eligibility_scheme',
    subjectIds: (_written, id) => [id],
    before: (current) => ({ state: current.state, publishedVersion: current.publishedVersion }),
    after: (written, change) => ({
      state: change.to,
      slug: written.slug,
      destinationCountry: written.destinationCountry,
      latestVersion: written.latestVersion,
      publishedVersion: written.publishedVersion,
      reason: change.reason,
    }),
  },
  payload: (written) => ({
    organisationId: written.organisationId,
    destinationCountry: written.destinationCountry,
    slug: written.slug,
    publishedVersion: written.publishedVersion,
  }),
  refusal: (error) => {
    const { code } = (error ?? {}) as { code?: string };
    return code === '23505'
      ? new ValidationError([{ pointer: '/slug', detail: 'eligibility.errors.slugTaken' }])
      : error;
  },
};

function schemeStore(
  repository: EligibilityRepository,
): LifecycleStore<Executor, SchemeState, SchemeWork, SchemeRecord> {
  return {
    transaction: (work) => repository.transaction(work),
    lock: (trx, id) => repository.lock(trx, id),
    find: (trx, id) => repository.byId(id, trx),
    write: async (trx, { current, command, to, now }) => {
      if (!current) {
        const create = command.create;
        if (!create) throw new Error('create needs the new scheme');
        if (await repository.slugTaken(trx, create.slug))
          throw new ValidationError([{ pointer: '/slug', detail: 'eligibility.errors.slugTaken' }]);
        const id = await repository.insertScheme(trx, { ...create, state: to });
        await repository.insertVersion(trx, {
          schemeId: id,
          version: 1,
          definition: create.definition,
          userId: create.userId,
        });
        return id;
      }
      const publishedVersion =
        command.event === 'publish' ? current.latestVersion : current.publishedVersion;
      await repository.setState(trx, current.id, { state: to, publishedVersion, now });
      return current.id;
    },
    insertEvent: (trx, row, { written }) =>
      repository.insertEvent(trx, {
        ...row,
        version: row.event === 'publish' ? written.publishedVersion : written.latestVersion,
      }),
  };
}
