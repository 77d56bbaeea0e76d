import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorContext } from '../../platform/http/context.js';
import { formErrorContext, type FieldError } from '../../platform/http/forms.js';
import { escapeHtml } from '../../platform/views/terms.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { chosenSkills, jobOrderToForm, rowCounts, type FlatForm } from './job-orders.form.js';
import { actingOrganisations } from './job-orders.policy.js';
import { explainMatch, type ReasonContext } from './occupation-reasons.js';
import { formChoices } from './job-orders.presenter.js';
import type { JobOrderInput } from './job-orders.schemas.js';
import type { JobOrdersService } from './job-orders.service.js';

/**
 * The two steps of the job-order form, without JavaScript. Step 1 ("What is the job?") searches
 * occupation titles in the reader's language (a GET form: the query and the choice are in the
 * URL) and asks where the job is; step 2 is the whole form for that occupation, its ESCO skills
 * as checkboxes and the subdivisions of the chosen country ("Update the list of places"
 * re-draws them after the country is changed, keeping what was typed).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const QUERY_MAX = 100;
const MATCHES = 20;

/** The submitted fields as strings (repeated fields as arrays), without the CSRF token. */
export function formValues(body: unknown): FlatForm {
  const values: FlatForm = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) {
      values[name] = value.filter((item): item is string => typeof item === 'string');
    }
  }
  return values;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export interface Target {
  /** Where the form posts: /job-orders/new or /job-orders/<id>/edit. */
  action: string;
  /** The job order being edited, or null for a new one. */
  id: string | null;
}

export class FormPages {
  constructor(
    private readonly deps: {
      jobOrders: JobOrdersService;
      reference: ReferenceService;
      views: string;
    },
  ) {}

  /** The occupation an id or an ISCO-08 unit group code names, in the reader's language. */
  async occupation(value: unknown, language: string) {
    const code = text(value);
    if (UUID.test(code)) {
      const found = await this.deps.reference.getOccupation(code, language);
      return found
        ? {
            id: found.id,
            title: found.title,
            iscoCode: found.iscoUnitGroup.code,
            iscoTitle: found.iscoUnitGroup.title,
            escoId: found.id,
          }
        : null;
    }
    if (/^[0-9]{4}$/.test(code)) {
      const group = await this.deps.reference.getIscoGroup(code, language);
      return group?.level === 4
        ? { id: code, title: group.title, iscoCode: code, iscoTitle: group.title, escoId: null }
        : null;
    }
    return null;
  }

  /** GET: step 1 until an occupation is chosen (or when changing it), else step 2. */
  async start(
    request: FastifyRequest,
    reply: FastifyReply,
    target: Target & { stored?: JobOrderInput },
  ) {
    const query = request.query as Record<string, unknown>;
    const chosen = text(query.occupation);
    const values: FlatForm = target.stored
      ? jobOrderToForm(target.stored)
      : await this.defaults(request);
    if (text(query.destinationCountry)) values.destinationCountry = text(query.destinationCountry);
    // The wage is most often in the destination's currency: preset it (the reader can change it).
    if (!values.wageCurrency && text(values.destinationCountry)) {
      const currency = await this.deps.reference.currencyOfCountry(text(values.destinationCountry));
      if (currency) values.wageCurrency = currency;
    }
    const choosing = query.change === 'occupation' || 'occupationQuery' in query;
    if (!chosen && (choosing || !target.stored)) {
      const errors: FieldError[] =
        query.step === 'continue'
          ? [{ field: 'occupation', text: request.t('jobOrders.errors.chooseOccupation') }]
          : [];
      return this.choose(request, reply, { ...target, values, errors });
    }
    if (chosen) {
      if (!(await this.occupation(chosen, request.language))) {
        const errors = [
          { field: 'occupation', text: request.t('jobOrders.errors.unknownOccupation') },
        ];
        return this.choose(request, reply, { ...target, values, errors });
      }
      values.occupation = chosen;
    }
    return this.form(request, reply, { ...target, values, errors: [], status: 200 });
  }

