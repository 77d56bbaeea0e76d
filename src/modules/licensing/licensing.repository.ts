import { sql } from 'kysely';
import {
  LifecycleHistoryRepository,
  type LifecycleEventTable,
  type LifecycleHistoryRow,
} from '../../platform/lifecycle/lifecycle-history.repository.js';
import type { LifecycleEventRow } from '../../platform/lifecycle/transition.js';
import type { OrganisationRegistration } from '../organisations/organisations.repository.js';
import type { LicensingDb } from './licence.tables.js';
import type { LatestLicence } from './agency-standing.js';
import type { LicenceState } from './licence.lifecycle.js';
import type { LicensingOrganisations } from './licensing.organisations.js';

/** The database, or a transaction on it, with this module's tables (and reference data). */
export type Executor = LicensingDb;

export interface LicenceRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  countryCode: string;
  address: string | null;
  state: LicenceState;
  number: string | null;
  issuingAuthorityId: string | null;
  issuingAuthorityName: string | null;
  validFrom: string | null;
  validTo: string | null;
  appliedAt: Date;
  updatedAt: Date;
}

export interface HistoryRecord {
  id: string;
  event: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actorUserId: string | null;
  actorOrganisationName: string | null;
  actorRole: string | null;
  actorApiKeyId: string | null;
  validTo: string | null;
  occurredAt: Date;
}

/** licence_event: the lifecycle event table, with the new end date of a grant or a renewal. */
export const LICENCE_EVENT_TABLE: LifecycleEventTable = {
  table: 'licence_event',
  subjectColumn: 'licence_id',
  details: ['valid_to'],
};

/** History rows as the licensing pages show them: with the acting organisation's name. */
export async function withOrganisationNames(
  rows: LifecycleHistoryRow[],
  names: (ids: string[]) => Promise<Map<string, string>>,
): Promise<HistoryRecord[]> {
  const ids = [...new Set(rows.flatMap((row) => row.actorOrganisationId ?? []))];
  const named = await names(ids);
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    fromState: row.fromState,
    toState: row.toState,
    reason: row.reason,
    actorUserId: row.actorUserId,
    actorOrganisationName: row.actorOrganisationId
      ? (named.get(row.actorOrganisationId) ?? null)
      : null,
    actorRole: row.actorRole,
    actorApiKeyId: row.actorApiKeyId,
    validTo: row.details.valid_to ?? null,
    occurredAt: row.occurredAt,
  }));
}

/** The licence's own columns; the agency's and the authority's data come from organisations. */
function licenceQuery(executor: Executor) {
  return executor
    .selectFrom('licence')
    .select([
      'licence.id',
      'licence.organisation_id',
      'licence.state',
      'licence.number',
      'licence.issuing_authority_id',
      sql<string | null>`licence.valid_from::text`.as('valid_from'),
      sql<string | null>`licence.valid_to::text`.as('valid_to'),
      'licence.applied_at',
      'licence.updated_at',
    ]);
}

interface LicenceRow {
  id: string;
  organisation_id: string;
  state: LicenceState;
  number: string | null;
  issuing_authority_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  applied_at: Date;
  updated_at: Date;
}

function toLicence(
  row: LicenceRow,
  agency: OrganisationRegistration,
  authority: OrganisationRegistration | undefined,
): LicenceRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: agency.name,
    countryCode: agency.countryCode,
    address: agency.address,
    state: row.state,
    number: row.number,
    issuingAuthorityId: row.issuing_authority_id,
    issuingAuthorityName: authority?.name ?? null,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    appliedAt: row.applied_at,
    updatedAt: row.updated_at,
  };
}

export class LicensingRepository {
  private readonly db: Executor;
  private readonly lifecycleHistory: LifecycleHistoryRepository;

  /**
   * `organisations` completes each licence with its agency's and authority's public data (the
   * organisations module's); this repository's SQL reads the licensing tables only.
   */
  constructor(
    db: Executor,
    private readonly organisations: LicensingOrganisations,
  ) {
    this.db = db;
    this.lifecycleHistory = new LifecycleHistoryRepository(db);
  }

