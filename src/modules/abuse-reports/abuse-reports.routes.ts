import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { AbuseReportsService } from './abuse-reports.service.js';

/** The module's pages. */
export async function abuseReportsRoutes(
  app: App,
  options: { abuseReports: AbuseReportsService },
): Promise<void> {
  app.get(
    '/abuse-reports',
    { preHandler: requirePermission('abuse_report.read') },
    async (request, reply) => {
      const items = await options.abuseReports.list(actorContext(request));
      return reply.view('abuse-reports/views/index.njk', { items });
    },
  );
}