  /** A new job order's starting values: the reader's language, a monthly wage, and the origin
   *  country of the caller's last job order (an employer recruits from the same place). */
  private async defaults(request: FastifyRequest): Promise<FlatForm> {
    const [latest] = await this.deps.jobOrders.list(actorContext(request), undefined, { limit: 1 });
    const values: FlatForm = {
      language: request.language,
      wagePeriod: 'month',
      experienceMonths: '0',
    };
    if (latest) values.originCountry = latest.originCountry;
    return values;
  }

  /** Step 1: search occupation titles, pick one, say where the job is. */
  private async choose(
    request: FastifyRequest,
    reply: FastifyReply,
    page: Target & { values: FlatForm; errors: FieldError[] },
  ) {
    const query = request.query as Record<string, unknown>;
    const occupationQuery = text(query.occupationQuery).slice(0, QUERY_MAX);
    const [matches, countries, languages] = await Promise.all([
      occupationQuery
        ? this.deps.reference.searchOccupations(occupationQuery, {
            language: request.language,
            limit: MATCHES,
          })
        : Promise.resolve([]),
      this.deps.reference.listCountries(request.language),
      this.deps.reference.listLanguages(request.language),
    ]);
    const languageNames = new Map(languages.map((language) => [language.code, language.name]));
    const reasons: ReasonContext = {
      t: request.t,
      fmt: request.fmt,
      languageName: (code) => languageNames.get(code) ?? code,
    };
    const selected = text(query.occupation) || text(page.values.occupation);
    // With no list to pick from, the message belongs to the search box.
    const errors = matches.length
      ? page.errors
      : page.errors.map((error) =>
          error.field === 'occupation' ? { ...error, field: 'occupationQuery' } : error,
        );
    return reply.code(page.errors.length ? 400 : 200).view(`${this.deps.views}/choose.njk`, {
      action: page.action,
      isEdit: page.id !== null,
      occupationQuery,
      searched: occupationQuery !== '',
      occupationItems: matches.map((match) => ({
        value: match.id,
        text: match.title,
        // The unit group, then why it matched (issue 12).
        hint: {
          html: `${escapeHtml(
            request.t('jobOrders.choose.iscoGroup', {
              code: match.iscoUnitGroup.code,
              title: match.iscoUnitGroup.title,
            }),
          )}<br>${explainMatch(match, reasons).toString()}`,
        },
        checked: match.id === selected,
      })),
      countryItems: [
        { value: '', text: request.t('jobOrders.form.chooseCountry') },
        ...countries.map((country) => ({
          value: country.code,
          text: country.name,
          selected: country.code === page.values.destinationCountry,
        })),
      ],
      ...formErrorContext(errors),
    });
  }

  /** Step 2: the whole form, with the values given and the errors, if any. */
  async form(
    request: FastifyRequest,
    reply: FastifyReply,
    page: Target & { values: FlatForm; errors: FieldError[]; status: number },
  ) {
    const { jobOrders, reference } = this.deps;
    const { values } = page;
    const ctx = actorContext(request);
    // An agency's job order names the employer; an employer's names the origin country.
    const agency = page.id
      ? (await jobOrders.get(ctx, page.id)).vacancy.agencyId !== null
      : actingOrganisations(request.principal)[0]?.role === 'agency_staff';
    const occupation = await this.occupation(values.occupation, request.language);
    const [choices, employers] = await Promise.all([
      formChoices(
        reference,
        { language: request.language, t: request.t, fmt: request.fmt },
        {
          values,
          rows: rowCounts(values),
          chosenSkills: chosenSkills(values),
          occupationId: occupation?.escoId ?? null,
        },
      ),
      agency ? jobOrders.vettedEmployers() : Promise.resolve([]),
    ]);
    const destination = text(values.destinationCountry);
    return reply.code(page.status).view(`${this.deps.views}/form.njk`, {
      action: page.action,
      isEdit: page.id !== null,
      agency,
      occupation,
      changeOccupation: `${page.action}?change=occupation${destination ? `&destinationCountry=${encodeURIComponent(destination)}` : ''}`,
      values,
      choices,
      termsNote: choices.termsInEnglish,
      employerItems: [
        { value: '', text: request.t('jobOrders.form.chooseEmployer') },
        ...employers.map((employer) => ({
          value: employer.id,
          text: employer.name,
          selected: employer.id === values.employerId,
        })),
      ],
      ...formErrorContext(page.errors),
    });
  }
}
