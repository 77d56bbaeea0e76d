import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import {
  fieldErrorsFrom,
  formErrorContext,
  parseForm,
  type FieldError,
} from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { paginationParams } from '../../platform/views/pagination.js';
import { CATEGORIES, OUTCOMES, REPORT_STATES, SEVERITIES } from './abuse-report.lifecycle.js';
import { displayReference } from './abuse-report.reference.js';
import { messageSchema, officerActionSchema, queueQuery } from './abuse-reports.schemas.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { AbuseReportsService } from './abuse-reports.service.js';

/**
 * Country and language names in the officer's language, not codes: the reference data's CLDR
 * names (ADR 12), the same the other pages and the API show.
 */
async function names(request: FastifyRequest, reference: ReferenceService) {
  const countries = new Map(
    (await reference.listCountries(request.language)).map((country) => [
      country.code,
      country.name,
    ]),
  );
  return {
    country: (code: string | null) => (code ? (countries.get(code) ?? code) : null),
    language: async (code: string) =>
      (await reference.getLanguage(code, request.language))?.name ?? code,
  };
}

function referenceOf(request: FastifyRequest): string {
  const value = (request.params as { reference?: unknown }).reference;
  if (typeof value !== 'string' || value.length > 60) throw new NotFoundError();
  return value;
}

/**
 * Officers' pages: the queue, a report with its history, notes and replies, the actions its
 * state allows, and the reporter's contact details (a page of its own: each view is audited).
 */
export async function officerRoutes(
  app: App,
  options: { abuseReports: AbuseReportsService; reference: ReferenceService },
): Promise<void> {
  const { abuseReports, reference } = options;
  const guard = { preHandler: requirePermission('abuse_report.triage') };

  app.get('/abuse-reports', guard, async (request, reply) => {
    const parsed = queueQuery.safeParse(request.query);
    const query = parsed.success ? parsed.data : { page: 1 };
    const queue = await abuseReports.queue(actorContext(request), query);
    const state = 'state' in query ? query.state : undefined;
    return reply.view('abuse-reports/views/queue.njk', {
      ...queue,
      items: queue.items.map((item) => ({ ...item, display: displayReference(item.reference) })),
      state: state ?? '',
      stateItems: [
        { value: '', text: request.t('abuseReports.queue.open'), selected: !state },
        ...REPORT_STATES.map((value) => ({
          value,
          text: request.t(`abuseReports.states.${value}`),
          selected: state === value,
        })),
      ],
      pagination: paginationParams(request.t, {
        page: queue.page,
        pages: queue.pages,
        href: (page: number) =>
          `/abuse-reports?${new URLSearchParams({ ...(state ? { state } : {}), page: String(page) }).toString()}`,
      }),
    });
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: FieldError[];
      status?: number;
      values?: Record<string, unknown>;
      form?: string;
    } = {},
  ) => {
    const detail = await abuseReports.detail(actorContext(request), referenceOf(request));
    const t = request.t;
    const name = await names(request, reference);
    return reply.code(extra.status ?? 200).view('abuse-reports/views/detail.njk', {
      ...detail,
      display: displayReference(detail.report.reference),
      subjectCountry: name.country(detail.report.subjectCountryCode),
      occurredCountry: name.country(detail.report.occurredCountryCode),
      replyLanguage: await name.language(detail.report.replyLanguage),
      values: extra.values ?? {},
      form: extra.form ?? '',
      categoryItems: [
        { value: '', text: t('abuseReports.detail.choose') },
        ...CATEGORIES.map((value) => ({
          value,
          text: t(`abuseReports.categories.${value}`),
          selected: (extra.values?.category ?? detail.report.category) === value,
        })),
      ],
      severityItems: SEVERITIES.map((value) => ({
        value,
        text: t(`abuseReports.severities.${value}`),
        checked: (extra.values?.severity ?? detail.report.severity) === value,
      })),
      assigneeItems: [
        { value: '', text: t('abuseReports.detail.choose') },
        ...detail.assignees.map((assignee) => ({
          value: assignee.userId,
          text: assignee.fullName,
          selected:
            (extra.values?.assigneeUserId ?? detail.report.assignedUserId) === assignee.userId,
        })),
      ],
      authorityItems: [
        { value: '', text: t('abuseReports.detail.choose') },
        ...detail.authorities.map((authority) => ({
          value: authority.id,
          text: `${authority.name} (${name.country(authority.countryCode)})`,
          selected: extra.values?.escalateToOrganisationId === authority.id,
        })),
      ],
      outcomeItems: OUTCOMES.map((value) => ({
        value,
        text: t(`abuseReports.outcomes.${value}`),
        checked: extra.values?.outcome === value,
      })),
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get('/abuse-reports/:reference', guard, (request, reply) => show(request, reply));

  app.post('/abuse-reports/:reference/events', guard, async (request, reply) => {
    const reference = referenceOf(request);
    const form = parseForm(officerActionSchema, request.body, request.t);
    const event = (request.body as Record<string, unknown> | undefined)?.event;
    const formName = typeof event === 'string' ? event : '';
    const rename = (errors: FieldError[]) =>
      errors.map((error) =>
        error.field === 'reason' ? { ...error, field: `reason-${formName}` } : error,
      );
    if (!form.ok)
      return show(request, reply, {
        errors: rename(form.errors),
        status: 400,
        values: form.values,
        form: formName,
      });
    try {
      await abuseReports.act(actorContext(request), reference, form.data);
      return reply.redirect(`/abuse-reports/${encodeURIComponent(reference)}`, 303);
    } catch (error) {
      return show(request, reply, {
        errors: rename(fieldErrorsFrom(error, request.t)),
        status: 400,
        values: form.data,
        form: formName,
      });
    }
  });

  app.post('/abuse-reports/:reference/messages', guard, async (request, reply) => {
    const reference = referenceOf(request);
    const form = parseForm(messageSchema, request.body, request.t);
    if (!form.ok)
      return show(request, reply, { errors: form.errors, status: 400, values: form.values });
    try {
      await abuseReports.addMessage(actorContext(request), reference, form.data);
      return reply.redirect(`/abuse-reports/${encodeURIComponent(reference)}#messages`, 303);
    } catch (error) {
      return show(request, reply, {
        errors: fieldErrorsFrom(error, request.t),
        status: 400,
        values: form.data,
      });
    }
  });

  app.get('/abuse-reports/:reference/contact', guard, async (request, reply) => {
    const reference = referenceOf(request);
    const contact = await abuseReports.contact(actorContext(request), reference);
    reply.header('cache-control', 'no-store');
    return reply.view('abuse-reports/views/contact.njk', {
      contact,
      reference,
      display: displayReference(reference.toUpperCase()),
    });
  });
}
