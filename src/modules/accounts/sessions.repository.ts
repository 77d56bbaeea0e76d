import type { AccountsDatabase } from './accounts.tables.js';
import type { Kysely } from 'kysely';

type Executor = Kysely<AccountsDatabase>;

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  stage: 'two_factor' | 'active';
  twoFactorVerified: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userStatus: 'pending' | 'active' | 'closed';
  totpEnabledAt: Date | null;
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/** Server-side sessions, found by the SHA-256 of the id in the cookie. */
export class SessionsRepository {
  constructor(private readonly db: Executor) {}

  private withUser(executor: Executor = this.db) {
    return executor
      .selectFrom('user_session')
      .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
      .select([
        'user_session.id',
        'user_session.user_id as userId',
        'user_session.csrf_token as csrfToken',
        'user_session.stage',
        'user_session.two_factor_verified as twoFactorVerified',
        'user_session.created_at as createdAt',
        'user_session.last_seen_at as lastSeenAt',
        'user_session.expires_at as expiresAt',
        'app_user.status as userStatus',
        'app_user.totp_enabled_at as totpEnabledAt',
      ]);
  }

  findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.withUser().where('user_session.token_hash', '=', tokenHash).executeTakeFirst();
  }

  findById(id: string, executor?: Executor): Promise<SessionRecord | undefined> {
    return this.withUser(executor).where('user_session.id', '=', id).executeTakeFirst();
  }

  async insert(
    executor: Executor,
    session: {
      userId: string;
      tokenHash: string;
      csrfToken: string;
      stage: 'two_factor' | 'active';
      twoFactorVerified: boolean;
      ipAddress: string | null;
      userAgent: string | null;
      now: Date;
      expiresAt: Date;
    },
  ): Promise<string> {
    const row = await executor
      .insertInto('user_session')
      .values({
        user_id: session.userId,
        token_hash: session.tokenHash,
        csrf_token: session.csrfToken,
        stage: session.stage,
        two_factor_verified: session.twoFactorVerified,
        ip_address: session.ipAddress?.slice(0, 64) ?? null,
        user_agent: session.userAgent?.slice(0, 300) ?? null,
        created_at: session.now,
        last_seen_at: session.now,
        expires_at: session.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * The second factor is given: the session gets a new id and token (the half-way ones stop
   * working) and becomes a full session. False if the half-way session is gone.
   */
  async promote(
    executor: Executor,
    id: string,
    change: { tokenHash: string; csrfToken: string; now: Date; expiresAt: Date },
  ): Promise<boolean> {
    const row = await executor
      .updateTable('user_session')
      .set({
        token_hash: change.tokenHash,
        csrf_token: change.csrfToken,
        stage: 'active',
        two_factor_verified: true,
        last_seen_at: change.now,
        expires_at: change.expiresAt,
      })
      .where('id', '=', id)
      .where('stage', '=', 'two_factor')
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async markTwoFactorVerified(executor: Executor, id: string): Promise<void> {
    await executor
      .updateTable('user_session')
      .set({ two_factor_verified: true })
      .where('id', '=', id)
      .execute();
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('user_session')
      .set({ last_seen_at: now })
      .where('id', '=', id)
      .execute();
  }

  async delete(executor: Executor, id: string): Promise<boolean> {
    const result = await executor
      .deleteFrom('user_session')
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async deleteByTokenHash(executor: Executor, tokenHash: string): Promise<string | null> {
    const row = await executor
      .deleteFrom('user_session')
      .where('token_hash', '=', tokenHash)
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Ends every session of the user but `exceptId`; returns the ids ended. */
  async deleteAllForUser(
    executor: Executor,
    userId: string,
    exceptId: string | null = null,
  ): Promise<string[]> {
    let query = executor.deleteFrom('user_session').where('user_id', '=', userId);
    if (exceptId) query = query.where('id', '<>', exceptId);
    const rows = await query.returning('id').execute();
    return rows.map((row) => row.id);
  }

  /** Removes the user's sessions that have timed out (housekeeping at sign-in). */
  async deleteExpiredForUser(
    executor: Executor,
    userId: string,
    now: Date,
    idleCutoff: Date,
  ): Promise<void> {
    await executor
      .deleteFrom('user_session')
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
      .execute();
  }

  /** Every session that has timed out (housekeeping). Returns how many. */
  async deleteExpired(executor: Executor, now: Date, idleCutoff: Date): Promise<number> {
    const result = await executor
      .deleteFrom('user_session')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  listForUser(userId: string, now: Date, idleCutoff: Date): Promise<SessionSummary[]> {
    return this.db
      .selectFrom('user_session')
      .select([
        'id',
        'created_at as createdAt',
        'last_seen_at as lastSeenAt',
        'ip_address as ipAddress',
        'user_agent as userAgent',
      ])
      .where('user_id', '=', userId)
      .where('stage', '=', 'active')
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', idleCutoff)
      .orderBy('last_seen_at', 'desc')
      .execute();
  }
}
