import type { Kysely, Transaction } from 'kysely';
import { GENESIS_HASH, eventHash, type HashedEvent } from './audit.chain.js';
import { AuditRepository, type AuditEventRecord } from './audit.repository.js';
import type { AuditTables } from './audit.tables.js';
import { toJsonObject, type JsonObject, type JsonValue } from './canonical-json.js';

/**
 * The audit trail: who did what to whose data, when, why and from where. Services write an
 * event in the same transaction as the change it describes (STYLE.md, "Audit"), including reads
 * of restricted personal data; the events form a hash chain that `verify` checks.
 */

/** Who acted. All null for the system itself. */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  organisationId: string | null;
  apiKeyId: string | null;
}

/** The system itself: seed, migrations, scheduled jobs. */
export const SYSTEM_ACTOR: AuditActor = Object.freeze({
  userId: null,
  role: null,
  organisationId: null,
  apiKeyId: null,
});

export interface AuditEventInput {
  /** `<subject>.<past-tense verb>`: 'vacancy.published', 'person.viewed', 'session.created'. */
  action: string;
  actor: AuditActor;
  /** 'person', 'vacancy', 'user'… */
  subjectType: string;
  subjectIds: string[];
  /** The person whose data it is, for the "who looked at my data" page. */
  dataSubjectUserId?: string | null;
  purpose?: string | null;
  requestId?: string | null;
  ipAddress?: string | null;
  /** Changed fields only, never secrets (keys that look like secrets are redacted anyway). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditEventRow {
  id: number;
  occurredAt: Date;
  action: string;
  actor: AuditActor;
  subjectType: string;
  subjectIds: string[];
  dataSubjectUserId: string | null;
  purpose: string | null;
  requestId: string | null;
  ipAddress: string | null;
  before: JsonObject | null;
  after: JsonObject | null;
  hash: string;
}

export interface AuditFilter {
  action?: string;
  actorUserId?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
  /** The smallest id of the previous page, to fetch the next (older) one. */
  beforeId?: number;
}

export type AuditVerification =
  | { ok: true; count: number }
  /** `count`: the intact events before the broken one. */
  | { ok: false; count: number; brokenId: number; reason: string };

/**
 * Verbs that mean someone read a person's data, as opposed to changing it. They are what a
 * person sees on "who looked at my data"; a service that shows, exports, downloads or passes
 * on restricted personal data records one of them with `dataSubjectUserId` set.
 */
export const ACCESS_VERBS = ['viewed', 'exported', 'downloaded', 'disclosed'] as const;
export type AccessVerb = (typeof ACCESS_VERBS)[number];

const ACCESS_ACTION = `\\.(${ACCESS_VERBS.join('|')})$`;
const ACTION = /^[a-z_]+\.[a-z_]+$/;
const SUBJECT_TYPE = /^[a-z_]+$/;
const MAX_LIMIT = 1000;
// Keys whose values must never sit in an append-only log, whatever the caller passed.
const SECRET_KEY = /password|secret|token|totp|private_?key/i;
export const REDACTED = '[redacted]';

export function isAccessAction(action: string): boolean {
  return new RegExp(ACCESS_ACTION).test(action);
}

export class AuditLog {
  private readonly repository: AuditRepository;

  constructor(db: Kysely<AuditTables>) {
    this.repository = new AuditRepository(db);
  }

  /**
   * Call INSIDE the caller's transaction (pass the transaction), so the change and its audit
   * event commit together or not at all. Given a plain connection it opens its own transaction.
   *
   * Appending holds a lock on the chain until the transaction ends, so every other auditing
   * transaction waits for this one: record the event last, just before the transaction commits.
   *
   * The executor may be typed with any tables: a module passes its own transaction, typed with
   * its own tables only, and audit_event stays the platform's (only AuditLog writes it).
   */
  async record<DB>(
    // Transaction<DB> listed too: TypeScript cannot infer DB from a Transaction otherwise.
    executor: Kysely<DB> | Transaction<DB>,
    event: AuditEventInput,
  ): Promise<void> {
    const db = executor as unknown as Kysely<AuditTables>;
    const content = prepare(event);
    if (db.isTransaction) return this.append(db, content);
    await db.transaction().execute((trx) => this.append(trx, content));
  }

  private async append(
    trx: Kysely<AuditTables>,
    content: Omit<HashedEvent, 'occurred_at'>,
  ): Promise<void> {
    await this.repository.lockChain(trx);
    const prevHash = (await this.repository.lastHash(trx)) ?? GENESIS_HASH;
    // Taken after the lock, so that times follow the order of the chain.
    const event: HashedEvent = { ...content, occurred_at: new Date() };
    await this.repository.insert(trx, {
      ...event,
      before: event.before && JSON.stringify(event.before),
      after: event.after && JSON.stringify(event.after),
      prev_hash: prevHash,
      hash: eventHash(prevHash, event),
    });
  }

