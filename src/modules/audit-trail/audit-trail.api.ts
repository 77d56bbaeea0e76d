import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/types.js';
import { presentAuditEvent } from './audit-trail.presenter.js';
import { auditApiQuerySchema, auditEventView } from './audit-trail.schemas.js';
import { AUDIT_PAGE_SIZE, type AuditTrailService } from './audit-trail.service.js';

/** The audit trail in the JSON API, for auditors' own tools. */
export async function auditTrailApi(
  app: App,
  options: { auditTrail: AuditTrailService },
): Promise<void> {
  const { auditTrail } = options;

  app.get(
    '/audit/events',
    {
      onRequest: requirePermission('audit.read'),
      schema: {
        tags: ['Audit'],
        summary: 'Audit events, newest first; follow nextBeforeId for older ones',
        querystring: auditApiQuerySchema,
        response: {
          200: z.object({
            items: z.array(auditEventView),
            nextBeforeId: z.number().int().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      const page = await auditTrail.list(actorContext(request), filter, limit ?? AUDIT_PAGE_SIZE);
      return { items: page.events.map(presentAuditEvent), nextBeforeId: page.nextBeforeId };
    },
  );
}
