import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { abuseReportsJson, presentAbuseReports } from './abuse-reports.presenter.js';
import { abuseReportsQuery } from './abuse-reports.schemas.js';
import type { AbuseReportsService } from './abuse-reports.service.js';

/** The module's JSON routes, under /api/v1. */
export async function abuseReportsApi(
  app: App,
  options: { abuseReports: AbuseReportsService },
): Promise<void> {
  app.get(
    '/abuse-reports',
    {
      preHandler: requirePermission('abuse_report.read'),
      schema: {
        tags: ['AbuseReports'],
        querystring: abuseReportsQuery,
        response: { 200: z.object({ items: z.array(abuseReportsJson) }) },
      },
    },
    async (request) => {
      const items = await options.abuseReports.list(actorContext(request), request.query.page);
      return { items: items.map(presentAbuseReports) };
    },
  );
}
