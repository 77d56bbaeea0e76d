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

/**
 * Who acted, and the grant that allowed it: the role, organisation and country of the grant
 * the permission check used, the permission and the scope it was granted at (for an API key,
 * the permission of the key it used). All null for the system itself.
 */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  organisationId: string | null;
  apiKeyId: string | null;
  permission?: string | null;
  scope?: string | null;
  /** The country of the grant's organisation: what auditors' jurisdictions match. */
  countryCode?: string | null;
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
  /** Only events whose grant's country is one of these (an auditor's jurisdiction). */
  countryCodes?: readonly string[];
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

/** The newest event of the chain: what an anchor records. */
export interface ChainHead {
  lastId: number;
  lastHash: string;
  /** Events in the chain up to and including lastId. */
  count: number;
}

/** A head recorded earlier, outside the database (platform/audit/audit.anchors.ts). */
export interface AnchorPoint extends ChainHead {
  anchoredAt: string;
}

/** Ids missing between two events of the chain, both ends included. */
export interface IdGap {
  from: number;
  to: number;
}

interface VerificationFacts {
  /** The events checked; when broken, the intact events before the broken one. */
  count: number;
  /** The newest event checked, null for an empty chain. */
  head: ChainHead | null;
  /**
   * Ids missing in the chain. The links show that nothing between two events was deleted, so
   * a gap is an insert that was rolled back (its transaction failed), not a deletion.
   */
  gaps: IdGap[];
  missingIds: number;
  /** The anchors the chain was checked against. */
  anchorsChecked: number;
}

