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
import type { ReferenceService } from '../reference/reference.service.js';
import { APPLICATION_STATES, REJECT_REASONS } from './application.lifecycle.js';
import { countryNames, historyRows, seekerName, termsRows } from './applications.presenter.js';
import {
  applicantsQuery,
  applySchema,
  organisationActionSchema,
  seekerActionSchema,
} from './applications.schemas.js';
import type { ApplicationsService } from './applications.service.js';

const VACANCY_NUMBER = /^(?:JO-)?0*(\d{1,12})$/i;

function vacancyNumberOf(request: FastifyRequest): number {
  const value = (request.params as { number?: unknown }).number;
  const match = typeof value === 'string' ? VACANCY_NUMBER.exec(value) : null;
  const number = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(number) || number < 1) throw new NotFoundError();
  return number;
}

function idOf(request: FastifyRequest): string {
  const value = (request.params as { id?: unknown }).id;
  if (typeof value !== 'string' || value.length > 60) throw new NotFoundError();
  return value;
}

/** The "what happens next" keys of each state, for the applicant. */
const DETAIL_TEMPLATE = 'applications/views/detail.njk';

/**
 * The applicant's pages (apply, my applications, one application) and the organisation's
 * (its applicants, one applicant with the actions its state allows). Plain forms, no script
 * needed; POST-redirect-GET; errors in an error summary.
 */
