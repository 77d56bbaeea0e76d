import type { OrganisationsDb } from './organisations.tables.js';
import { sql } from 'kysely';
import type { OrganisationKind } from '../../platform/authz/catalogue.js';
import type { ScopeFilter } from '../../platform/authz/principal.js';

export interface OrganisationRecord {
  id: string;
  kind: OrganisationKind;
  name: string;
  countryCode: string;
  /** An embassy's own state, whose nationals it serves in its host country (countryCode). */
  representedCountryCode: string | null;
  registrationNumber: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  createdAt: Date;
}

/** What other modules may know of any organisation: public registration data. */
export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrganisationKind;
  countryCode: string;
}

/** An organisation's public registration data, for other modules (the public register). */
export interface OrganisationRegistration extends OrganisationSummary {
  registrationNumber: string | null;
  address: string | null;
  website: string | null;
}

/**
 * A name search's folding: lower case, then these accented letters as plain ones. It is the
 * same on both sides, in SQL (`translate(lower(name), …)`, searchByName) and here for the
 * query, so that a name typed as registered is always found: a letter not listed is kept on
 * both sides alike (stripping every diacritic here, as NFD would, lost "Agenția" when the
 * name kept its "ț"). The capitals are listed too, for a database whose lower() leaves
 * letters beyond ASCII as they are (the C collation).
 */
const ACCENTED_LOWER = 'àáâãäåāăąçćčďèéêëēėęěğìíîïīįıľłñńňòóôõöøōőŕřśşšșţțťùúûüūůűųýÿźżž';
const PLAIN_LOWER = 'aaaaaaaaacccdeeeeeeeegiiiiiiillnnnoooooooorrsssstttuuuuuuuuyyzzz';
const FOLDED = new Map<string, string>();
for (const [index, letter] of [...ACCENTED_LOWER].entries()) {
  const plain = PLAIN_LOWER[index] ?? letter;
  FOLDED.set(letter, plain);
  const capital = letter.toUpperCase();
  if ([...capital].length === 1 && !FOLDED.has(capital)) FOLDED.set(capital, plain);
}
const ACCENTED = [...FOLDED.keys()].join('');
const PLAIN = [...FOLDED.values()].join('');

function foldForSearch(text: string): string {
  let folded = '';
  for (const letter of text.normalize('NFC').toLowerCase().trim()) {
    folded += FOLDED.get(letter) ?? letter;
  }
  return folded;
}

const REGISTRATION_COLUMNS = [
  'id',
  'name',
  'kind',
  'country_code',
  'registration_number',
  'address',
  'website',
] as const;

function toRegistration(row: {
  id: string;
  name: string;
  kind: OrganisationKind;
  country_code: string;
  registration_number: string | null;
  address: string | null;
  website: string | null;
}): OrganisationRegistration {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    countryCode: row.country_code,
    registrationNumber: row.registration_number,
    address: row.address,
    website: row.website,
  };
}

export interface OrganisationInput {
  kind: OrganisationKind;
  name: string;
  countryCode: string;
  /** An embassy's own state; absent or null for every other kind. */
  representedCountryCode?: string | null;
  registrationNumber: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
}

export interface MemberRecord extends MembershipRecord {
  fullName: string;
  email: string;
}

/** A role held in an organisation; who holds it is the accounts module's to say. */
export interface MembershipRecord {
  userId: string;
  role: string;
  administrator: boolean;
  since: Date;
}

/** The database or a transaction on it. */
type Executor = OrganisationsDb;

const COLUMNS = [
  'id',
  'kind',
  'name',
  'country_code',
  'represented_country_code',
  'registration_number',
  'address',
  'email',
  'phone',
  'website',
  'created_at',
] as const;

function toRecord(row: {
  id: string;
  kind: OrganisationKind;
  name: string;
  country_code: string;
  represented_country_code: string | null;
  registration_number: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  created_at: Date;
}): OrganisationRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    countryCode: row.country_code,
    representedCountryCode: row.represented_country_code,
    registrationNumber: row.registration_number,
    address: row.address,
    email: row.email,
    phone: row.phone,
    website: row.website,
    createdAt: row.created_at,
  };
}

export class OrganisationsRepository {
  constructor(private readonly db: OrganisationsDb) {}

  /** Organisations the scope reaches: own organisations, a jurisdiction's, or all. */
  async list(
    scope: ScopeFilter,
    filter: { kind?: OrganisationKind; limit: number; offset: number },
  ): Promise<{ items: OrganisationRecord[]; total: number }> {
    let query = this.db.selectFrom('organisation');
    if (!scope.all) {
      const { organisationIds, countryCodes } = scope;
      if (organisationIds.length === 0 && countryCodes.length === 0) return { items: [], total: 0 };
      query = query.where((eb) =>
        eb.or([
          ...(organisationIds.length ? [eb('id', 'in', organisationIds)] : []),
          ...(countryCodes.length ? [eb('country_code', 'in', countryCodes)] : []),
        ]),
      );
    }
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    const [rows, count] = await Promise.all([
      query
        .select(COLUMNS)
        .orderBy('name')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toRecord), total: Number(count.total) };
  }