  /**
   * Walks the chain in id order and names the first event that breaks it: one whose content no
   * longer matches its hash (altered), or whose prev_hash is not the hash of the event before
   * it (an event in between deleted, or an earlier one altered and re-hashed). Deleting the
   * newest events leaves no trace in the chain itself; compare the count with an earlier run.
   */
  async verify(options: { batchSize?: number } = {}): Promise<AuditVerification> {
    const batchSize = options.batchSize ?? 1000;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError('batchSize must be a positive integer');
    }
    let count = 0;
    let previous: { id: number; hash: string } | undefined;
    for (;;) {
      const rows = await this.repository.batchAfter(previous?.id ?? 0, batchSize);
      for (const row of rows) {
        const expectedPrev = previous?.hash ?? GENESIS_HASH;
        if (row.prev_hash !== expectedPrev) {
          const reason = previous
            ? `it does not follow event #${previous.id}: an event between them was deleted, or #${previous.id} was altered and re-hashed`
            : 'it does not start the chain: earlier events were deleted';
          return { ok: false, count, brokenId: row.id, reason };
        }
        if (eventHash(row.prev_hash, row) !== row.hash) {
          return {
            ok: false,
            count,
            brokenId: row.id,
            reason: 'its content does not match its hash: the event was altered',
          };
        }
        count += 1;
        previous = { id: row.id, hash: row.hash };
      }
      if (rows.length < batchSize) return { ok: true, count };
    }
  }

  /** Newest first. Pass the last row's id as `beforeId` for the next page. */
  async list(filter: AuditFilter): Promise<AuditEventRow[]> {
    const rows = await this.repository.find({ ...filter, limit: checkLimit(filter.limit) });
    return rows.map(toRow);
  }

  /**
   * Who read this person's data: events about them whose verb is one of ACCESS_VERBS, newest
   * first. The person's own views of their own record are left out; the system's are not.
   */
  async accessesTo(
    dataSubjectUserId: string,
    options: { limit: number; beforeId?: number },
  ): Promise<AuditEventRow[]> {
    const rows = await this.repository.find({
      dataSubjectUserId,
      actionPattern: ACCESS_ACTION,
      excludeActorUserId: dataSubjectUserId,
      beforeId: options.beforeId,
      limit: checkLimit(options.limit),
    });
    return rows.map(toRow);
  }
}

/** For `corridor audit verify`. */
export function verifyAuditChain<DB extends AuditTables>(
  db: Kysely<DB>,
): Promise<AuditVerification> {
  return new AuditLog(db as unknown as Kysely<AuditTables>).verify();
}

export function describeVerification(result: AuditVerification): string {
  return result.ok
    ? `Audit chain intact: ${result.count} events.`
    : `Audit chain broken at event #${result.brokenId}: ${result.reason}`;
}

function prepare(event: AuditEventInput): Omit<HashedEvent, 'occurred_at'> {
  if (!ACTION.test(event.action) || event.action.length > 100) {
    throw new RangeError(`Audit action "${event.action}" must read subject.verb in a-z and _`);
  }
  if (!SUBJECT_TYPE.test(event.subjectType)) {
    throw new RangeError(`Audit subject type "${event.subjectType}" must be a-z and _`);
  }
  if (!event.subjectIds.every((id) => typeof id === 'string' && id.length > 0)) {
    throw new RangeError('Audit subject ids must be non-empty strings');
  }
  return {
    actor_user_id: event.actor.userId,
    actor_role: event.actor.role,
    actor_organisation_id: event.actor.organisationId,
    api_key_id: event.actor.apiKeyId,
    action: event.action,
    subject_type: event.subjectType,
    subject_ids: [...event.subjectIds],
    data_subject_user_id: event.dataSubjectUserId ?? null,
    purpose: event.purpose ?? null,
    request_id: event.requestId ?? null,
    ip_address: event.ipAddress ?? null,
    before: event.before ? redactSecrets(toJsonObject(event.before)) : null,
    after: event.after ? redactSecrets(toJsonObject(event.after)) : null,
  };
}

function redactSecrets(object: JsonObject): JsonObject {
  const redact = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(redact);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) ? REDACTED : redact(inner),
      ]),
    );
  };
  return redact(object) as JsonObject;
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

function toRow(record: AuditEventRecord): AuditEventRow {
  return {
    id: record.id,
    occurredAt: record.occurred_at,
    action: record.action,
    actor: {
      userId: record.actor_user_id,
      role: record.actor_role,
      organisationId: record.actor_organisation_id,
      apiKeyId: record.api_key_id,
    },
    subjectType: record.subject_type,
    subjectIds: record.subject_ids,
    dataSubjectUserId: record.data_subject_user_id,
    purpose: record.purpose,
    requestId: record.request_id,
    ipAddress: record.ip_address,
    before: record.before,
    after: record.after,
    hash: record.hash,
  };
}
