import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { formErrorContext, parseForm, type FieldError } from '../../platform/http/forms.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { noStore, requireLookup, requireOwnDocuments } from './identity-documents.access.js';
import { presentDocumentRow } from './identity-documents.presenter.js';
import {
  addDocumentSchema,
  checkExpiryDate,
  documentIdSchema,
  expiryDateParts,
  lookupSchema,
  type DatePart,
} from './identity-documents.schemas.js';
import {
  NO_PERSON_FOUND,
  TooManyMissesError,
  type IdentityDocumentsService,
  type PersonFound,
} from './identity-documents.service.js';
import { DOCUMENT_TYPES } from './identity-documents.tables.js';
import { MRZ_LINE_LENGTHS, mrzLines, readMrz, type MrzDocument, type MrzError } from './mrz.js';

export interface IdentityDocumentsRoutesOptions {
  identityDocuments: IdentityDocumentsService;
  reference: ReferenceService;
}

const DOCUMENTS_PAGE = 'identity-documents/views/documents.njk';
const LOOKUP_PAGE = 'identity-documents/views/lookup.njk';
const DOCUMENTS_PATH = '/account/identity-documents';
const READ_MRZ_PATH = `${DOCUMENTS_PATH}/read-mrz`;

type Values = Record<string, unknown>;

