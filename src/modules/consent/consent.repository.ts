import type { OrganisationKind } from '../../platform/authz/catalogue.js';
import type { ConsentDb } from './consent.tables.js';

export const CONSENT_PURPOSES = ['profile.view', 'profile.contact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The organisations a person may share their profile with: those that recruit. */
export const CONSENT_ORGANISATION_KINDS = [
  'employer',
  'recruitment_agency',
] as const satisfies readonly OrganisationKind[];

/** A consent as the ledger holds it: the organisation by id only. */
export interface ConsentRow {
  id: string;
  userId: string;
  organisationId: string;
  purpose: ConsentPurpose;
  grantedAt: Date;
  withdrawnAt: Date | null;
}

/** A consent with the organisation's name and kind (from the organisations module). */
export interface ConsentRecord extends ConsentRow {
  organisationName: string;
  organisationKind: OrganisationKind;
}

export interface ConsentOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** A visibility consent: the profile visible in one destination. */
export interface VisibilityRow {
  id: string;
  countryCode: string;
  grantedAt: Date;
  withdrawnAt: Date | null;
}

/** The connection or, for writes, the transaction they belong to. */
type Executor = ConsentDb;

const COLUMNS = [
  'id',
  'user_id as userId',
  'organisation_id as organisationId',
  'purpose',
  'granted_at as grantedAt',
  'withdrawn_at as withdrawnAt',
] as const;

/** The only SQL on the consent ledger. */
export class ConsentRepository {
  constructor(private readonly db: ConsentDb) {}

  /** Active first, then the history, newest first within each. */
  async listForUser(userId: string, executor: Executor = this.db): Promise<ConsentRow[]> {
    return executor
      .selectFrom('consent')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .where('purpose', 'in', CONSENT_PURPOSES)
      .$narrowType<{ organisationId: string; purpose: ConsentPurpose }>()
      .orderBy((eb) => eb('withdrawn_at', 'is', null), 'desc')
      .orderBy('granted_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** A consent of this user's; undefined for anyone else's (the caller answers "not found"). */
  async findOwn(userId: string, id: string): Promise<ConsentRow | undefined> {
    return this.db
      .selectFrom('consent')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('purpose', 'in', CONSENT_PURPOSES)
      .$narrowType<{ organisationId: string; purpose: ConsentPurpose }>()
      .executeTakeFirst();
  }

  async findActive(
    executor: Executor,
    key: { userId: string; organisationId: string; purpose: ConsentPurpose },
  ): Promise<ConsentRow | undefined> {
    return executor
      .selectFrom('consent')
      .select(COLUMNS)
      .where('user_id', '=', key.userId)
      .where('organisation_id', '=', key.organisationId)
      .where('purpose', '=', key.purpose)
      .where('withdrawn_at', 'is', null)
      .$narrowType<{ organisationId: string; purpose: ConsentPurpose }>()
      .executeTakeFirst();
  }

  async hasActive(
    userId: string,
    organisationId: string,
    purpose: ConsentPurpose,
  ): Promise<boolean> {
    const row = await this.db
      .selectFrom('consent')
      .select('id')
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .where('purpose', '=', purpose)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Inserts an active consent unless one exists. The partial unique index decides, so two
   * grants at once still leave one row; the id is returned only when this call made it.
   */
  async insertIfAbsent(
    executor: Executor,
    key: { userId: string; organisationId: string; purpose: ConsentPurpose },
  ): Promise<string | undefined> {
    const row = await executor
      .insertInto('consent')
      .values({ user_id: key.userId, organisation_id: key.organisationId, purpose: key.purpose })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'organisation_id', 'purpose'])
          .where('withdrawn_at', 'is', null)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  /** True when this call withdrew it (false when it was already withdrawn). */
  async withdraw(executor: Executor, userId: string, id: string, at: Date): Promise<boolean> {
    const result = await executor
      .updateTable('consent')
      .set({ withdrawn_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Withdraws every active consent of the user; returns the ids withdrawn. */
  async withdrawAll(executor: Executor, userId: string, at: Date): Promise<string[]> {
    const rows = await executor
      .updateTable('consent')
      .set({ withdrawn_at: at })
      .where('user_id', '=', userId)
      .where('withdrawn_at', 'is', null)
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /** The person's visibility consents ('profile.visible'): active first, then history. */
  async visibilityForUser(userId: string, executor: Executor = this.db): Promise<VisibilityRow[]> {
    return executor
      .selectFrom('consent')
      .select([
        'id',
        'destination_country as countryCode',
        'granted_at as grantedAt',
        'withdrawn_at as withdrawnAt',
      ])
      .where('user_id', '=', userId)
      .where('purpose', '=', 'profile.visible')
      .$narrowType<{ countryCode: string }>()
      .orderBy((eb) => eb('withdrawn_at', 'is', null), 'desc')
      .orderBy('granted_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** Grants visibility in a destination unless it is granted; the id when this call made it. */
  async insertVisibility(executor: Executor, userId: string, countryCode: string) {
    const row = await executor
      .insertInto('consent')
      .values({
        user_id: userId,
        purpose: 'profile.visible',
        destination_country: countryCode,
        organisation_id: null,
      })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'destination_country'])
          .where('purpose', '=', 'profile.visible')
          .where('withdrawn_at', 'is', null)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  /** Withdraws the visibility in these destinations; the rows withdrawn. */
  async withdrawVisibility(
    executor: Executor,
    userId: string,
    countryCodes: readonly string[],
    at: Date,
  ) {
    if (countryCodes.length === 0) return [];
    return executor
      .updateTable('consent')
      .set({ withdrawn_at: at })
      .where('user_id', '=', userId)
      .where('purpose', '=', 'profile.visible')
      .where('destination_country', 'in', [...countryCodes])
      .where('withdrawn_at', 'is', null)
      .returning(['id', 'destination_country as countryCode'])
      .execute();
  }

  transaction<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
