import { sql, type Kysely, type Transaction } from 'kysely';
import type { ScopeFilter } from '../../platform/authz/principal.js';
import type {
  Audience,
  DirectoryDb,
  DirectoryEntryTable,
  DirectoryTables,
  EntryKind,
} from './directory.tables.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

export interface DirectoryEntry {
  id: string;
  kind: EntryKind;
  name: string;
  localName: string | null;
  countryCode: string;
  subdivisionCode: string | null;
  city: string | null;
  address: string | null;
  phones: string[];
  email: string | null;
  website: string | null;
  openingHours: string | null;
  languages: string[];
  services: string | null;
  serves: Audience[];
  latitude: number | null;
  longitude: number | null;
  /** 'YYYY-MM-DD'. */
  lastCheckedOn: string;
  maintainedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a create or an update writes. */
export type EntryInput = Omit<DirectoryEntry, 'id' | 'createdAt' | 'updatedAt'>;

export interface EntryFilter {
  countryCode?: string;
  kind?: EntryKind;
  language?: string;
}

type Executor =
  Kysely<DirectoryTables & ReferenceTables> | Transaction<DirectoryTables & ReferenceTables>;

const COLUMNS = [
  'id',
  'kind',
  'name',
  'local_name',
  'country_code',
  'subdivision_code',
  'city',
  'address',
  'phones',
  'email',
  'website',
  'opening_hours',
  'languages',
  'services',
  'serves',
  'latitude',
  'longitude',
  'maintained_by',
  'created_at',
  'updated_at',
] as const;

type Row = Omit<DirectoryEntryTable, 'id' | 'created_at' | 'updated_at'> & {
  id: string;
  created_at: Date;
  updated_at: Date;
};

/** The only SQL of the module, on its own table. */
export class DirectoryRepository {
  constructor(private readonly db: DirectoryDb) {}

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }

  private select(executor: Executor = this.db) {
    return executor
      .selectFrom('directory_entry')
      .select([...COLUMNS, sql<string>`last_checked_on::text`.as('last_checked_on')]);
  }

  /** Entries by country, kind and name; the public list and the API. */
  async list(
    filter: EntryFilter,
    page: { limit: number; offset: number },
  ): Promise<DirectoryEntry[]> {
    let query = this.select();
    if (filter.countryCode) query = query.where('country_code', '=', filter.countryCode);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.language) query = query.where(sql<boolean>`${filter.language} = any(languages)`);
    const rows = await query
      .orderBy('country_code')
      .orderBy('kind')
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toEntry);
  }

  /** The entries a scope reaches (maintained by its organisations, or in its countries). */
  async listInScope(scope: ScopeFilter, limit: number): Promise<DirectoryEntry[]> {
    let query = this.select();
    if (!scope.all) {
      const { organisationIds, countryCodes } = scope;
      if (organisationIds.length === 0 && countryCodes.length === 0) return [];
      query = query.where((eb) =>
        eb.or([
          ...(organisationIds.length ? [eb('maintained_by', 'in', organisationIds)] : []),
          ...(countryCodes.length ? [eb('country_code', 'in', countryCodes)] : []),
        ]),
      );
    }
    const rows = await query
      .orderBy('country_code')
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  /** The countries that have entries, with how many. */
  async countries(): Promise<{ countryCode: string; entries: number }[]> {
    const rows = await this.db
      .selectFrom('directory_entry')
      .select(['country_code', (eb) => eb.fn.countAll<number>().as('entries')])
      .groupBy('country_code')
      .orderBy('country_code')
      .execute();
    return rows.map((row) => ({ countryCode: row.country_code, entries: Number(row.entries) }));
  }

  /** The languages spoken at the entries (of a country), ISO 639-1. */
  async languagesSpoken(countryCode?: string): Promise<string[]> {
    let query = this.db
      .selectFrom('directory_entry')
      .select(sql<string>`unnest(languages)`.as('language'))
      .distinct();
    if (countryCode) query = query.where('country_code', '=', countryCode);
    const rows = await query.execute();
    return rows.map((row) => row.language).sort();
  }

  async find(id: string, executor: Executor = this.db): Promise<DirectoryEntry | null> {
    const row = await this.select(executor).where('id', '=', id).executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  async lockForUpdate(trx: Executor, id: string): Promise<DirectoryEntry | null> {
    const row = await this.select(trx).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  async insert(trx: Executor, input: EntryInput): Promise<DirectoryEntry> {
    const { id } = await trx
      .insertInto('directory_entry')
      .values(toRow(input))
      .returning('id')
      .executeTakeFirstOrThrow();
    const entry = await this.find(id, trx);
    if (!entry) throw new Error('directory entry vanished after insert');
    return entry;
  }

  async update(trx: Executor, id: string, input: EntryInput): Promise<void> {
    await trx
      .updateTable('directory_entry')
      .set({ ...toRow(input), updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  async remove(trx: Executor, id: string): Promise<void> {
    await trx.deleteFrom('directory_entry').where('id', '=', id).execute();
  }

  async any(): Promise<boolean> {
    return !!(await this.db.selectFrom('directory_entry').select('id').limit(1).executeTakeFirst());
  }
}

function toRow(input: EntryInput) {
  return {
    kind: input.kind,
    name: input.name,
    local_name: input.localName,
    country_code: input.countryCode,
    subdivision_code: input.subdivisionCode,
    city: input.city,
    address: input.address,
    phones: input.phones,
    email: input.email,
    website: input.website,
    opening_hours: input.openingHours,
    languages: input.languages,
    services: input.services,
    serves: input.serves,
    latitude: input.latitude,
    longitude: input.longitude,
    last_checked_on: input.lastCheckedOn,
    maintained_by: input.maintainedBy,
  };
}

function toEntry(row: Row): DirectoryEntry {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    localName: row.local_name,
    countryCode: row.country_code,
    subdivisionCode: row.subdivision_code,
    city: row.city,
    address: row.address,
    phones: row.phones,
    email: row.email,
    website: row.website,
    openingHours: row.opening_hours,
    languages: row.languages,
    services: row.services,
    serves: row.serves,
    latitude: row.latitude,
    longitude: row.longitude,
    lastCheckedOn: row.last_checked_on,
    maintainedBy: row.maintained_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
