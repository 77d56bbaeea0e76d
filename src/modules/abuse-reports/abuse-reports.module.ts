import { publishedEventTypes } from '../../platform/lifecycle/lifecycle.js';
import type { Accounts } from '../accounts/accounts.module.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { REPORT_LIFECYCLE } from './abuse-report.lifecycle.js';
import { AbuseReportRepository } from './abuse-report.repository.js';
import { ReportThrottle, reportThrottleKey } from './abuse-report.throttle.js';
import { abuseReportsApi } from './abuse-reports.api.js';
import { seedDemoReports } from './abuse-reports.demo.js';
import { abuseReportsRoutes } from './abuse-reports.routes.js';
import { AbuseReportsService } from './abuse-reports.service.js';
import type { AbuseReportsTables } from './abuse-reports.tables.js';

export const abuseReportsModule = defineModule<
  AbuseReportsTables,
  { reference: ReferenceService; accounts: Accounts; organisations: OrganisationsService },
  { abuseReports: AbuseReportsService }
>({
  name: 'abuse-reports',
  summary:
    'reports of abuse by recruiters and employers: anyone files one, anonymously or not, without JavaScript (`/report`, `POST /api/v1/abuse-reports`, throttled per address) and follows it by its reference (`/report/follow`); officers of the responsible authority triage, assign, escalate and close them (`/abuse-reports`); signs of trafficking are flagged and emailed to the office at once',
  tables: ['abuse_report', 'abuse_report_event', 'abuse_report_message', 'abuse_report_throttle'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['abuse_report.triage'],
  // Agencies and employers by name, the officers of an office (organisations); the mailer and
  // officers' names (accounts); countries (reference).
  needs: ['reference', 'accounts', 'organisations'],
  services: (
    { db, audit, events, config, translator },
    { reference, accounts, organisations },
  ) => ({
    abuseReports: new AbuseReportsService({
      repository: new AbuseReportRepository(db),
      throttle: new ReportThrottle(db, reportThrottleKey(config.lookupHashKey)),
      audit,
      events,
      organisations,
      people: accounts.accounts,
      mailer: accounts.mailer,
      translator,
      countryExists: async (code) => (await reference.getCountry(code)) !== null,
      publicUrl: config.publicUrl,
      now: () => new Date(),
    }),
  }),
  pages: async (app, { abuseReports, reference }) => {
    await app.register(abuseReportsRoutes, { abuseReports, reference });
  },
  api: async (app, { abuseReports }) => {
    await app.register(abuseReportsApi, { abuseReports });
  },
  menu: [
    {
      position: 75,
      href: '/abuse-reports',
      labelKey: 'abuseReports.nav.queue',
      permission: 'abuse_report.triage',
    },
  ],
  demo: async (_context, { abuseReports, organisations }) =>
    seedDemoReports({ abuseReports, organisations }),
  events: { publishes: publishedEventTypes(REPORT_LIFECYCLE), consumes: [] },
});