export type AuditVerification = VerificationFacts &
  (
    | { ok: true }
    /** `brokenId` null: not an event, the anchors themselves (their file) are wrong. */
    | { ok: false; brokenId: number | null; reason: string }
  );

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
   * it (an event in between deleted, or an earlier one altered and re-hashed). Against each
   * anchor (a head recorded outside the database), the anchored event must still be there with
   * the anchored hash and count: otherwise the newest events were deleted, the table
   * truncated, or the chain rewritten and re-hashed. Ids missing between linked events are
   * reported, not counted as breaks.
   *
   * `from`: start at an anchor instead of the first event (the check before a new anchor):
   * the anchored event must still be there as anchored, and the chain after it intact.
   */
  async verify(
    options: { batchSize?: number; anchors?: readonly AnchorPoint[]; from?: AnchorPoint } = {},
  ): Promise<AuditVerification> {
    const batchSize = options.batchSize ?? 1000;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError('batchSize must be a positive integer');
    }
    const anchors = [...(options.anchors ?? []), ...(options.from ? [options.from] : [])];
    const walk = new ChainWalk(anchors);
    if (options.from) {
      const broken = await this.startAt(walk, options.from);
      if (broken) return broken;
    }
    for (;;) {
      const rows = await this.repository.batchAfter(walk.previous?.id ?? 0, batchSize);
      for (const row of rows) {
        const broken = walk.step(row);
        if (broken) return broken;
      }
      if (rows.length < batchSize) return walk.finish();
    }
  }

  private async startAt(walk: ChainWalk, from: AnchorPoint): Promise<AuditVerification | null> {
    const row = await this.repository.findById(from.lastId);
    if (!row) return walk.start(from, { missing: true, head: await this.head() });
    return walk.start(from, { row, countUpTo: await this.repository.countUpTo(from.lastId) });
  }

  /** The newest event and the number of events, for an anchor. Null for an empty chain. */
  async head(): Promise<ChainHead | null> {
    const last = await this.repository.last();
    if (!last) return null;
    return {
      lastId: last.id,
      lastHash: last.hash,
      count: await this.repository.countUpTo(last.id),
    };
  }

  /** Newest first. Pass the last row's id as `beforeId` for the next page. */
  async list(filter: AuditFilter): Promise<AuditEventRow[]> {
    const { countryCodes, ...rest } = filter;
    const rows = await this.repository.find({
      ...rest,
      ...(countryCodes ? { countryCodes: [...countryCodes] } : {}),
      limit: checkLimit(filter.limit),
    });
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

export function describeVerification(result: AuditVerification): string {
  const lines = [
    result.ok
      ? `Audit chain intact: ${result.count} events.`
      : result.brokenId === null
        ? `Audit anchors broken: ${result.reason}`
        : `Audit chain broken at event #${result.brokenId}: ${result.reason}`,
  ];
  if (result.ok) {
    lines.push(
      result.anchorsChecked === 0
        ? 'No anchor yet: deleting the newest events or truncating the table would not show. Run `corridor audit anchor`.'
        : `Checked against ${result.anchorsChecked} anchor(s).`,
    );
  }
  if (result.missingIds > 0) {
    const shown = result.gaps
      .slice(0, 20)
      .map((gap) => (gap.from === gap.to ? `#${gap.from}` : `#${gap.from}–#${gap.to}`));
    const more = result.gaps.length > 20 ? `, and ${result.gaps.length - 20} more gaps` : '';
    lines.push(
      `Missing ids: ${result.missingIds} (${shown.join(', ')}${more}). The links between the events around them are intact, so these are inserts that were rolled back, not deletions.`,
    );
  }
  return lines.join('\n');
}

/** One pass over the chain in id order: links, hashes, anchors and gaps. */
class ChainWalk {
  previous: { id: number; hash: string } | undefined;
  private count = 0;
  private readonly gaps: IdGap[] = [];
  private missingIds = 0;
  private readonly anchorsAt = new Map<number, AnchorPoint[]>();
  private readonly anchorsMet = new Set<AnchorPoint>();

  constructor(private readonly anchors: readonly AnchorPoint[]) {
    for (const anchor of anchors) {
      this.anchorsAt.set(anchor.lastId, [...(this.anchorsAt.get(anchor.lastId) ?? []), anchor]);
    }
  }

  /** Starts after an anchored event, which must still be there as anchored. */
  start(
    from: AnchorPoint,
    found:
      | { missing: true; head: ChainHead | null }
      | { missing?: false; row: { id: number; hash: string }; countUpTo: number },
  ): AuditVerification | null {
    this.anchorsMet.add(from);
    if (found.missing) return this.broken(from.lastId, missingAnchored(from, found.head));
    const { row, countUpTo } = found;
    if (row.hash !== from.lastHash) return this.broken(row.id, rehashed(from));
    if (countUpTo !== from.count) return this.broken(row.id, recounted(from, countUpTo));
    this.previous = { id: row.id, hash: row.hash };
    this.count = countUpTo;
    return null;
  }

  step(row: AuditEventRecord): AuditVerification | null {
    const previous = this.previous;
    const expectedPrev = previous?.hash ?? GENESIS_HASH;
    if (row.prev_hash !== expectedPrev) {
      const reason = previous
        ? `it does not follow event #${previous.id}: an event between them was deleted, or #${previous.id} was altered and re-hashed`
        : 'it does not start the chain: earlier events were deleted';
      return this.broken(row.id, reason);
    }
    if (eventHash(row.prev_hash, row) !== row.hash) {
      return this.broken(row.id, 'its content does not match its hash: the event was altered');
    }
    const expectedId = (previous?.id ?? 0) + 1;
    if (row.id > expectedId) {
      this.gaps.push({ from: expectedId, to: row.id - 1 });
      this.missingIds += row.id - expectedId;
    }
    this.count += 1;
    this.previous = { id: row.id, hash: row.hash };
    for (const anchor of this.anchorsAt.get(row.id) ?? []) {
      this.anchorsMet.add(anchor);
      if (row.hash !== anchor.lastHash) return this.broken(row.id, rehashed(anchor));
      if (this.count !== anchor.count) return this.broken(row.id, recounted(anchor, this.count));
    }
    return null;
  }

  finish(): AuditVerification {
    const head = this.headOr(null);
    // An anchored event the walk never reached: deleted, with everything after it, or the
    // whole table truncated. The oldest such anchor names the first loss.
    const missing = this.anchors
      .filter((anchor) => !this.anchorsMet.has(anchor))
      .sort((a, b) => a.lastId - b.lastId)[0];
    if (missing) return this.broken(missing.lastId, missingAnchored(missing, head));
    return { ok: true, ...this.facts() };
  }

  private headOr(fallback: null): ChainHead | null {
    return this.previous
      ? { lastId: this.previous.id, lastHash: this.previous.hash, count: this.count }
      : fallback;
  }

  private facts(): VerificationFacts {
    return {
      count: this.count,
      head: this.headOr(null),
      gaps: this.gaps,
      missingIds: this.missingIds,
      anchorsChecked: this.anchors.length,
    };
  }

  private broken(brokenId: number, reason: string): AuditVerification {
    return { ok: false, brokenId, reason, ...this.facts() };
  }
}

function rehashed(anchor: AnchorPoint): string {
  return `its hash is not the one anchored at ${anchor.anchoredAt}: the chain up to it was rewritten and re-hashed`;
}

function recounted(anchor: AnchorPoint, count: number): string {
  return `the anchor of ${anchor.anchoredAt} counted ${anchor.count} events up to it, the chain now has ${count}: events before it were deleted or added and the chain re-hashed`;
}

function missingAnchored(anchor: AnchorPoint, head: ChainHead | null): string {
  if (!head) {
    return `the table is empty, but the anchor of ${anchor.anchoredAt} recorded ${anchor.count} events up to #${anchor.lastId}: the table was truncated or emptied`;
  }
  if (anchor.lastId > head.lastId) {
    return `the chain ends at #${head.lastId}, but the anchor of ${anchor.anchoredAt} recorded ${anchor.count} events up to #${anchor.lastId}: the newest events were deleted`;
  }
  return `the event anchored at ${anchor.anchoredAt} is missing: it was deleted and the chain re-linked`;
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
    actor_permission: event.actor.permission ?? null,
    actor_scope: event.actor.scope ?? null,
    actor_country_code: event.actor.countryCode ?? null,
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
      permission: record.actor_permission,
      scope: record.actor_scope,
      countryCode: record.actor_country_code,
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
