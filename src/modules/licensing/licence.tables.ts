import type { Generated, Kysely } from 'kysely';
import type { LifecycleEventColumns } from '../../platform/lifecycle/lifecycle-event.columns.js';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { LicenceState } from './licence.lifecycle.js';
import type { VettingState } from './vetting.lifecycle.js';

export interface LicenceTable {
  id: Generated<string>;
  organisation_id: string;
  state: LicenceState;
  number: string | null;
  issuing_authority_id: string | null;
  /** `date` columns: written and read as 'YYYY-MM-DD' text (see the repository). */
  valid_from: string | null;
  valid_to: string | null;
  applied_at: Generated<Date>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LicenceEventTable extends LifecycleEventColumns {
  id: Generated<string>;
  licence_id: string;
  valid_to: string | null;
}

export interface EmployerVettingTable {
  id: Generated<string>;
  organisation_id: string;
  state: VettingState;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EmployerVettingEventTable extends LifecycleEventColumns {
  id: Generated<string>;
  vetting_id: string;
}

export interface LicensingTables {
  licence: LicenceTable;
  licence_event: LicenceEventTable;
  employer_vetting: EmployerVettingTable;
  employer_vetting_event: EmployerVettingEventTable;
}

/** What the licensing module's code sees: its own tables and the read-only reference data. */
export type LicensingDb = Kysely<LicensingTables & ReferenceTables>;

/** Another module's transaction lent to this one, seen with this module's tables only. */
export const licensingView = ownView<LicensingTables & ReferenceTables>();
