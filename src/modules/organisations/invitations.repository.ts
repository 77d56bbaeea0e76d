import type { OrganisationsDb } from './organisations.tables.js';
import type { Role } from '../../platform/authz/catalogue.js';

export interface InvitationRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  email: string;
  role: Role;
  administrator: boolean;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** The database or a transaction on it. */
type Executor = OrganisationsDb;

export class InvitationsRepository {
  constructor(private readonly db: OrganisationsDb) {}

  private base() {
    return this.db
      .selectFrom('invitation')
      .innerJoin('organisation', 'organisation.id', 'invitation.organisation_id')
      .select([
        'invitation.id',
        'invitation.organisation_id as organisationId',
        'organisation.name as organisationName',
        'invitation.email',
        'invitation.role',
        'invitation.administrator',
        'invitation.created_at as createdAt',
        'invitation.expires_at as expiresAt',
        'invitation.accepted_at as acceptedAt',
        'invitation.revoked_at as revokedAt',
      ]);
  }

  findByTokenHash(tokenHash: string): Promise<InvitationRecord | undefined> {
    return this.base().where('invitation.token_hash', '=', tokenHash).executeTakeFirst();
  }

  pending(organisationId: string, now: Date): Promise<InvitationRecord[]> {
    return this.base()
      .where('invitation.organisation_id', '=', organisationId)
      .where('invitation.accepted_at', 'is', null)
      .where('invitation.revoked_at', 'is', null)
      .where('invitation.expires_at', '>', now)
      .orderBy('invitation.created_at', 'desc')
      .execute();
  }

  async insert(
    executor: Executor,
    invitation: {
      organisationId: string;
      email: string;
      role: Role;
      administrator: boolean;
      tokenHash: string;
      invitedBy: string | null;
      expiresAt: Date;
    },
  ): Promise<string> {
    const row = await executor
      .insertInto('invitation')
      .values({
        organisation_id: invitation.organisationId,
        email: invitation.email,
        role: invitation.role,
        administrator: invitation.administrator,
        token_hash: invitation.tokenHash,
        invited_by: invitation.invitedBy,
        expires_at: invitation.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Marks an invitation accepted, once: false when it was accepted meanwhile. */
  async markAccepted(executor: Executor, id: string, userId: string): Promise<boolean> {
    const result = await executor
      .updateTable('invitation')
      .set({ accepted_at: new Date(), accepted_user_id: userId })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Withdraws an invitation of this organisation that has not been accepted or withdrawn yet:
   * the record it was (for the audit row), or undefined. One statement, so an acceptance racing
   * with it either wins (and the withdrawal finds nothing) or loses.
   */
  async revoke(
    executor: Executor,
    invitation: { id: string; organisationId: string; now: Date },
  ): Promise<{ id: string; role: Role; administrator: boolean } | undefined> {
    return executor
      .updateTable('invitation')
      .set({ revoked_at: invitation.now })
      .where('id', '=', invitation.id)
      .where('organisation_id', '=', invitation.organisationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning(['id', 'role', 'administrator'])
      .executeTakeFirst();
  }

  transaction<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  /** Erasure: invitations a person accepted keep no trace of their address. */
  async forgetEmail(executor: Executor, userId: string): Promise<void> {
    await executor
      .updateTable('invitation')
      .set({ email: `erased-${userId}@erased.invalid` })
      .where('accepted_user_id', '=', userId)
      .execute();
  }
}