/** A service's field problems as form errors, translated. */
function formErrors(error: ValidationError, request: FastifyRequest): FieldError[] {
  return error.fields.map((field) => ({
    field: field.pointer.replace(/^\//, '') || 'form',
    text: request.t(field.detail),
  }));
}

/** An MRZ problem as a sentence; the MRZ itself is never repeated, but for a country code. */
function mrzErrorText(error: MrzError, request: FastifyRequest): string {
  return request.t(`identityDocuments.mrz.errors.${error.key}`, {
    ...MRZ_LINE_LENGTHS,
    first: 1,
    ...('values' in error ? error.values : {}),
  });
}

/** The person's documents ("Your identity documents") and the officers' lookup. */
export async function identityDocumentsRoutes(
  app: App,
  options: IdentityDocumentsRoutesOptions,
): Promise<void> {
  const { identityDocuments, reference } = options;
  app.addHook('onRequest', noStore);

  const countryNames = async (request: FastifyRequest) => {
    const countries = await reference.listCountries(request.language);
    const names = new Map(countries.map((country) => [country.code, country.name]));
    const alpha2 = new Map(countries.map((country) => [country.alpha3, country.code]));
    return {
      countryName: (code: string) => names.get(code) ?? code,
      alpha2: (alpha3: string) => alpha2.get(alpha3),
      countryItems: (selected: unknown) => [
        { value: '', text: request.t('identityDocuments.fields.chooseCountry') },
        ...countries.map((country) => ({
          value: country.code,
          text: country.name,
          selected: selected === country.code,
        })),
      ],
    };
  };

  /** The fields both forms share: type, number, issuing country. */
  const documentFields = async (request: FastifyRequest, values: Values) => {
    const countries = await countryNames(request);
    return {
      countries,
      typeItems: DOCUMENT_TYPES.map((type) => ({
        value: type,
        text: request.t(`identityDocuments.types.${type}`),
        checked: values.documentType === type,
      })),
      countryItems: countries.countryItems(values.issuingCountry),
    };
  };

  /**
   * The date input's boxes, the wrong ones marked, and the error summary's link pointed at
   * the first wrong box (GOV.UK date input pattern).
   */
  const dateInput = (request: FastifyRequest, values: Values, errors: FieldError[]) => {
    const wrong = new Set<DatePart>();
    if (errors.some((error) => error.field === 'expiryDate')) {
      const checked = checkExpiryDate(expiryDateParts(values), identityDocuments.today());
      for (const part of checked.ok ? ['day', 'month', 'year'] : checked.parts) {
        wrong.add(part as DatePart);
      }
    }
    const item = (name: DatePart, width: number) => ({
      name,
      label: request.t(`identityDocuments.fields.${name}`),
      classes: `govuk-input--width-${width}${wrong.has(name) ? ' govuk-input--error' : ''}`,
      value: typeof values[`expiryDate-${name}`] === 'string' ? values[`expiryDate-${name}`] : '',
    });
    const first = (['day', 'month', 'year'] as const).find((part) => wrong.has(part)) ?? 'day';
    return {
      dateItems: [item('day', 2), item('month', 2), item('year', 4)],
      dateHref: `#expiryDate-${first}`,
    };
  };

  const documentsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors: FieldError[] = [],
    fromMrz?: MrzDocument,
  ) => {
    const [documents, fields] = await Promise.all([
      identityDocuments.list(actorContext(request)),
      documentFields(request, values),
    ]);
    const { dateItems, dateHref } = dateInput(request, values, errors);
    const context = formErrorContext(errors);
    const query = request.query as Values;
    return {
      documents: documents.map((document) =>
        presentDocumentRow(document, { t: request.t, countryName: fields.countries.countryName }),
      ),
      typeItems: fields.typeItems,
      countryItems: fields.countryItems,
      dateItems,
      values,
      csrfToken: reply.csrfToken(),
      added: query.added === '1',
      removed: query.removed === '1',
      fromMrz: fromMrz && {
        ...fromMrz.shown,
        sex: request.t(`identityDocuments.mrz.sex.${fromMrz.shown.sex}`),
        nationality: fields.countries.countryName(fromMrz.shown.nationality),
      },
      mrzErrors: errors.filter((error) => error.field === 'mrz').map((error) => error.text),
      ...context,
      errorList: context.errorList.map((entry, index) =>
        errors[index]?.field === 'expiryDate' ? { ...entry, href: dateHref } : entry,
      ),
    };
  };

  app.get(DOCUMENTS_PATH, { preHandler: requireOwnDocuments }, async (request, reply) =>
    reply.view(DOCUMENTS_PAGE, await documentsPage(request, reply, {})),
  );

  app.post(
    DOCUMENTS_PATH,
    { preHandler: requirePermission('person.update') },
    async (request, reply) => {
      const form = parseForm(addDocumentSchema(identityDocuments.today()), request.body, request.t);
      const refuse = async (values: Values, errors: FieldError[]) =>
        reply.code(400).view(DOCUMENTS_PAGE, await documentsPage(request, reply, values, errors));
      if (!form.ok) return refuse(form.values, form.errors);
      try {
        await identityDocuments.record(actorContext(request), form.data);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return refuse(request.body as Values, formErrors(error, request));
      }
      return reply.redirect(`${DOCUMENTS_PATH}?added=1`, 303);
    },
  );

  // Reads the MRZ into the add form, for the person to check and save: nothing is stored, so
  // nothing is audited. The answer is the page itself, never a redirect: the MRZ holds the
  // number, the name and the date of birth, which must not travel in a URL.
  app.post(
    READ_MRZ_PATH,
    { preHandler: requirePermission('person.update') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Values;
      const text = typeof body.mrz === 'string' ? body.mrz : '';
      const { alpha2 } = await countryNames(request);
      const reading = readMrz(text, { alpha2, today: identityDocuments.today() });
      if (!reading.ok) {
        const errors = reading.errors.map((error) => ({
          field: 'mrz',
          text: mrzErrorText(error, request),
        }));
        return reply
          .code(400)
          .view(DOCUMENTS_PAGE, await documentsPage(request, reply, { mrz: text }, errors));
      }
      const { document } = reading;
      const [year = '', month = '', day = ''] = document.expiryDate?.split('-') ?? [];
      const values: Values = {
        // As read (capitals, one line each), for the person to compare with the document.
        mrz: mrzLines(text).join('\n'),
        documentType: document.documentType,
        documentNumber: document.number,
        issuingCountry: document.issuingCountry,
        'expiryDate-day': day && String(Number(day)),
        'expiryDate-month': month && String(Number(month)),
        'expiryDate-year': year,
      };
      return reply.view(DOCUMENTS_PAGE, await documentsPage(request, reply, values, [], document));
    },
  );

  app.post(
    `${DOCUMENTS_PATH}/:id/remove`,
    { preHandler: requirePermission('person.update') },
    async (request, reply) => {
      const params = documentIdSchema.safeParse(request.params);
      if (!params.success) throw new NotFoundError();
      await identityDocuments.remove(actorContext(request), params.data.id);
      return reply.redirect(`${DOCUMENTS_PATH}?removed=1`, 303);
    },
  );

  const lookupPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: Values; errors?: FieldError[]; found?: PersonFound; notFound?: boolean },
  ) => {
    const values = state.values ?? {};
    const fields = await documentFields(request, values);
    return {
      typeItems: fields.typeItems,
      countryItems: fields.countryItems,
      values,
      csrfToken: reply.csrfToken(),
      found: state.found
        ? {
            name: state.found.fullName,
            ...presentDocumentRow(state.found, {
              t: request.t,
              countryName: fields.countries.countryName,
            }),
          }
        : null,
      notFound: state.notFound ?? false,
      ...formErrorContext(state.errors ?? []),
    };
  };

  app.get('/people/lookup', { preHandler: requireLookup }, async (request, reply) =>
    reply.view(LOOKUP_PAGE, await lookupPage(request, reply, {})),
  );

  // The answer is shown in reply to the POST, not after a redirect: a document number must
  // never travel in a URL.
  app.post('/people/lookup', { preHandler: requireLookup }, async (request, reply) => {
    const form = parseForm(lookupSchema, request.body, request.t);
    if (!form.ok) {
      return reply
        .code(400)
        .view(
          LOOKUP_PAGE,
          await lookupPage(request, reply, { values: form.values, errors: form.errors }),
        );
    }
    try {
      const found = await identityDocuments.lookUp(actorContext(request), form.data);
      return reply.view(LOOKUP_PAGE, await lookupPage(request, reply, { found }));
    } catch (error) {
      if (error instanceof TooManyMissesError) {
        // Said beside the number: the limit counts numbers that matched nobody.
        const errors = [
          {
            field: 'documentNumber',
            text: request.t(error.detailKey ?? '', error.detailValues),
          },
        ];
        return reply
          .code(429)
          .view(
            LOOKUP_PAGE,
            await lookupPage(request, reply, { values: request.body as Values, errors }),
          );
      }
      if (error instanceof NotFoundError && error.detailKey === NO_PERSON_FOUND) {
        // The form keeps what was typed, so that a mistyped number can be corrected.
        const values = request.body as Values;
        return reply.view(
          LOOKUP_PAGE,
          await lookupPage(request, reply, { values, notFound: true }),
        );
      }
      if (!(error instanceof ValidationError)) throw error;
      const errors = formErrors(error, request);
      return reply
        .code(400)
        .view(
          LOOKUP_PAGE,
          await lookupPage(request, reply, { values: request.body as Values, errors }),
        );
    }
  });
}
