import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import {
  formErrorContext,
  parseForm,
  type FieldError,
  fieldErrorsFrom,
} from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { CONSENT_PURPOSES } from './consent.repository.js';
import { consentIdSchema, grantConsentSchema } from './consent.schemas.js';
import type { ConsentService } from './consent.service.js';

const PAGE = 'consent/views/consents.njk';

/** "Who can see my profile": the person's consents, withdraw buttons and the grant form. */
export async function consentRoutes(
  app: App,
  options: { consent: ConsentService; reference: ReferenceService },
): Promise<void> {
  const { consent, reference } = options;

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
  ) => {
    const [consents, organisations, visibility, countries] = await Promise.all([
      consent.list(actorContext(request)),
      consent.organisationsToChoose(),
      consent.visibility(actorContext(request)),
      reference.listCountries(request.language),
    ]);
    const countryName = new Map(countries.map((country) => [country.code, country.name]));
    const named = visibility.map((row) => ({
      ...row,
      countryName: countryName.get(row.countryCode) ?? row.countryCode,
    }));
    const query = request.query as Record<string, unknown>;
    return {
      active: consents.filter((item) => item.withdrawnAt === null),
      history: consents.filter((item) => item.withdrawnAt !== null),
      organisationItems: [
        { value: '', text: request.t('consent.grant.chooseOrganisation') },
        ...organisations.map((organisation) => ({
          value: organisation.id,
          text: `${organisation.name} (${request.t(`consent.kinds.${organisation.kind}`)})`,
          selected: values.organisationId === organisation.id,
        })),
      ],
      purposeItems: CONSENT_PURPOSES.map((purpose) => ({
        value: purpose,
        text: request.t(`consent.purposes.${purpose}.label`),
        hint: { text: request.t(`consent.purposes.${purpose}.hint`) },
        checked: values.purpose === purpose,
      })),
      visibleIn: named.filter((row) => row.withdrawnAt === null),
      visibleHistory: named.filter((row) => row.withdrawnAt !== null),
      noOrganisations: organisations.length === 0,
      values,
      csrfToken: reply.csrfToken(),
      granted: query.granted === '1',
      withdrawn: query.withdrawn === '1',
      ...formErrorContext(errors),
    };
  };

  app.get(
    '/account/consents',
    { preHandler: requirePermission('consent.read') },
    async (request, reply) => reply.view(PAGE, await page(request, reply, {})),
  );

  app.post(
    '/account/consents',
    { preHandler: requirePermission('consent.grant') },
    async (request, reply) => {
      const form = parseForm(grantConsentSchema, request.body, request.t);
      if (!form.ok)
        return reply.code(400).view(PAGE, await page(request, reply, form.values, form.errors));
      try {
        await consent.grant(actorContext(request), form.data);
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply.code(400).view(PAGE, await page(request, reply, form.data, errors));
      }
      return reply.redirect('/account/consents?granted=1', 303);
    },
  );

  app.post(
    '/account/consents/:id/withdraw',
    { preHandler: requirePermission('consent.withdraw') },
    async (request, reply) => {
      const params = consentIdSchema.safeParse(request.params);
      if (!params.success) throw new NotFoundError();
      await consent.withdraw(actorContext(request), params.data.id);
      return reply.redirect('/account/consents?withdrawn=1', 303);
    },
  );
}
