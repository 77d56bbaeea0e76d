import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
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
import type { ReferenceService } from '../reference/reference.service.js';
import { loadNames, presentMinimumWage } from './job-orders.presenter.js';
import { minimumWageSchema } from './job-orders.schemas.js';
import type { MinimumWagesService } from './minimum-wages.service.js';
import { WAGE_PERIODS } from './vacancy.states.js';

const idParams = z.object({ id: z.uuid() });
const DONE = new Set(['set', 'removed']);

/**
 * The origin officer's minimum wages: one floor per destination and occupation (an ISCO-08
 * code of any level, or every occupation), below which job orders recruiting from their
 * country are refused.
 */
export async function minimumWagesRoutes(
  app: App,
  options: { minimumWages: MinimumWagesService; reference: ReferenceService },
): Promise<void> {
  const { minimumWages, reference } = options;
  const guard = { preHandler: requirePermission('minimum_wage.manage') };

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; values?: Record<string, unknown>; status?: number } = {},
  ) => {
    const ctx = actorContext(request);
    const locale = { language: request.language, t: request.t, fmt: request.fmt };
    const [records, names, countries, currencies] = await Promise.all([
      minimumWages.list(ctx),
      loadNames(reference, request.language),
      reference.listCountries(request.language),
      reference.listCurrencies(request.language),
    ]);
    const codes = [...new Set(records.flatMap((record) => record.iscoCode ?? []))];
    const groups = await Promise.all(
      codes.map((code) => reference.getIscoGroup(code, request.language)),
    );
    const titles = new Map(
      codes.map((code, index) => {
        const group = groups[index];
        return [code, group ? { text: group.title, lang: group.titleLanguage ?? 'en' } : null];
      }),
    );
    const rows = records.map((record) =>
      presentMinimumWage(record, names, locale, titles.get(record.iscoCode ?? '') ?? null),
    );
    const values = extra.values ?? { period: 'month' };
    const { done } = request.query as Record<string, unknown>;
    const origin = minimumWages.originOf(ctx);
    return reply.code(extra.status ?? 200).view('vacancies/views/job-orders/minimum-wages.njk', {
      origin: origin ? names.country(origin) : null,
      rows,
      // ISCO titles exist in en, fr and es: elsewhere they are English, and the page says so.
      termsNote: rows.some((row) => row.occupationLanguage === 'en'),
      values,
      done: typeof done === 'string' && DONE.has(done) ? done : null,
      countryItems: [
        { value: '', text: request.t('jobOrders.form.chooseCountry') },
        ...countries.map((country) => ({
          value: country.code,
          text: country.name,
          selected: country.code === values.destinationCountry,
        })),
      ],
      currencyItems: [
        { value: '', text: request.t('jobOrders.form.chooseCurrency') },
        ...currencies.map((currency) => ({
          value: currency.code,
          text: `${currency.code} – ${currency.name}`,
          selected:
            typeof values.currency === 'string' && currency.code === values.currency.toUpperCase(),
        })),
      ],
      periodItems: WAGE_PERIODS.map((period) => ({
        value: period,
        text: request.t(`jobOrders.periods.${period}`),
        selected: period === values.period,
      })),
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get('/minimum-wages', guard, async (request, reply) => page(request, reply));

  app.post('/minimum-wages', guard, async (request, reply) => {
    const form = parseForm(minimumWageSchema, request.body, request.t);
    if (!form.ok) return page(request, reply, { ...form, status: 400 });
    try {
      await minimumWages.set(actorContext(request), form.data);
      return reply.redirect('/minimum-wages?done=set', 303);
    } catch (error) {
      const errors = fieldErrorsFrom(error, request.t);
      return page(request, reply, { errors, values: form.data, status: 400 });
    }
  });

  app.post('/minimum-wages/:id/delete', guard, async (request, reply) => {
    const parsed = idParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    await minimumWages.remove(actorContext(request), parsed.data.id);
    return reply.redirect('/minimum-wages?done=removed', 303);
  });
}
