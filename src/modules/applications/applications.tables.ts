import type { ColumnType, Generated, Kysely } from 'kysely';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { LifecycleEventColumns } from '../../platform/lifecycle/lifecycle-event.columns.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { ApplicationState, RejectReason } from './application.lifecycle.js';
import type { VacancyTerms } from './application.terms.js';

export interface ApplicationTable {
  id: Generated<string>;
  seeker_user_id: string | null;
  vacancy_id: string;
  vacancy_number: number;
  agency_organisation_id: string | null;
  employer_organisation_id: string | null;
  terms: ColumnType<VacancyTerms, string, string>;
  note: string | null;
  document_ids: Generated<string[]>;
  state: ApplicationState;
  interview_at: Date | null;
  interview_place: string | null;
  interview_link: string | null;
  reject_reason_code: RejectReason | null;
  offer_terms: string | null;
  offer_start_date: ColumnType<string | null, string | null, string | null>;
  submitted_at: Generated<Date>;
  updated_at: Generated<Date>;
  erased_at: Date | null;
}

export interface ApplicationEventTable extends LifecycleEventColumns {
  id: Generated<string>;
  application_id: string;
  reason_code: string | null;
  interview_at: Date | null;
}

/** The tables this module owns (declared in its manifest). */
export interface ApplicationsTables {
  application: ApplicationTable;
  application_event: ApplicationEventTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type ApplicationsDb = Kysely<ApplicationsTables & ReferenceTables>;

/** Another module's transaction lent to this one, seen with this module's tables only. */
export const applicationsView = ownView<ApplicationsTables & ReferenceTables>();
