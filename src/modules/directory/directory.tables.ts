import type { Generated, Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

export const ENTRY_KINDS = [
  'government_office',
  'embassy',
  'resource_centre',
  'hotline',
  'shelter',
  'legal_aid',
  'health',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Whom a service is for (the migration's check lists the same words). */
export const AUDIENCES = [
  'everyone',
  'women',
  'men',
  'children',
  'trafficking_victims',
  'domestic_workers',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface DirectoryEntryTable {
  id: Generated<string>;
  kind: EntryKind;
  name: string;
  local_name: string | null;
  country_code: string;
  subdivision_code: string | null;
  city: string | null;
  address: string | null;
  phones: string[];
  email: string | null;
  website: string | null;
  opening_hours: string | null;
  languages: string[];
  services: string | null;
  serves: Audience[];
  latitude: number | null;
  longitude: number | null;
  /** A `date` column: written and read as 'YYYY-MM-DD' text (see the repository). */
  last_checked_on: string;
  maintained_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** The tables this module owns (declared in its manifest). */
export interface DirectoryTables {
  directory_entry: DirectoryEntryTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type DirectoryDb = Kysely<DirectoryTables & ReferenceTables>;
