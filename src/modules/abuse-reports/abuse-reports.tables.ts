import type { Generated, Kysely } from 'kysely';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { LifecycleEventColumns } from '../../platform/lifecycle/lifecycle-event.columns.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type {
  Category,
  Indicator,
  Outcome,
  ReportState,
  Severity,
} from './abuse-report.lifecycle.js';

export interface AbuseReportTable {
  id: Generated<string>;
  reference: string;
  state: ReportState;
  organisation_id: string | null;
  subject_name: string;
  subject_kind: 'recruiter' | 'employer';
  subject_country_code: string | null;
  categories: Category[];
  indicators: Generated<Indicator[]>;
  urgent: boolean;
  occurred_country_code: string;
  occurred_place: string | null;
  occurred_when: string | null;
  description: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  reply_language: string;
  category: Category | null;
  severity: Severity | null;
  assigned_organisation_id: string | null;
  assigned_user_id: string | null;
  escalated_organisation_id: string | null;
  escalated_country_code: string | null;
  outcome: Outcome | null;
  received_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AbuseReportEventTable extends LifecycleEventColumns {
  id: Generated<string>;
  abuse_report_id: string;
}

export interface AbuseReportMessageTable {
  id: Generated<string>;
  abuse_report_id: string;
  kind: 'note' | 'reply';
  body: string;
  author_user_id: string | null;
  author_organisation_id: string | null;
  author_api_key_id: string | null;
  created_at: Generated<Date>;
}

export interface AbuseReportThrottleTable {
  scope: 'file' | 'follow_miss';
  key_hash: string;
  attempts: number;
  window_started_at: Date;
  locked_until: Date | null;
}

/** The tables this module owns (declared in its manifest). */
export interface AbuseReportsTables {
  abuse_report: AbuseReportTable;
  abuse_report_event: AbuseReportEventTable;
  abuse_report_message: AbuseReportMessageTable;
  abuse_report_throttle: AbuseReportThrottleTable;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type AbuseReportsDb = Kysely<AbuseReportsTables & ReferenceTables>;

/** Another module's transaction lent to this one, seen with this module's tables only. */
export const abuseReportsView = ownView<AbuseReportsTables & ReferenceTables>();
