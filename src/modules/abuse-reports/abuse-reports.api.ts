import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { NotFoundError, problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import {
  filedJson,
  followJson,
  presentFiled,
  presentFollow,
  presentSummary,
  reportSummaryJson,
} from './abuse-reports.presenter.js';
import {
  messageSchema,
  officerActionSchema,
  queueQuery,
  referenceParam,
  reportSchema,
} from './abuse-reports.schemas.js';
import type { AbuseReportsService } from './abuse-reports.service.js';

const problem = problemDetailsSchema;

/** Reports of abuse in the JSON API: filing and following are public; the rest for officers. */
export async function abuseReportsApi(
  app: App,
  options: { abuseReports: AbuseReportsService },
): Promise<void> {
  const { abuseReports } = options;
  const triage = requirePermission('abuse_report.triage');

  app.post(
    '/abuse-reports',
    {
      schema: {
        tags: ['Abuse reports'],
        summary: 'File a report of abuse by a recruiter or an employer (public, throttled)',
        description:
          'Anyone may file, anonymously or with contact details (seen only by the officers who ' +
          'handle it, each view audited). Either organisationId (an agency or employer in ' +
          'Corridor) or subjectName and subjectKind. Any indicator, or the category ' +
          'trafficking, makes the report urgent: the responsible office is emailed at once. ' +
          'Five reports an hour from one address, then growing waits (429). The answer holds ' +
          'the reference, shown once: the only way to follow the report.',
        body: reportSchema,
        response: { 201: filedJson, 400: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const report = await abuseReports.file(request.body, {
        ipAddress: request.ip,
        requestId: request.id,
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(presentFiled(report));
    },
  );

  app.get(
    '/abuse-reports/:reference',
    {
      schema: {
        tags: ['Abuse reports'],
        summary: 'Follow a report by its reference: its state, outcome and public replies',
        description:
          'Public: the reference is the key. Never the report’s text, its contact details or ' +
          'the officers’ internal notes. References not found are counted per address: 20 an ' +
          'hour, then growing waits (429).',
        params: referenceParam,
        response: { 200: followJson, 404: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const view = await abuseReports.follow(request.params.reference, request.ip);
      if (!view) throw new NotFoundError();
      reply.header('cache-control', 'no-store');
      return presentFollow(view);
    },
  );

  app.get(
    '/abuse-reports',
    {
      onRequest: triage,
      schema: {
        tags: ['Abuse reports'],
        summary: 'The reports in the caller’s jurisdiction, urgent first (open ones by default)',
        querystring: queueQuery,
        response: {
          200: z.object({ items: z.array(reportSummaryJson), total: z.number(), page: z.number() }),
        },
      },
    },
    async (request) => {
      const queue = await abuseReports.queue(actorContext(request), request.query);
      return { items: queue.items.map(presentSummary), total: queue.total, page: queue.page };
    },
  );

  app.post(
    '/abuse-reports/:reference/events',
    {
      onRequest: triage,
      schema: {
        tags: ['Abuse reports'],
        summary:
          'Triage, assign, escalate or close a report (404 outside the caller’s jurisdiction)',
        params: referenceParam,
        body: officerActionSchema,
        response: { 200: reportSummaryJson, 400: problem, 404: problem },
      },
    },
    async (request) =>
      presentSummary(
        await abuseReports.act(actorContext(request), request.params.reference, request.body),
      ),
  );

  app.post(
    '/abuse-reports/:reference/messages',
    {
      onRequest: triage,
      schema: {
        tags: ['Abuse reports'],
        summary: 'Add an internal note, or a public reply the reporter reads when following',
        params: referenceParam,
        body: messageSchema,
        response: { 204: z.null(), 400: problem, 404: problem },
      },
    },
    async (request, reply) => {
      await abuseReports.addMessage(actorContext(request), request.params.reference, request.body);
      return reply.code(204).send(null);
    },
  );
}
