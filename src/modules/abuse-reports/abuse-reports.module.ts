import { defineModule } from '../manifest.js';
import { abuseReportsApi } from './abuse-reports.api.js';
import { AbuseReportsRepository } from './abuse-reports.repository.js';
import { abuseReportsRoutes } from './abuse-reports.routes.js';
import { AbuseReportsService } from './abuse-reports.service.js';
import type { AbuseReportsTables } from './abuse-reports.tables.js';

export const abuseReportsModule = defineModule<
  AbuseReportsTables,
  object,
  { abuseReports: AbuseReportsService }
>({
  name: 'abuse-reports',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['abuse_report'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['abuse_report.read'],
  needs: [],
  services: ({ db }) => ({
    abuseReports: new AbuseReportsService(new AbuseReportsRepository(db)),
  }),
  pages: async (app, { abuseReports }) => {
    await app.register(abuseReportsRoutes, { abuseReports });
  },
  api: async (app, { abuseReports }) => {
    await app.register(abuseReportsApi, { abuseReports });
  },
});
