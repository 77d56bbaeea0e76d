import type { Kysely } from 'kysely';
import type { AccountsDatabase } from './accounts.tables.js';

type Executor = Kysely<AccountsDatabase>;

export interface AssistedRecord {
  id: string;
  userId: string;
  officerUserId: string;
  organisationId: string | null;
  officerName: string;
  organisationName: string;
  consentStatement: string;
  claimCodeEncrypted: string | null;
  createdAt: Date;
  claimExpiresAt: Date;
  claimedAt: Date | null;
}

/** Accounts opened by an officer for a person who was present and consented. */
export class AssistedRepository {
  constructor(private readonly db: Executor) {}

  async insert(
    executor: Executor,
    row: Omit<AssistedRecord, 'id' | 'claimedAt' | 'createdAt' | 'claimCodeEncrypted'> & {
      id: string;
      claimCodeEncrypted: string;
      now: Date;
    },
  ): Promise<void> {
    await executor
      .insertInto('assisted_registration')
      .values({
        id: row.id,
        user_id: row.userId,
        officer_user_id: row.officerUserId,
        organisation_id: row.organisationId,
        officer_name: row.officerName,
        organisation_name: row.organisationName,
        consent_statement: row.consentStatement,
        claim_code_encrypted: row.claimCodeEncrypted,
        created_at: row.now,
        claim_expires_at: row.claimExpiresAt,
      })
      .execute();
  }

  find(id: string): Promise<AssistedRecord | undefined> {
    return this.db
      .selectFrom('assisted_registration')
      .select([
        'id',
        'user_id as userId',
        'officer_user_id as officerUserId',
        'organisation_id as organisationId',
        'officer_name as officerName',
        'organisation_name as organisationName',
        'consent_statement as consentStatement',
        'claim_code_encrypted as claimCodeEncrypted',
        'created_at as createdAt',
        'claim_expires_at as claimExpiresAt',
        'claimed_at as claimedAt',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The person took the account over: the slip's code is forgotten. */
  async markClaimed(executor: Executor, userId: string, now: Date): Promise<void> {
    await executor
      .updateTable('assisted_registration')
      .set({ claimed_at: now, claim_code_encrypted: null })
      .where('user_id', '=', userId)
      .where('claimed_at', 'is', null)
      .execute();
  }

  /** Slips whose codes have expired unclaimed forget their code (housekeeping). */
  async forgetExpiredCodes(now: Date): Promise<number> {
    const result = await this.db
      .updateTable('assisted_registration')
      .set({ claim_code_encrypted: null })
      .where('claim_expires_at', '<', now)
      .where('claim_code_encrypted', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
