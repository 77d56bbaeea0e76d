import type { MatchingDb } from './matching.tables.js';

/** The database, or a transaction on it, with this module's tables. */
export type Executor = MatchingDb;

export interface InvitationRecord {
  id: string;
  vacancyId: string;
  vacancyNumber: number;
  userId: string;
  organisationId: string;
  invitedByUserId: string | null;
  invitedByApiKeyId: string | null;
  createdAt: Date;
}

const COLUMNS = [
  'id',
  'vacancy_id as vacancyId',
  'vacancy_number as vacancyNumber',
  'user_id as userId',
  'organisation_id as organisationId',
  'invited_by_user_id as invitedByUserId',
  'invited_by_api_key_id as invitedByApiKeyId',
  'created_at as createdAt',
] as const;

/** The invitations to apply (matching_invitation). */
export class InvitationsRepository {
  constructor(private readonly db: MatchingDb) {}

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  /**
   * Records the invitation; an existing one for the vacancy and person is kept as it was.
   * Returns the row and whether this call created it.
   */
  async insertOnce(
    executor: Executor,
    row: Omit<InvitationRecord, 'id' | 'createdAt'> & { createdAt: Date },
  ): Promise<{ record: InvitationRecord; created: boolean }> {
    const inserted = await executor
      .insertInto('matching_invitation')
      .values({
        vacancy_id: row.vacancyId,
        vacancy_number: row.vacancyNumber,
        user_id: row.userId,
        organisation_id: row.organisationId,
        invited_by_user_id: row.invitedByUserId,
        invited_by_api_key_id: row.invitedByApiKeyId,
        created_at: row.createdAt,
      })
      .onConflict((oc) => oc.columns(['vacancy_id', 'user_id']).doNothing())
      .returning(COLUMNS)
      .executeTakeFirst();
    if (inserted) return { record: inserted, created: true };
    const existing = await executor
      .selectFrom('matching_invitation')
      .select(COLUMNS)
      .where('vacancy_id', '=', row.vacancyId)
      .where('user_id', '=', row.userId)
      .executeTakeFirstOrThrow();
    return { record: existing, created: false };
  }

  async find(id: string): Promise<InvitationRecord | null> {
    const row = await this.db
      .selectFrom('matching_invitation')
      .select(COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ?? null;
  }

  /** The invitations of these people to one vacancy, by person. */
  async forVacancy(vacancyId: string, userIds: readonly string[]): Promise<InvitationRecord[]> {
    if (userIds.length === 0) return [];
    return this.db
      .selectFrom('matching_invitation')
      .select(COLUMNS)
      .where('vacancy_id', '=', vacancyId)
      .where('user_id', 'in', [...userIds])
      .execute();
  }

  /** One person's invitations to these vacancies (by number). */
  async ofUserFor(userId: string, numbers: readonly number[]): Promise<InvitationRecord[]> {
    if (numbers.length === 0) return [];
    return this.db
      .selectFrom('matching_invitation')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .where('vacancy_number', 'in', [...numbers])
      .execute();
  }

  /** Every invitation of a person, newest first (their data download). */
  async ofUser(userId: string): Promise<InvitationRecord[]> {
    return this.db
      .selectFrom('matching_invitation')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async eraseUser(executor: Executor, userId: string): Promise<void> {
    await executor.deleteFrom('matching_invitation').where('user_id', '=', userId).execute();
  }
}
