import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../platform/authz/principal.js';
import { requireAnyPermission, requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import {
  fieldErrorsFrom,
  formErrorContext,
  parseForm,
  type FieldError,
} from '../../platform/http/forms.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { paginationParams } from '../../platform/views/pagination.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { readJobOrderForm } from './job-orders.form.js';
import { FormPages, formValues } from './job-orders.form-page.js';
import { actingOrganisations, canDecide } from './job-orders.policy.js';
import { loadNames, presentJobOrder, presentRow } from './job-orders.presenter.js';
import {
  jobOrderCloseSchema,
  jobOrderDecisionSchema,
  JOB_ORDER_SORTS,
  jobOrderListPageQuerySchema,
  jobOrderSchema,
  vacancyIdParamSchema,
} from './job-orders.schemas.js';
import type { JobOrdersService } from './job-orders.service.js';
import type { MinimumWagesService } from './minimum-wages.service.js';
import { minimumWagesRoutes } from './minimum-wages.routes.js';
import { VACANCY_EVENTS, VACANCY_STATES } from './vacancy.states.js';

const VIEWS = 'vacancies/views/job-orders';
const ownerEventSchema = jobOrderCloseSchema.extend({
  event: z.enum(
    ['submit', 'withdraw', 'publish', 'fill_position', 'close'],
    'jobOrders.errors.chooseAction',
  ),
});

function idParam(request: FastifyRequest): string {
  const parsed = vacancyIdParamSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** The list and the job order itself are for owners and deciders; others are refused. */
/** The staff pages are for owners (vacancy.update) and deciders (vacancy.decide). */
const STAFF_PERMISSIONS = ['vacancy.update', 'vacancy.decide'] as const;

function requireStaff(request: FastifyRequest): void {
  if (!STAFF_PERMISSIONS.some((permission) => can(request.principal, permission))) {
    throw new ForbiddenError();
  }
}

const locale = (request: FastifyRequest) => ({
  language: request.language,
  t: request.t,
  fmt: request.fmt,
});

/**
 * Staff pages for job orders: employers' and agencies' staff draft, submit and manage theirs;
 * origin officers review the queue, approve or reject, and set minimum wages
 * (minimum-wages.routes.ts). Every page works without JavaScript.
 */
export async function jobOrdersRoutes(
  app: App,
  options: {
    jobOrders: JobOrdersService;
    minimumWages: MinimumWagesService;
    reference: ReferenceService;
  },
): Promise<void> {
  const { jobOrders, reference } = options;
  const pages = new FormPages({ jobOrders, reference, views: VIEWS });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: {
      errors?: FieldError[];
      values?: Record<string, unknown>;
      status?: number;
    } = {},
  ) => {
    requireStaff(request);
    const view = await jobOrders.get(actorContext(request), id, request.language);
    const names = await loadNames(reference, request.language);
    const { done } = request.query as Record<string, unknown>;
    const actionFields = new Set(['reason', 'closeReason']);
    const errors = (extra.errors ?? []).map((error) => ({
      ...error,
      field: actionFields.has(error.field) ? error.field : 'actions',
    }));
    return reply.code(extra.status ?? 200).view(`${VIEWS}/show.njk`, {
      job: await presentJobOrder(view, { reference, names, locale: locale(request) }),
      ownerActions: view.ownerActions,
      officerActions: view.officerActions,
      done:
        typeof done === 'string' && (VACANCY_EVENTS as readonly string[]).includes(done)
          ? done
          : null,
      values: extra.values ?? {},
      ...formErrorContext(errors),
    });
  };

  app.get(
    '/job-orders',
    { preHandler: requireAnyPermission(STAFF_PERMISSIONS) },
    async (request, reply) => {
      const { state, sort, page } = jobOrderListPageQuerySchema.parse(request.query);
      const [list, names] = await Promise.all([
        jobOrders.page(actorContext(request), { state, sort, page }),
        loadNames(reference, request.language),
      ]);
      const kept = new URLSearchParams({ ...(state ? { state } : {}), sort });
      return reply.view(`${VIEWS}/list.njk`, {
        rows: list.items.map((vacancy) => presentRow(vacancy, names, locale(request))),
        total: list.total,
        pagination: paginationParams(request.t, {
          page: list.page,
          pages: list.pages,
          href: (n) => `/job-orders?${kept.toString()}&page=${n}`,
        }),
        stateItems: [
          { value: '', text: request.t('jobOrders.list.allStates') },
          ...VACANCY_STATES.map((value) => ({
            value,
            text: request.t(`jobOrders.states.${value}`),
            selected: value === state,
          })),
        ],
        sortItems: JOB_ORDER_SORTS.map((value) => ({
          value,
          text: request.t(`jobOrders.list.sorts.${value}`),
          selected: value === sort,
        })),
        filtered: state !== undefined,
        canCreate: actingOrganisations(request.principal).length > 0,
        canReview: can(request.principal, 'vacancy.decide'),
      });
    },
  );

  app.get(
    '/job-orders/review',
    { preHandler: requirePermission('vacancy.decide') },
    async (request, reply) => {
      const [submitted, names] = await Promise.all([
        jobOrders.list(actorContext(request), 'submitted'),
        loadNames(reference, request.language),
      ]);
      // Oldest first: the queue is worked in the order job orders arrived.
      const queue = submitted
        .filter((vacancy) => canDecide(request.principal, vacancy))
        .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
      return reply.view(`${VIEWS}/review.njk`, {
        rows: queue.map((vacancy) => presentRow(vacancy, names, locale(request))),
        canSetMinimumWages: can(request.principal, 'minimum_wage.manage'),
      });
    },
  );

  app.get(
    '/job-orders/new',
    { preHandler: requirePermission('vacancy.create') },
    async (request, reply) => pages.start(request, reply, { action: '/job-orders/new', id: null }),
  );

  app.post(
    '/job-orders/new',
    { preHandler: requirePermission('vacancy.create') },
    async (request, reply) => save(request, reply, { action: '/job-orders/new', id: null }),
  );

  app.get(
    '/job-orders/:id',
    { preHandler: requireAnyPermission(STAFF_PERMISSIONS) },
    async (request, reply) => show(request, reply, idParam(request)),
  );

  app.get(
    '/job-orders/:id/edit',
    { preHandler: requirePermission('vacancy.update') },
    async (request, reply) => {
      const id = idParam(request);
      const ctx = actorContext(request);
      const view = await jobOrders.get(ctx, id);
      if (!view.ownerActions.includes('update')) return reply.redirect(`/job-orders/${id}`, 303);
      const { input } = await jobOrders.inputOf(ctx, id);
      return pages.start(request, reply, { action: `/job-orders/${id}/edit`, id, stored: input });
    },
  );

  app.post(
    '/job-orders/:id/edit',
    { preHandler: requirePermission('vacancy.update') },
    async (request, reply) =>
      save(request, reply, {
        action: `/job-orders/${idParam(request)}/edit`,
        id: idParam(request),
      }),
  );

  /**
   * Saves the form as a draft (new or edited), or saves and submits it in one transaction: if
   * the submission is refused nothing is written, and the form comes back with what was typed
   * and why.
   */
  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { action: string; id: string | null },
  ) {
    const values = formValues(request.body);
    const form = readJobOrderForm(values);
    const again = (errors: FieldError[], status: number) =>
      pages.form(request, reply, { ...target, values, errors, status });
    if (values.refresh) return again([], 200);
    const parsed = parseForm(jobOrderSchema, form.input, request.t);
    if (!parsed.ok) return again(form.errors(parsed.errors), 400);
    const ctx = actorContext(request);
    const submit = values.intent === 'submit';
    let id: string;
    try {
      const saved = target.id
        ? await jobOrders.update(ctx, target.id, parsed.data, { submit })
        : await jobOrders.create(ctx, parsed.data, { submit });
      id = saved.id;
    } catch (error) {
      return again(form.errors(fieldErrorsFrom(error, request.t)), 400);
    }
    const done = submit ? 'submit' : target.id ? 'update' : 'create';
    return reply.redirect(`/job-orders/${id}?done=${done}`, 303);
  }

  app.post(
    '/job-orders/:id/events',
    { preHandler: requirePermission('vacancy.update') },
    async (request, reply) => {
      const id = idParam(request);
      // The owner's reason box is "closeReason": the officer's form has its own "reason".
      const owners = (errors: FieldError[]) =>
        errors.map((item) => (item.field === 'reason' ? { ...item, field: 'closeReason' } : item));
      const form = parseForm(ownerEventSchema, request.body, request.t);
      if (!form.ok) return show(request, reply, id, { errors: owners(form.errors), status: 400 });
      try {
        await jobOrders.ownerEvent(actorContext(request), id, form.data.event, form.data.reason);
        return reply.redirect(`/job-orders/${id}?done=${form.data.event}`, 303);
      } catch (error) {
        const errors = owners(fieldErrorsFrom(error, request.t));
        return show(request, reply, id, { errors, status: 400 });
      }
    },
  );

  app.post(
    '/job-orders/:id/decision',
    { preHandler: requirePermission('vacancy.decide') },
    async (request, reply) => {
      const id = idParam(request);
      const form = parseForm(jobOrderDecisionSchema, request.body, request.t);
      if (!form.ok) {
        return show(request, reply, id, { errors: form.errors, values: form.values, status: 400 });
      }
      try {
        await jobOrders.decide(actorContext(request), id, form.data);
        return reply.redirect(`/job-orders/${id}?done=${form.data.event}`, 303);
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return show(request, reply, id, { errors, values: { ...form.data }, status: 400 });
      }
    },
  );

  await minimumWagesRoutes(app, { minimumWages: options.minimumWages, reference });
}
