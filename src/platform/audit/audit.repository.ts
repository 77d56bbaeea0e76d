import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuditTables } from './audit.tables.js';

export type AuditEventRecord = Selectable<AuditTables['audit_event']>;
export type NewAuditEvent = Insertable<AuditTables['audit_event']>;

export interface AuditQuery {
  /** Events whose grant's country is one of these; an empty list matches nothing. */
  countryCodes?: string[];
  action?: string;
  /** A regular expression the action must match (for "all reads"). */
  actionPattern?: string;
  actorUserId?: string;
  /** Leave out what this user did themself. */
  excludeActorUserId?: string;
  subjectType?: string;
  subjectId?: string;
  dataSubjectUserId?: string;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

/**
 * Any number would do as long as nothing else in Corridor takes the same advisory lock; this
 * one spells "AUDT". It serialises writers of the chain across every connection and process.
 */
const CHAIN_LOCK = 0x41554454;

/** The only SQL on audit_event. */
export class AuditRepository {
  constructor(private readonly db: Kysely<AuditTables>) {}

  /**
   * Waits for, then holds until the transaction ends, the right to append to the chain.
   * Without it two transactions could read the same last hash and fork the chain.
   */
  async lockChain(trx: Kysely<AuditTables>): Promise<void> {
    await trx
      .selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.lit(CHAIN_LOCK)]).as('locked'))
      .execute();
  }

  async lastHash(trx: Kysely<AuditTables>): Promise<string | undefined> {
    const row = await trx
      .selectFrom('audit_event')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.hash;
  }

  async insert(trx: Kysely<AuditTables>, event: NewAuditEvent): Promise<void> {
    await trx.insertInto('audit_event').values(event).execute();
  }

  /** The next events in chain order, after the given id. */
  async batchAfter(afterId: number, limit: number): Promise<AuditEventRecord[]> {
    return this.db
      .selectFrom('audit_event')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async findById(id: number): Promise<AuditEventRecord | undefined> {
    return this.db.selectFrom('audit_event').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async last(): Promise<{ id: number; hash: string } | undefined> {
    return this.db
      .selectFrom('audit_event')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** How many events there are up to and including this id. */
  async countUpTo(id: number): Promise<number> {
    const row = await this.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('id', '<=', id)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Newest first; `beforeId` continues a page (keyset pagination). */
  async find(query: AuditQuery): Promise<AuditEventRecord[]> {
    if (query.countryCodes?.length === 0) return [];
    let select = this.db.selectFrom('audit_event').selectAll();
    if (query.countryCodes !== undefined) {
      select = select.where('actor_country_code', 'in', query.countryCodes);
    }
    if (query.action !== undefined) select = select.where('action', '=', query.action);
    if (query.actionPattern !== undefined) {
      select = select.where('action', '~', query.actionPattern);
    }
    if (query.actorUserId !== undefined) {
      select = select.where('actor_user_id', '=', query.actorUserId);
    }
    if (query.excludeActorUserId !== undefined) {
      const excluded = query.excludeActorUserId;
      // Actions with no user (system jobs, API keys) still count; "<>" alone would drop them.
      select = select.where((eb) =>
        eb.or([eb('actor_user_id', 'is', null), eb('actor_user_id', '<>', excluded)]),
      );
    }
    if (query.subjectType !== undefined) {
      select = select.where('subject_type', '=', query.subjectType);
    }
    if (query.subjectId !== undefined) {
      // "contains" uses the GIN index on subject_ids.
      // eb.val keeps the array one parameter; a bare array would become a list, "($1, $2)".
      const subjectId = query.subjectId;
      select = select.where((eb) => eb('subject_ids', '@>', eb.val([subjectId])));
    }
    if (query.dataSubjectUserId !== undefined) {
      select = select.where('data_subject_user_id', '=', query.dataSubjectUserId);
    }
    if (query.from !== undefined) select = select.where('occurred_at', '>=', query.from);
    if (query.to !== undefined) select = select.where('occurred_at', '<', query.to);
    if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
    return select.orderBy('id', 'desc').limit(query.limit).execute();
  }
}
