import type { ColumnType, Generated, Kysely } from 'kysely';
import type { LifecycleEventColumns } from '../../platform/lifecycle/lifecycle-event.columns.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

/** Tables of migrations/20261206010000_guide.sql. */

export interface GuideTable {
  id: Generated<string>;
  country_code: string;
  topic: string;
  language: string;
  organisation_id: string;
  state: string;
  latest_version: number;
  published_version: number | null;
  submitted_version: number | null;
  submitted_by_user_id: string | null;
  // A date column: read back as 'YYYY-MM-DD' text (to_char in the repository).
  verified_on: ColumnType<Date | string | null, string | null, string | null>;
  published_at: Date | null;
  stale_notified_at: Date | null;
  created_at: Generated<Date>;
}

export interface GuideSource {
  title: string;
  url: string;
}

export interface GuideVersionTable {
  guide_id: string;
  number: number;
  title: string;
  summary: string;
  body: string;
  sources: ColumnType<GuideSource[], string, string>;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
}

export interface GuideEventTable extends LifecycleEventColumns {
  id: Generated<string>;
  guide_id: string;
  version: number | null;
}

/** The tables this module owns (declared in its manifest). */
export interface GuidesTables {
  guide: GuideTable;
  guide_version: GuideVersionTable;
  guide_event: GuideEventTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type GuidesDb = Kysely<GuidesTables & ReferenceTables>;
