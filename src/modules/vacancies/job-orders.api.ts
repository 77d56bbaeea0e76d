import { z } from 'zod';
import type { Permission } from '../../platform/authz/catalogue.js';
import { can } from '../../platform/authz/principal.js';
import { requirePermission, requirePermissionByField } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { ForbiddenError, problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import {
  jobOrderSummaryView,
  jobOrderView,
  minimumWageView,
  presentJobOrder,
  presentMinimumWage,
  presentSummary,
} from './job-orders.api-view.js';
import {
  jobOrderDecisionSchema,
  jobOrderListQuerySchema,
  jobOrderSchema,
  minimumWageSchema,
} from './job-orders.schemas.js';
import type { JobOrdersService } from './job-orders.service.js';
import type { MinimumWagesService } from './minimum-wages.service.js';
import { OWNER_EVENT_PERMISSION } from './job-orders.policy.js';

const problem = problemDetailsSchema;
const NO_ID = '00000000-0000-0000-0000-000000000000';
const idParams = z.object({ id: z.string().max(100) });
const uuidOrNone = (value: string) => {
  const parsed = z.uuid().safeParse(value);
  return parsed.success ? parsed.data : NO_ID;
};

const API_OWNER_EVENTS = ['submit', 'withdraw', 'publish', 'fill_position', 'close'] as const;
const ownerEventSchema = z.object({
  event: z.enum(API_OWNER_EVENTS, 'jobOrders.errors.chooseAction'),
  reason: jobOrderDecisionSchema.shape.reason,
});
/** The permission each event of the API needs: declared on the route, checked in the handler. */
const API_OWNER_EVENT_PERMISSION = Object.fromEntries(
  API_OWNER_EVENTS.map((event) => [event, OWNER_EVENT_PERMISSION[event]]),
) as Record<(typeof API_OWNER_EVENTS)[number], Permission>;

/**
 * Job orders in the JSON API: employers' and agencies' systems post them with an API key
 * (vacancy.create, vacancy.submit); origin authorities decide on them (vacancy.decide) and set
 * minimum wages. The public list of vacancies is /vacancies (vacancies-public.api.ts).
 */
export async function jobOrdersApi(
  app: App,
  options: { jobOrders: JobOrdersService; minimumWages: MinimumWagesService },
): Promise<void> {
  const { jobOrders, minimumWages } = options;
  const tags = ['Job orders'];

  app.get(
    '/job-orders',
    {
      onRequest: requirePermission('vacancy.read'),
      schema: {
        tags,
        summary: 'Job orders of the caller’s organisation, or of the officer’s jurisdiction',
        description:
          'Paged, 25 to a page: `sort` is `changed` (most recently changed first, the default), ' +
          '`deadline` (closing soonest first) or `newest` (most recently created first). A page ' +
          'past the last answers the last.',
        querystring: jobOrderListQuerySchema,
        response: {
          200: z.object({
            items: z.array(jobOrderSummaryView),
            total: z.number().int(),
            page: z.number().int(),
            pages: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const { items, ...paging } = await jobOrders.page(actorContext(request), request.query);
      return { items: items.map(presentSummary), ...paging };
    },
  );

  app.post(
    '/job-orders',
    {
      onRequest: requirePermission('vacancy.create'),
      schema: {
        tags,
        summary: 'Create a job order as a draft, or with "submit": true submit it for approval',
        description:
          'An employer’s key creates job orders for its employer; an agency’s key names the vetted employer (employerId). A wage below the minimum, a past deadline, unknown codes or an agency without an active licence are refused with field errors. Create and submit are one transaction: a refused submission writes nothing.',
        body: jobOrderSchema.extend({ submit: z.boolean().default(false) }),
        response: { 201: jobOrderView, 400: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const ctx = actorContext(request);
      const { submit, ...input } = request.body;
      if (submit && !can(ctx.principal, 'vacancy.submit')) throw new ForbiddenError();
      const created = await jobOrders.create(ctx, input, { submit });
      return reply.code(201).send(presentJobOrder(await jobOrders.get(ctx, created.id)));
    },
  );

  app.get(
    '/job-orders/:id',
    {
      onRequest: requirePermission('vacancy.read'),
      schema: {
        tags,
        summary: 'One job order with its history (404 outside the caller’s scope)',
        params: idParams,
        response: { 200: jobOrderView, 404: problem },
      },
    },
    async (request) =>
      presentJobOrder(await jobOrders.get(actorContext(request), uuidOrNone(request.params.id))),
  );

  app.put(
    '/job-orders/:id',
    {
      onRequest: requirePermission('vacancy.update'),
      schema: {
        tags,
        summary:
          'Replace the terms of a draft or rejected job order; with "submit": true, submit it',
        description:
          'Saving and submitting are one transaction: a refused submission leaves the job order as it was.',
        params: idParams,
        body: jobOrderSchema.extend({ submit: z.boolean().default(false) }),
        response: { 200: jobOrderView, 400: problem, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const ctx = actorContext(request);
      const id = uuidOrNone(request.params.id);
      const { submit, ...input } = request.body;
      await jobOrders.update(ctx, id, input, { submit });
      return presentJobOrder(await jobOrders.get(ctx, id));
    },
  );

  app.post(
    '/job-orders/:id/events',
    {
      onRequest: requirePermissionByField('event', API_OWNER_EVENT_PERMISSION),
      schema: {
        tags,
        summary: 'The owner submits, withdraws, publishes, fills a position or closes',
        params: idParams,
        body: ownerEventSchema,
        response: { 200: jobOrderView, 400: problem, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const ctx = actorContext(request);
      if (!can(ctx.principal, API_OWNER_EVENT_PERMISSION[request.body.event])) {
        throw new ForbiddenError();
      }
      const id = uuidOrNone(request.params.id);
      await jobOrders.ownerEvent(ctx, id, request.body.event, request.body.reason);
      return presentJobOrder(await jobOrders.get(ctx, id));
    },
  );

  app.post(
    '/job-orders/:id/decisions',
    {
      onRequest: requirePermission('vacancy.decide'),
      schema: {
        tags,
        summary: 'The origin authority approves (and so publishes), rejects or closes',
        params: idParams,
        body: jobOrderDecisionSchema,
        response: { 200: jobOrderView, 400: problem, 404: problem },
      },
    },
    async (request) => {
      const ctx = actorContext(request);
      const id = uuidOrNone(request.params.id);
      await jobOrders.decide(ctx, id, request.body);
      return presentJobOrder(await jobOrders.get(ctx, id));
    },
  );

  app.get(
    '/minimum-wages',
    {
      onRequest: requirePermission('minimum_wage.manage'),
      schema: {
        tags,
        summary: 'The minimum wages the caller’s authority has set',
        response: { 200: z.object({ items: z.array(minimumWageView) }) },
      },
    },
    async (request) => ({
      items: (await minimumWages.list(actorContext(request))).map(presentMinimumWage),
    }),
  );

  app.put(
    '/minimum-wages',
    {
      onRequest: requirePermission('minimum_wage.manage'),
      schema: {
        tags,
        summary: 'Set the minimum wage for a destination (and an ISCO code, or every occupation)',
        body: minimumWageSchema,
        response: { 200: minimumWageView, 400: problem, 404: problem },
      },
    },
    async (request) =>
      presentMinimumWage(await minimumWages.set(actorContext(request), request.body)),
  );

  app.delete(
    '/minimum-wages/:id',
    {
      onRequest: requirePermission('minimum_wage.manage'),
      schema: {
        tags,
        summary: 'Remove a minimum wage',
        params: idParams,
        response: { 204: z.null(), 404: problem },
      },
    },
    async (request, reply) => {
      await minimumWages.remove(actorContext(request), uuidOrNone(request.params.id));
      return reply.code(204).send(null);
    },
  );
}
