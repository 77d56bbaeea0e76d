import type { Generated, Kysely } from 'kysely';
import type { LifecycleEventColumns } from '../../platform/lifecycle/lifecycle-event.columns.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { SchemeState } from './scheme.lifecycle.js';

export interface EligibilitySchemeTable {
  id: Generated<string>;
  slug: string;
  destination_country: string;
  organisation_id: string;
  state: SchemeState;
  latest_version: number;
  published_version: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EligibilitySchemeVersionTable {
  scheme_id: string;
  version: number;
  /** Validated by schemeDefinitionSchema before it is written and again when it is read. */
  definition: unknown;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
}

export interface EligibilitySchemeEventTable extends LifecycleEventColumns {
  id: Generated<string>;
  scheme_id: string;
  version: number | null;
}

export interface EligibilityAssessmentTable {
  code: string;
  scheme_id: string;
  version: number;
  answers: unknown;
  total: number;
  eligible: boolean;
  user_id: string | null;
  linked_at: Date | null;
  created_at: Generated<Date>;
  expires_at: Date;
}

/** The tables this module owns (declared in its manifest). */
export interface EligibilityTables {
  eligibility_scheme: EligibilitySchemeTable;
  eligibility_scheme_version: EligibilitySchemeVersionTable;
  eligibility_scheme_event: EligibilitySchemeEventTable;
  eligibility_assessment: EligibilityAssessmentTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type EligibilityDb = Kysely<EligibilityTables & ReferenceTables>;
