import type { Kysely } from 'kysely';
import type { StatisticsTables } from './modules/statistics/statistics.tables.js';
import type { MatchingTables } from './modules/matching/matching.tables.js';
import type { DocumentsTables } from './modules/documents/documents.tables.js';
import type { NotificationsTables } from './modules/notifications/notifications.tables.js';
import type { ApplicationsTables } from './modules/applications/applications.tables.js';
import type { JobSeekersTables } from './modules/job-seekers/job-seekers.tables.js';
import type { AbuseReportsTables } from './modules/abuse-reports/abuse-reports.tables.js';
import type { EligibilityTables } from './modules/eligibility/eligibility.tables.js';
import type { DirectoryTables } from './modules/directory/directory.tables.js';
import type { RemittancesTables } from './modules/remittances/remittances.tables.js';
import type { GuidesTables } from './modules/guides/guides.tables.js';
import type { AccountsTables } from './modules/accounts/accounts.tables.js';
import type { UserTables } from './modules/accounts/users.tables.js';
import type { AuditTables } from './platform/audit/audit.tables.js';
import type { EventTables } from './platform/events/outbox.tables.js';
import type { JobTables } from './platform/jobs/jobs.tables.js';
import type { IdentityDocumentTables } from './modules/identity-documents/identity-documents.tables.js';
import type { LicensingTables } from './modules/licensing/licence.tables.js';
import type { OrganisationsTables } from './modules/organisations/organisations.tables.js';
import type { ConsentTables } from './modules/consent/consent.tables.js';
import type { VacancyTables } from './modules/vacancies/vacancy.tables.js';
import type { ReferenceTables } from './modules/reference/reference.tables.js';

/**
 * The database as Kysely sees it: every module's tables and the platform's, joined here for
 * composition code (seeding, key rotation, the CLI, tests). A module declares the tables it owns
 * in its manifest; a test checks that this type, the manifests and the migrations agree.
 */
export interface Database
  extends
    ReferenceTables,
    UserTables,
    AccountsTables,
    OrganisationsTables,
    ConsentTables,
    AuditTables,
    EventTables,
    JobTables,
    LicensingTables,
    IdentityDocumentTables,
    VacancyTables,
    GuidesTables,
    RemittancesTables,
    DirectoryTables,
    EligibilityTables,
    AbuseReportsTables,
    JobSeekersTables,
    ApplicationsTables,
    NotificationsTables,
    DocumentsTables,
    MatchingTables,
    StatisticsTables {}

export type Db = Kysely<Database>;
