import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  fieldErrorsFrom,
  formErrorContext,
  parseForm,
  type FieldError,
} from '../../platform/http/forms.js';
import type { App } from '../../platform/http/types.js';
import { LANGUAGES, LANGUAGE_INFO } from '../../platform/i18n/languages.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { CATEGORIES, INDICATORS } from './abuse-report.lifecycle.js';
import { displayReference } from './abuse-report.reference.js';
import { waitMessage } from './abuse-report.throttle.js';
import { TooManyRequestsError } from './abuse-reports.filing.js';
import { officerRoutes } from './abuse-reports.officer.routes.js';
import { followQuery, LIMITS, reportSchema, reportSearchQuery } from './abuse-reports.schemas.js';
import type { AbuseReportsService } from './abuse-reports.service.js';

export interface AbuseReportsRoutesOptions {
  abuseReports: AbuseReportsService;
  reference: ReferenceService;
}

/** A form's checkbox group as sent: nothing, one value, or several. */
function chosen(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value ? [value] : [];
}

/**
 * The public pages: file a report (`/report`) and follow it (`/report/follow`). No account, no
 * JavaScript; the organisation is found by a name search (a GET form above the report's form).
 */
export async function abuseReportsRoutes(
  app: App,
  options: AbuseReportsRoutesOptions,
): Promise<void> {
  const { abuseReports, reference } = options;

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { q?: string; values?: Record<string, unknown>; errors?: FieldError[]; status?: number },
  ) => {
    const values = extra.values ?? {};
    const q = extra.q ?? '';
    const found = q ? await abuseReports.searchSubjects(q) : [];
    const countries = await reference.listCountries(request.language);
    const countryItems = (selected: unknown) => [
      { value: '', text: request.t('abuseReports.form.chooseCountry') },
      ...countries.map((country) => ({
        value: country.code,
        text: country.name,
        selected: selected === country.code,
      })),
    ];
    const categories = chosen(values.categories);
    const indicators = chosen(values.indicators);
    const replyLanguage = values.replyLanguage ?? request.language;
    reply.header('cache-control', 'no-store');
    return reply.code(extra.status ?? 200).view('abuse-reports/views/report.njk', {
      q,
      searched: q.length > 0,
      foundCount: found.length,
      values,
      limits: LIMITS,
      organisationItems: [
        ...found.map((organisation) => ({
          value: organisation.id,
          text: organisation.name,
          hint: {
            text: request.t(
              `abuseReports.form.kind.${organisation.kind === 'employer' ? 'employer' : 'recruiter'}`,
            ),
          },
          checked: values.organisationId === organisation.id,
        })),
        ...(found.length ? [{ divider: request.t('abuseReports.form.or') }] : []),
        {
          value: 'none',
          text: request.t('abuseReports.form.notListed'),
          checked: !found.some((organisation) => organisation.id === values.organisationId),
        },
      ],
      subjectCountryItems: countryItems(values.subjectCountry),
      occurredCountryItems: countryItems(values.occurredCountry),
      categoryItems: CATEGORIES.map((category) => ({
        value: category,
        text: request.t(`abuseReports.categories.${category}`),
        checked: categories.includes(category),
      })),
      indicatorItems: INDICATORS.map((indicator) => ({
        value: indicator,
        text: request.t(`abuseReports.indicators.${indicator}`),
        checked: indicators.includes(indicator),
      })),
      languageItems: LANGUAGES.map((code) => ({
        value: code,
        text: LANGUAGE_INFO[code].nativeName,
        selected: code === replyLanguage,
        attributes: { lang: code },
      })),
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get('/report', async (request, reply) => {
    const parsed = reportSearchQuery.safeParse(request.query);
    return renderForm(request, reply, { q: parsed.success ? parsed.data.q : '' });
  });

  app.post('/report', async (request, reply) => {
    const q =
      typeof (request.body as Record<string, unknown> | undefined)?.q === 'string'
        ? String((request.body as Record<string, unknown>).q).slice(0, LIMITS.search)
        : '';
    const form = parseForm(reportSchema, request.body, request.t);
    if (!form.ok) {
      return renderForm(request, reply, {
        q,
        values: form.values,
        errors: form.errors,
        status: 400,
      });
    }
    try {
      const report = await abuseReports.file(form.data, {
        ipAddress: request.ip,
        requestId: request.id,
      });
      // Shown here, once, never in a URL (a shared phone's history, the server's logs).
      reply.header('cache-control', 'no-store');
      return reply.view('abuse-reports/views/report-sent.njk', {
        reference: displayReference(report.reference),
        urgent: report.urgent,
        hasEmail: Boolean(form.data.contactEmail),
      });
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        const wait = waitMessage(error.seconds);
        reply.header('retry-after', String(error.seconds));
        return renderForm(request, reply, {
          q,
          values: form.data,
          errors: [{ field: 'description', text: request.t(wait.key, wait.values) }],
          status: 429,
        });
      }
      const values = form.data as Record<string, unknown>;
      return renderForm(request, reply, {
        q,
        values,
        errors: fieldErrorsFrom(error, request.t),
        status: 400,
      });
    }
  });

  app.get('/report/follow', async (request, reply) => {
    const parsed = followQuery.safeParse(request.query);
    reply.header('cache-control', 'no-store');
    return reply.view('abuse-reports/views/follow.njk', {
      values: { reference: parsed.success ? parsed.data.reference : '' },
      ...formErrorContext([]),
    });
  });

  // A POST: the reference is the key to the report and stays out of URLs and logs.
  app.post('/report/follow', async (request, reply) => {
    const parsed = followQuery.safeParse(request.body ?? {});
    const typed = parsed.success ? parsed.data.reference.trim() : '';
    reply.header('cache-control', 'no-store');
    const fail = (status: number, text: string) =>
      reply.code(status).view('abuse-reports/views/follow.njk', {
        values: { reference: typed },
        ...formErrorContext([{ field: 'reference', text }]),
      });
    if (!typed) return fail(400, request.t('abuseReports.errors.enterReference'));
    try {
      const view = await abuseReports.follow(typed, request.ip);
      if (!view) return fail(404, request.t('abuseReports.errors.referenceNotFound'));
      return reply.view('abuse-reports/views/follow.njk', {
        values: { reference: '' },
        view: { ...view, reference: displayReference(view.reference) },
        ...formErrorContext([]),
      });
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) throw error;
      const wait = waitMessage(error.seconds);
      reply.header('retry-after', String(error.seconds));
      return fail(429, request.t(wait.key, wait.values));
    }
  });

  await app.register(officerRoutes, { abuseReports, reference });
}
