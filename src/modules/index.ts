import { accountsModule } from './accounts/accounts.module.js';
import { auditTrailModule } from './audit-trail/audit-trail.module.js';
import { consentModule } from './consent/consent.module.js';
import { demoModule } from './demo/demo.module.js';
import { developersModule } from './developers/developers.module.js';
import { homeModule } from './home/home.module.js';
import { identityDocumentsModule } from './identity-documents/identity-documents.module.js';
import { licensingModule } from './licensing/licensing.module.js';
import { organisationsModule } from './organisations/organisations.module.js';
import { privacyModule } from './privacy/privacy.module.js';
import { referenceModule } from './reference/reference.module.js';
import { systemJobsModule } from './system-jobs/system-jobs.module.js';
import { vacanciesModule } from './vacancies/vacancies.module.js';
import { guidesModule } from './guides/guides.module.js';
import { remittancesModule } from './remittances/remittances.module.js';
import { directoryModule } from './directory/directory.module.js';
import { eligibilityModule } from './eligibility/eligibility.module.js';
import { abuseReportsModule } from './abuse-reports/abuse-reports.module.js';
import { jobSeekersModule } from './job-seekers/job-seekers.module.js';
import { applicationsModule } from './applications/applications.module.js';
import { notificationsModule } from './notifications/notifications.module.js';
import { documentsModule } from './documents/documents.module.js';
import { matchingModule } from './matching/matching.module.js';
import { statisticsModule } from './statistics/statistics.module.js';

/**
 * Every module, in order: a module's services are built after those of the modules before it,
 * its demo data is loaded after theirs, and its personal data is exported and erased in this
 * order (the account's last). Adding a module is its folder and one line here.
 */
export const MODULES = [
  referenceModule,
  systemJobsModule,
  accountsModule,
  organisationsModule,
  demoModule,
  consentModule,
  identityDocumentsModule,
  licensingModule,
  vacanciesModule,
  auditTrailModule,
  homeModule,
  developersModule,
  guidesModule,
  remittancesModule,
  directoryModule,
  eligibilityModule,
  abuseReportsModule,
  jobSeekersModule,
  documentsModule,
  applicationsModule,
  notificationsModule,
  matchingModule,
  statisticsModule,
  // Takes every module's personal-data provider: after all of them.
  privacyModule,
] as const;
