import { AuditAnchors } from '../../platform/audit/audit.anchors.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import { auditTrailApi } from './audit-trail.api.js';
import { registerAuditTrailJobs } from './audit-trail.jobs.js';
import { AuditTrailRepository } from './audit-trail.repository.js';
import { auditTrailRoutes } from './audit-trail.routes.js';
import { AuditTrailService } from './audit-trail.service.js';
import type { AuditTrailTables } from './audit-trail.tables.js';

export const auditTrailModule = defineModule<
  AuditTrailTables,
  { organisations: OrganisationsService },
  { auditTrail: AuditTrailService }
>({
  name: 'audit-trail',
  summary:
    'the audit trail for auditors, each of their own country: filtered, paged list (`/audit`, `/api/v1/audit/events`), the chain check (`POST /audit/verify`) and its anchors outside the database (`/audit/anchors`, the `audit.anchor` job)',
  // audit_event belongs to the platform (platform/audit); this module only reads it for auditors.
  tables: [],
  permissions: ['audit.read', 'audit.verify'],
  needs: ['organisations'],
  services: ({ db, audit, config }, { organisations }) => ({
    auditTrail: new AuditTrailService(
      new AuditTrailRepository(db),
      audit,
      (ids) => organisations.names(ids),
      AuditAnchors.fromConfig(audit, config),
    ),
  }),
  pages: async (app, { auditTrail }) => {
    await app.register(auditTrailRoutes, { auditTrail });
  },
  api: async (app, { auditTrail }) => {
    await app.register(auditTrailApi, { auditTrail });
  },
  jobs: (jobs, { auditTrail }) => registerAuditTrailJobs(jobs, auditTrail),
  menu: [{ position: 90, href: '/audit', labelKey: 'nav.audit', permission: 'audit.read' }],
});
