import type { FastifyRequest } from 'fastify';
import type { AnchorOutcome } from '../../platform/audit/audit.anchors.js';
import { can, scopeFilter } from '../../platform/authz/principal.js';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { formErrorContext, parseForm } from '../../platform/http/forms.js';
import type { App } from '../../platform/http/types.js';
import { filterQuery, presentAuditRow } from './audit-trail.presenter.js';
import { auditFilterSchema } from './audit-trail.schemas.js';
import type { AuditTrailService } from './audit-trail.service.js';

const FILTER_FIELDS = ['action', 'actorUserId', 'subjectType', 'subjectId', 'from', 'to'] as const;

/** What was typed into the filter form, to show again (strings only: the query may hold arrays). */
function submittedFilter(query: unknown): Record<(typeof FILTER_FIELDS)[number], string> {
  const source = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  return Object.fromEntries(
    FILTER_FIELDS.map((field) => {
      const value = source[field];
      return [field, typeof value === 'string' ? value.slice(0, 200) : ''];
    }),
  ) as Record<(typeof FILTER_FIELDS)[number], string>;
}

/** The auditor's pages: the trail, filtered and paged, and the chain check. */
export async function auditTrailRoutes(
  app: App,
  options: { auditTrail: AuditTrailService },
): Promise<void> {
  const { auditTrail } = options;

  const canVerify = (request: FastifyRequest) => can(request.principal, 'audit.verify');
  /** An auditor of an authority sees its country's events only: the page says so. */
  const scoped = (request: FastifyRequest) =>
    scopeFilter(request.principal, 'audit.read')?.all !== true;

  app.get('/audit', { preHandler: requirePermission('audit.read') }, async (request, reply) => {
    const values = submittedFilter(request.query);
    const form = parseForm(auditFilterSchema, request.query, request.t);
    if (!form.ok) {
      // Bad filter values are the reader's to correct: say which, show no events.
      return reply.code(400).view('audit-trail/views/events.njk', {
        values,
        events: [],
        invalid: true,
        canVerify: canVerify(request),
        scoped: scoped(request),
        csrfToken: reply.csrfToken(),
        ...formErrorContext(form.errors),
      });
    }
    const page = await auditTrail.list(actorContext(request), form.data);
    const { beforeId, ...filter } = form.data;
    return reply.view('audit-trail/views/events.njk', {
      values,
      events: page.events.map((event) => presentAuditRow(event, request.t)),
      olderHref:
        page.nextBeforeId === null
          ? null
          : `/audit${filterQuery({ ...filter, beforeId: page.nextBeforeId })}`,
      newestHref: beforeId === undefined ? null : `/audit${filterQuery(filter)}`,
      filtered: Object.values(filter).some((value) => value !== undefined),
      canVerify: canVerify(request),
      scoped: scoped(request),
      csrfToken: reply.csrfToken(),
      ...formErrorContext([]),
    });
  });

  /** The anchors: the list, the public key, the button and the download. */
  const anchorsPage = async (request: FastifyRequest, outcome: AnchorOutcome | null) => {
    const ctx = actorContext(request);
    const contents = await auditTrail.listAnchors(ctx);
    return {
      anchors: contents.anchors,
      problems: contents.problems,
      publicKeyPem: auditTrail.publicKeyPem(ctx),
      outcome,
    };
  };

  app.get(
    '/audit/anchors',
    { preHandler: requirePermission('audit.verify') },
    async (request, reply) =>
      reply.view('audit-trail/views/anchors.njk', {
        ...(await anchorsPage(request, null)),
        csrfToken: reply.csrfToken(),
      }),
  );

  app.post(
    '/audit/anchors',
    { preHandler: requirePermission('audit.verify') },
    async (request, reply) => {
      const outcome = await auditTrail.anchor(actorContext(request));
      // Shown straight away, as the check is: an outcome carried in a URL could be forged.
      return reply
        .code(outcome.anchored || outcome.reason !== 'broken' ? 200 : 409)
        .view('audit-trail/views/anchors.njk', {
          ...(await anchorsPage(request, outcome)),
          csrfToken: reply.csrfToken(),
        });
    },
  );

  app.get(
    '/audit/anchors.jsonl',
    { preHandler: requirePermission('audit.verify') },
    async (request, reply) => {
      const text = await auditTrail.exportAnchors(actorContext(request));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/jsonl; charset=utf-8')
        .header('content-disposition', `attachment; filename="corridor-audit-anchors-${day}.jsonl"`)
        .header('cache-control', 'no-store')
        .send(text);
    },
  );

  app.post(
    '/audit/verify',
    { preHandler: requirePermission('audit.verify') },
    async (request, reply) => {
      const result = await auditTrail.verify(actorContext(request));
      // Shown straight away, not after a redirect: a result carried in a URL could be forged.
      return reply.view('audit-trail/views/verify.njk', { result });
    },
  );
}