export async function applicationsRoutes(
  app: App,
  options: { applications: ApplicationsService; reference: ReferenceService },
): Promise<void> {
  const { applications, reference } = options;
  const seeker = { preHandler: requirePermission('application.create', { apiKeys: false }) };
  // The organisation's pages: staff who work applicants (a job seeker's own application.read
  // does not open them).
  const organisation = { preHandler: requirePermission('application.decide', { apiKeys: false }) };
  const decider = { preHandler: requirePermission('application.decide', { apiKeys: false }) };

  // ---- Apply -------------------------------------------------------------------------------

  const applyPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; values?: Record<string, unknown>; status?: number } = {},
  ) => {
    const ctx = actorContext(request);
    const number = vacancyNumberOf(request);
    const outcome = await applications.vacancyFor(number, request.language);
    const existing = await applications.existing(ctx, outcome.vacancy.id);
    if (existing) return reply.redirect(`/applications/${existing.id}`, 303);
    const userId = ctx.principal.userId!;
    const [hasProfile, documents, country] = await Promise.all([
      applications.hasProfile(userId),
      applications.ownDocuments(userId),
      countryNames(request, reference),
    ]);
    const chosen = new Set(
      ([] as unknown[]).concat(extra.values?.documentIds ?? []).map((value) => String(value)),
    );
    return reply
      .code(extra.status ?? (outcome.open ? 200 : 410))
      .view('applications/views/apply.njk', {
        open: outcome.open,
        number,
        vacancy: outcome.vacancy,
        title: outcome.vacancy.translation?.title ?? outcome.vacancy.title,
        rows: termsRows(request, outcome.vacancy, country),
        hasProfile,
        documentItems: documents.map((document) => ({
          value: document.id,
          html: `<bdi>${escape(document.name)}</bdi>`,
          checked: chosen.has(document.id),
        })),
        values: extra.values ?? {},
        ...formErrorContext(extra.errors ?? []),
      });
  };

  app.get('/vacancies/:number/apply', seeker, (request, reply) => applyPage(request, reply));

  app.post('/vacancies/:number/apply', seeker, async (request, reply) => {
    const number = vacancyNumberOf(request);
    const form = parseForm(applySchema, request.body, request.t);
    if (!form.ok)
      return applyPage(request, reply, { errors: form.errors, values: form.values, status: 400 });
    try {
      const outcome = await applications.apply(
        actorContext(request),
        number,
        form.data,
        request.language,
      );
      return reply.redirect(
        `/applications/${outcome.application.id}${outcome.created ? '?sent=1' : ''}`,
        303,
      );
    } catch (error) {
      return applyPage(request, reply, {
        errors: fieldErrorsFrom(error, request.t),
        values: form.data,
        status: 400,
      });
    }
  });

  // ---- The applicant's own ------------------------------------------------------------------

  app.get('/applications', seeker, async (request, reply) => {
    const items = await applications.mine(actorContext(request));
    return reply.view('applications/views/mine.njk', {
      items: items.map((item) => ({
        id: item.id,
        title: item.terms.title,
        language: item.terms.language,
        organisation: item.terms.agencyName ?? item.terms.employerName,
        state: item.state,
        submittedAt: item.submittedAt,
      })),
    });
  });

  const detailPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; status?: number } = {},
  ) => {
    const view = await applications.mineDetail(actorContext(request), idOf(request));
    const country = await countryNames(request, reference);
    const { application } = view;
    return reply.code(extra.status ?? 200).view(DETAIL_TEMPLATE, {
      application,
      sent: (request.query as { sent?: unknown } | undefined)?.sent === '1',
      rows: termsRows(request, application.terms, country),
      history: historyRows(request, view.history),
      events: view.events,
      interviewAt: application.interviewAt ? request.fmt.dateTime(application.interviewAt) : null,
      offerStart: application.offerStartDate ? request.fmt.date(application.offerStartDate) : null,
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get('/applications/:id', seeker, (request, reply) => detailPage(request, reply));

  app.post('/applications/:id/events', seeker, async (request, reply) => {
    const id = idOf(request);
    const form = parseForm(seekerActionSchema, request.body, request.t);
    if (!form.ok) return detailPage(request, reply, { errors: form.errors, status: 400 });
    try {
      await applications.seekerAct(actorContext(request), id, form.data.event);
      return reply.redirect(`/applications/${id}`, 303);
    } catch (error) {
      return detailPage(request, reply, { errors: fieldErrorsFrom(error, request.t), status: 400 });
    }
  });

  // ---- The organisation's -------------------------------------------------------------------

  app.get('/job-orders/:id/applicants', organisation, async (request, reply) =>
    reply.redirect(`/applicants?vacancy=${encodeURIComponent(idOf(request))}`, 303),
  );

  app.get('/applicants', organisation, async (request, reply) => {
    const query = applicantsQuery.parse(request.query ?? {});
    const list = await applications.organisationList(actorContext(request), {
      ...(query.vacancy ? { vacancyId: query.vacancy } : {}),
      ...(query.state ? { state: query.state } : {}),
      page: query.page,
    });
    const params = (page: number) =>
      new URLSearchParams({
        ...(query.vacancy ? { vacancy: query.vacancy } : {}),
        ...(query.state ? { state: query.state } : {}),
        page: String(page),
      }).toString();
    return reply.view('applications/views/applicants.njk', {
      ...list,
      query,
      items: list.items.map((item) => ({
        id: item.id,
        name: seekerName(request, item, item.seeker),
        nationality: item.seeker?.nationality ?? null,
        title: item.terms.title,
        language: item.terms.language,
        number: item.vacancyNumber,
        state: item.state,
        submittedAt: item.submittedAt,
      })),
      stateItems: [
        { value: '', text: request.t('applications.applicants.allStates'), selected: !query.state },
        ...APPLICATION_STATES.map((value) => ({
          value,
          text: request.t(`applications.states.${value}`),
          selected: query.state === value,
        })),
      ],
      pagination: paginationParams(request.t, {
        page: list.page,
        pages: list.pages,
        href: (page: number) => `/applicants?${params(page)}`,
      }),
    });
  });

  const applicantPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: FieldError[];
      status?: number;
      values?: Record<string, unknown>;
      form?: string;
    } = {},
  ) => {
    const view = await applications.organisationDetail(actorContext(request), idOf(request));
    const country = await countryNames(request, reference);
    const { application } = view;
    const values = extra.values ?? {};
    return reply.code(extra.status ?? 200).view('applications/views/applicant.njk', {
      application,
      name: seekerName(request, application, view.seeker),
      seeker: view.seeker,
      rows: termsRows(request, application.terms, country),
      history: historyRows(request, view.history, 'organisation'),
      events: view.events,
      documents: view.documents,
      interviewAt: application.interviewAt ? request.fmt.dateTime(application.interviewAt) : null,
      offerStart: application.offerStartDate ? request.fmt.date(application.offerStartDate) : null,
      values,
      form: extra.form ?? '',
      done: (request.query as { done?: unknown } | undefined)?.done,
      rejectItems: REJECT_REASONS.map((value) => ({
        value,
        text: request.t(`applications.rejectReasons.${value}`),
        checked: values.rejectReason === value,
      })),
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get('/applicants/:id', organisation, (request, reply) => applicantPage(request, reply));

  app.post('/applicants/:id/events', decider, async (request, reply) => {
    const id = idOf(request);
    const event = (request.body as Record<string, unknown> | undefined)?.event;
    const formName = typeof event === 'string' ? event.slice(0, 40) : '';
    const form = parseForm(organisationActionSchema, request.body, request.t);
    if (!form.ok) {
      return applicantPage(request, reply, {
        errors: form.errors,
        status: 400,
        values: form.values,
        form: formName,
      });
    }
    try {
      await applications.organisationAct(actorContext(request), id, form.data);
      return reply.redirect(`/applicants/${id}?done=${encodeURIComponent(form.data.event)}`, 303);
    } catch (error) {
      const values = (request.body ?? {}) as Record<string, unknown>;
      return applicantPage(request, reply, {
        errors: fieldErrorsFrom(error, request.t),
        status: 400,
        values,
        form: formName,
      });
    }
  });

  // The document as a query parameter: one download address per application.
  app.get('/applicants/:id/document', organisation, async (request, reply) => {
    const documentId = (request.query as { id?: unknown } | undefined)?.id;
    if (typeof documentId !== 'string' || documentId.length > 60) throw new NotFoundError();
    const file = await applications.openDocument(actorContext(request), idOf(request), documentId);
    reply.header('cache-control', 'no-store');
    reply.header(
      'content-disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    );
    return reply.type(file.contentType).send(Buffer.from(file.body));
  });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