  /** Names by id (public registration data); ids of organisations that no longer exist are missing. */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Name, kind and country by id (public registration data), for other modules. */
  async summaries(ids: readonly string[]): Promise<Map<string, OrganisationSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('organisation')
      .select(['id', 'name', 'kind', 'country_code'])
      .where('id', 'in', unique)
      .execute();
    return new Map(
      rows.map((row) => [
        row.id,
        { id: row.id, name: row.name, kind: row.kind, countryCode: row.country_code },
      ]),
    );
  }

  /**
   * Every organisation of these kinds (in these countries, when given), by name (public
   * registration data); at most `limit`.
   */
  async ofKinds(
    kinds: readonly OrganisationKind[],
    { limit, countryCodes }: { limit?: number; countryCodes?: readonly string[] } = {},
  ): Promise<OrganisationSummary[]> {
    if (kinds.length === 0 || countryCodes?.length === 0) return [];
    let query = this.db
      .selectFrom('organisation')
      .select(['id', 'name', 'kind', 'country_code'])
      .where('kind', 'in', [...kinds])
      .orderBy('name')
      .orderBy('id');
    if (countryCodes) query = query.where('country_code', 'in', [...countryCodes]);
    if (limit !== undefined) query = query.limit(limit);
    const rows = await query.execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      countryCode: row.country_code,
    }));
  }

  /** Public registration data by id, in the caller's transaction when given one. */
  async registrations(
    ids: readonly string[],
    executor: Executor = this.db,
  ): Promise<Map<string, OrganisationRegistration>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await executor
      .selectFrom('organisation')
      .select(REGISTRATION_COLUMNS)
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((row) => [row.id, toRegistration(row)]));
  }

  /** The ids of the organisations of a kind, in these countries when given (one indexed read). */
  async idsOf(filter: {
    kind: OrganisationKind;
    countryCodes?: readonly string[];
  }): Promise<string[]> {
    if (filter.countryCodes?.length === 0) return [];
    let query = this.db.selectFrom('organisation').select('id').where('kind', '=', filter.kind);
    if (filter.countryCodes) query = query.where('country_code', 'in', [...filter.countryCodes]);
    return (await query.execute()).map((row) => row.id);
  }

  /**
   * Organisations of a kind by name, tolerant of case, accents and small misspellings (pg_trgm's
   * word_similarity over the folded name), the closest first; at most `limit`.
   */
  async searchByName(
    query: string,
    filter: { kind: OrganisationKind; limit: number },
  ): Promise<OrganisationRegistration[]> {
    const folded = foldForSearch(query);
    if (folded.length === 0) return [];
    const name = sql<string>`translate(lower(organisation.name), ${ACCENTED}, ${PLAIN})`;
    const rows = await this.db
      .selectFrom('organisation')
      .select(REGISTRATION_COLUMNS)
      .where('kind', '=', filter.kind)
      .where((eb) =>
        eb.or([
          eb(name, 'like', `%${folded.replace(/[\\%_]/g, '\\$&')}%`),
          eb(sql<number>`word_similarity(${folded}, ${name})`, '>', 0.5),
        ]),
      )
      .orderBy(sql`word_similarity(${folded}, ${name})`, 'desc')
      .orderBy('name')
      .orderBy('id')
      .limit(filter.limit)
      .execute();
    return rows.map(toRegistration);
  }

  async idsByRegistration(numbers: readonly string[]): Promise<Map<string, string>> {
    if (numbers.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('organisation')
      .select(['id', 'registration_number'])
      .where('registration_number', 'in', [...numbers])
      .execute();
    return new Map(rows.map((row) => [row.registration_number ?? '', row.id]));
  }

  async any(): Promise<boolean> {
    const row = await this.db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async find(id: string): Promise<OrganisationRecord | undefined> {
    const row = await this.db
      .selectFrom('organisation')
      .select(COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async insert(executor: Executor, input: OrganisationInput): Promise<OrganisationRecord> {
    const row = await executor
      .insertInto('organisation')
      .values({
        kind: input.kind,
        name: input.name,
        country_code: input.countryCode,
        represented_country_code: input.representedCountryCode ?? null,
        registration_number: input.registrationNumber,
        address: input.address,
        email: input.email,
        phone: input.phone,
        website: input.website,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async update(
    executor: Executor,
    id: string,
    input: Omit<OrganisationInput, 'kind'>,
  ): Promise<void> {
    await executor
      .updateTable('organisation')
      .set({
        name: input.name,
        country_code: input.countryCode,
        represented_country_code: input.representedCountryCode ?? null,
        registration_number: input.registrationNumber,
        address: input.address,
        email: input.email,
        phone: input.phone,
        website: input.website,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Who holds one of these roles in organisations in these countries, or in these
   * organisations (the officers a report of abuse is sent to, or may be assigned to).
   */
  async holders(filter: {
    roles: readonly string[];
    countryCodes?: readonly string[];
    organisationIds?: readonly string[];
  }): Promise<Array<{ userId: string; organisationId: string; role: string }>> {
    const countries = filter.countryCodes ?? [];
    const organisations = filter.organisationIds ?? [];
    if (filter.roles.length === 0 || (countries.length === 0 && organisations.length === 0))
      return [];
    const rows = await this.db
      .selectFrom('role_assignment')
      .innerJoin('organisation', 'organisation.id', 'role_assignment.organisation_id')
      .select([
        'role_assignment.user_id as userId',
        'role_assignment.organisation_id as organisationId',
        'role_assignment.role as role',
      ])
      .where('role_assignment.role', 'in', [...filter.roles] as never)
      .where((eb) =>
        eb.or([
          ...(countries.length ? [eb('organisation.country_code', 'in', [...countries])] : []),
          ...(organisations.length ? [eb('organisation.id', 'in', [...organisations])] : []),
        ]),
      )
      .orderBy('role_assignment.created_at')
      .execute();
    return rows.map((row) => ({
      userId: row.userId,
      organisationId: row.organisationId ?? '',
      role: row.role,
    }));
  }

  /** The roles held in the organisation, oldest first. */
  async memberships(organisationId: string): Promise<MembershipRecord[]> {
    return this.db
      .selectFrom('role_assignment')
      .select(['user_id as userId', 'role', 'administrator', 'created_at as since'])
      .where('organisation_id', '=', organisationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  transaction<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