  /**
   * The licences with their agency's name, country and address and their authority's name, read
   * in the same transaction when given one. A licence whose agency is gone is left out (as the
   * join did before the organisations moved out of this module's reach).
   */
  async named(rows: readonly LicenceRow[], executor: Executor = this.db): Promise<LicenceRecord[]> {
    const organisations = await this.organisations.registrations(
      rows.flatMap((row) => [
        row.organisation_id,
        ...(row.issuing_authority_id ? [row.issuing_authority_id] : []),
      ]),
      executor,
    );
    return rows.flatMap((row) => {
      const agency = organisations.get(row.organisation_id);
      if (!agency) return [];
      const authority = row.issuing_authority_id
        ? organisations.get(row.issuing_authority_id)
        : undefined;
      return [toLicence(row, agency, authority)];
    });
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  async findLicence(executor: Executor, id: string): Promise<LicenceRecord | null> {
    const row = await licenceQuery(executor).where('licence.id', '=', id).executeTakeFirst();
    return row ? ((await this.named([row], executor))[0] ?? null) : null;
  }

  async getLicence(id: string): Promise<LicenceRecord | null> {
    return this.findLicence(this.db, id);
  }

  async lockLicence(trx: Executor, id: string): Promise<LicenceRecord | null> {
    await trx.selectFrom('licence').select('id').where('id', '=', id).forUpdate().execute();
    return this.findLicence(trx, id);
  }

  /**
   * Licences of agencies in these countries and/or these organisations, newest first. The
   * agencies of the countries are asked of the organisations module (their ids, one indexed
   * read), then their licences are read here.
   */
  async listLicences(filter: {
    countryCodes: string[] | 'all';
    organisationIds: string[];
    /** The state as it stands on this day ('YYYY-MM-DD'): past its last day is expired. */
    state?: LicenceState;
    today: string;
  }): Promise<LicenceRecord[]> {
    const { countryCodes, organisationIds } = filter;
    if (countryCodes !== 'all' && countryCodes.length === 0 && organisationIds.length === 0)
      return [];
    let query = licenceQuery(this.db);
    if (countryCodes !== 'all') {
      const agencies = new Set(organisationIds);
      if (countryCodes.length) {
        const inCountries = await this.organisations.idsOf({
          kind: 'recruitment_agency',
          countryCodes,
        });
        for (const id of inCountries) agencies.add(id);
      }
      if (agencies.size === 0) return [];
      query = query.where('licence.organisation_id', 'in', [...agencies]);
    }
    const { state, today } = filter;
    if (state) {
      // As licence.as-of.ts reads it: active or suspended past the last day counts as expired.
      const endsAtValidTo: LicenceState[] = ['active', 'suspended'];
      query = query.where((eb) => {
        const pastEnd = eb.and([
          eb('licence.state', 'in', endsAtValidTo),
          eb('licence.valid_to', '<', today),
        ]);
        if (state === 'expired') return eb.or([eb('licence.state', '=', 'expired'), pastEnd]);
        if (endsAtValidTo.includes(state)) {
          const inForce = eb.or([
            eb('licence.valid_to', 'is', null),
            eb('licence.valid_to', '>=', today),
          ]);
          return eb.and([eb('licence.state', '=', state), inForce]);
        }
        return eb('licence.state', '=', state);
      });
    }
    const rows = await query.orderBy('licence.updated_at', 'desc').limit(500).execute();
    return this.named(rows);
  }

  async licencesOf(organisationId: string): Promise<LicenceRecord[]> {
    const rows = await licenceQuery(this.db)
      .where('licence.organisation_id', '=', organisationId)
      .orderBy('licence.created_at', 'desc')
      .execute();
    return this.named(rows);
  }

  /**
   * The latest numbered licence of each of these agencies (the one that speaks for it on the
   * public register), by agency id: one row per agency, named in one read.
   */
  async latestNumberedLicences(
    organisationIds: readonly string[],
  ): Promise<Map<string, LicenceRecord>> {
    if (organisationIds.length === 0) return new Map();
    const rows = await licenceQuery(this.db)
      .distinctOn('licence.organisation_id')
      .where('licence.organisation_id', 'in', [...new Set(organisationIds)])
      .where('licence.number', 'is not', null)
      .orderBy('licence.organisation_id')
      .orderBy('licence.created_at', 'desc')
      .execute();
    const named = await this.named(rows);
    return new Map(named.map((licence) => [licence.organisationId, licence]));
  }

  /** The ids of an agency's numbered licences (those ever granted), for its public history. */
  async numberedLicenceIds(organisationId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('licence')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('number', 'is not', null)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * The agencies that hold (or held) a licence of this number, however it was typed:
   * `compact` is the number without separators (licenceNumberKey), compared with each number
   * without its dashes (indexed: licence_number_compact_idx).
   */
  async organisationIdsByLicenceNumber(compact: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('licence')
      .select('organisation_id')
      .where(sql<string>`replace(number, '-', '')`, '=', compact)
      .execute();
    return [...new Set(rows.map((row) => row.organisation_id))];
  }

  async history(licenceIds: string[]): Promise<HistoryRecord[]> {
    const rows = await this.lifecycleHistory.history(LICENCE_EVENT_TABLE, licenceIds);
    return withOrganisationNames(rows, (ids) => this.organisationNames(ids));
  }

  async openLicenceOf(organisationId: string): Promise<LicenceRecord | null> {
    const row = await licenceQuery(this.db)
      .where('licence.organisation_id', '=', organisationId)
      .where('licence.state', 'in', ['applied', 'active', 'suspended'])
      .executeTakeFirst();
    return row ? ((await this.named([row]))[0] ?? null) : null;
  }

  /** Licences past their last day of validity and still in force: cheap (partial index). */
  async dueForExpiry(today: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('licence')
      .select('id')
      .where('state', 'in', ['active', 'suspended'])
      .where(sql<boolean>`valid_to < ${today}::date`)
      .execute();
    return rows.map((row) => row.id);
  }

  async anyLicence(): Promise<boolean> {
    return (
      (await this.db.selectFrom('licence').select('id').limit(1).executeTakeFirst()) !== undefined
    );
  }

  /** The agency's country (the organisations module's), in the caller's transaction. */
  async countryOf(executor: Executor, organisationId: string): Promise<string> {
    const organisation = (await this.organisations.registrations([organisationId], executor)).get(
      organisationId,
    );
    if (!organisation) throw new Error(`No organisation ${organisationId}`);
    return organisation.countryCode;
  }

  /** The next number of the country's register for the year: KE-RA-2026-0001. */
  async nextNumber(executor: Executor, countryCode: string, year: string): Promise<string> {
    const prefix = `${countryCode}-RA-${year}-`;
    const rows = await executor
      .selectFrom('licence')
      .select('number')
      .where('number', 'like', `${prefix}%`)
      .execute();
    const last = Math.max(0, ...rows.map((row) => Number(row.number?.slice(prefix.length)) || 0));
    return `${prefix}${String(last + 1).padStart(4, '0')}`;
  }

  /**
   * Whether a licence already has this number, dashes aside: the public register finds numbers
   * without their dashes (KERA20260001), so KERA-2026-0001 would be KE-RA-2026-0001 again.
   */
  async numberTaken(executor: Executor, number: string): Promise<boolean> {
    const row = await executor
      .selectFrom('licence')
      .select('id')
      .where(sql<string>`replace(number, '-', '')`, '=', number.replaceAll('-', ''))
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Only the licence's lifecycle store (licence.states.ts) calls this. */
  async writeState(
    executor: Executor,
    input: {
      id: string | null;
      organisationId: string;
      state: LicenceState;
      number: string | null;
      validFrom: string | null;
      validTo: string | null;
      issuingAuthorityId: string | null;
    },
  ): Promise<string> {
    const values = {
      state: input.state,
      number: input.number,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      issuing_authority_id: input.issuingAuthorityId,
    };
    if (input.id) {
      await executor
        .updateTable('licence')
        .set({ ...values, updated_at: sql<Date>`now()` })
        .where('id', '=', input.id)
        .execute();
      return input.id;
    }
    const row = await executor
      .insertInto('licence')
      .values({ ...values, organisation_id: input.organisationId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Only the licence's lifecycle store (licence.states.ts) calls this. */
  async insertEvent(
    executor: Executor,
    event: LifecycleEventRow & { validTo: string | null },
  ): Promise<void> {
    await executor
      .insertInto('licence_event')
      .values({
        licence_id: event.subjectId,
        event: event.event,
        from_state: event.fromState,
        to_state: event.toState,
        reason: event.reason,
        actor_user_id: event.actorUserId,
        actor_organisation_id: event.actorOrganisationId,
        actor_role: event.actorRole,
        actor_api_key_id: event.actorApiKeyId,
        valid_to: event.validTo,
        occurred_at: event.occurredAt,
      })
      .execute();
  }

  /**
   * The latest licence of each of these agencies (every agency that ever had one for 'all'):
   * what agency-standing.ts judges. One query for any number of agencies.
   */
  async latestLicences(
    organisationIds: readonly string[] | 'all',
    executor: Executor = this.db,
  ): Promise<LatestLicence[]> {
    if (organisationIds !== 'all' && organisationIds.length === 0) return [];
    let query = executor
      .selectFrom('licence')
      .distinctOn('organisation_id')
      .select(['organisation_id', 'state', sql<string | null>`valid_to::text`.as('valid_to')]);
    if (organisationIds !== 'all') {
      query = query.where('organisation_id', 'in', [...new Set(organisationIds)]);
    }
    const rows = await query.orderBy('organisation_id').orderBy('created_at', 'desc').execute();
    return rows.map((row) => ({
      organisationId: row.organisation_id,
      state: row.state,
      validTo: row.valid_to,
    }));
  }

  /** Organisation names by id, for history rows (the organisations module's). */
  async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    const organisations = await this.organisations.registrations(ids);
    return new Map([...organisations].map(([id, organisation]) => [id, organisation.name]));
  }
}
