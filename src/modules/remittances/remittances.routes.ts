import { directionOf } from '../../platform/http/i18n.js';
import { formErrorContext, parseForm, type FieldError } from '../../platform/http/forms.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { comparisonPage, type PageCountry } from './remittances.page.js';
import { chooseCorridorQuery, comparisonQuery, corridorParams } from './remittances.schemas.js';
import type { RemittancesService } from './remittances.service.js';

/** The public comparison: no account, plain GET forms and links (works with JavaScript off). */
export async function remittancesRoutes(
  app: App,
  options: { remittances: RemittancesService; reference: ReferenceService },
): Promise<void> {
  const { remittances, reference } = options;

  async function country(code: string, language: string): Promise<PageCountry> {
    const found = await reference.getCountry(code, language);
    return {
      code,
      name: found?.name ?? code,
      nameLanguage: found?.nameLanguage ?? 'en',
    };
  }

  app.get('/remittances', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const asked = query.from !== undefined || query.to !== undefined;
    const corridors = await remittances.corridors();
    let errors: FieldError[] = [];
    let values: Record<string, unknown> = {};
    if (asked) {
      const form = parseForm(chooseCorridorQuery, query, request.t);
      if (form.ok) {
        const from = form.data.from.toUpperCase();
        const to = form.data.to.toUpperCase();
        if (corridors.some((c) => c.fromCountry === from && c.toCountry === to)) {
          return reply.redirect(`/remittances/${from}/${to}`, 303);
        }
        errors = [{ field: 'to', text: request.t('remittances.errors.noCorridor') }];
        values = { from, to };
      } else {
        errors = form.errors;
        values = form.values;
      }
    }
    const names = new Map(
      (await reference.listCountries(request.language)).map((c) => [c.code, c]),
    );
    const item = (code: string, selected: unknown) => ({
      value: code,
      text: names.get(code)?.name ?? code,
      selected: code === selected,
    });
    const byName = (a: { text: string }, b: { text: string }) =>
      a.text.localeCompare(b.text, request.language);
    const fromCodes = [...new Set(corridors.map((c) => c.fromCountry))];
    const toCodes = [...new Set(corridors.map((c) => c.toCountry))];
    const placeholder = { value: '', text: request.t('remittances.choose.select') };
    const priced = corridors
      .filter((c) => c.quotes > 0)
      .map((c) => ({
        href: `/remittances/${c.fromCountry}/${c.toCountry}`,
        text: request.t('remittances.choose.corridor', {
          from: names.get(c.fromCountry)?.name ?? c.fromCountry,
          to: names.get(c.toCountry)?.name ?? c.toCountry,
        }),
      }))
      .sort(byName);
    return reply.code(errors.length > 0 ? 400 : 200).view('remittances/views/choose.njk', {
      ...formErrorContext(errors),
      fromItems: [placeholder, ...fromCodes.map((code) => item(code, values.from)).sort(byName)],
      toItems: [placeholder, ...toCodes.map((code) => item(code, values.to)).sort(byName)],
      priced,
    });
  });

  app.get('/remittances/:from/:to', async (request, reply) => {
    const params = corridorParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError('remittances.errors.unknownCorridor');
    const { from, to } = params.data;
    const query = request.query as Record<string, unknown>;
    const form = parseForm(comparisonQuery, query, request.t);
    const input = form.ok ? form.data : comparisonQuery.parse({ sort: query.sort });
    let errors = form.ok ? [] : form.errors;
    let comparison;
    try {
      comparison = await remittances.compare({
        fromCountry: from,
        toCountry: to,
        amount: input.amount,
        currency: input.currency,
        sort: input.sort,
      });
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new NotFoundError('remittances.errors.unknownCorridor');
      if (!(error instanceof ValidationError)) throw error;
      // An unknown currency: priced in the corridor's own, with the error shown.
      errors = [{ field: 'currency', text: request.t('remittances.errors.chooseCurrency') }];
      comparison = await remittances.compare({
        fromCountry: from,
        toCountry: to,
        amount: input.amount,
        sort: input.sort,
      });
    }
    const page = comparisonPage({
      comparison,
      from: await country(from, request.language),
      to: await country(to, request.language),
      sort: input.sort,
      amountText: typeof query.amount === 'string' ? query.amount.slice(0, 40) : '',
      language: request.language,
      direction: directionOf(request.language),
      t: request.t,
      fmt: request.fmt,
    });
    return reply
      .code(errors.length > 0 ? 400 : 200)
      .view('remittances/views/corridor.njk', { ...formErrorContext(errors), ...page });
  });
}
