import type { FastifyRequest } from 'fastify';
import { ORGANISATION_KINDS } from '../../platform/authz/catalogue.js';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { formErrorContext, parseForm, fieldErrorsFrom } from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { paginationParams } from '../../platform/views/pagination.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { canCreateOrganisation, policiesFor, rolesFor } from './organisations.policy.js';
import {
  organisationCreateSchema,
  organisationDetailsSchema,
  organisationIdSchema,
  organisationListQuerySchema,
} from './organisations.schemas.js';
import type { OrganisationsService } from './organisations.service.js';

export interface OrganisationRoutesOptions {
  organisations: OrganisationsService;
  reference: ReferenceService;
}

function idParam(request: FastifyRequest): string {
  const parsed = organisationIdSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

export async function organisationRoutes(
  app: App,
  options: OrganisationRoutesOptions,
): Promise<void> {
  const { organisations, reference } = options;

  /** Radio and select items for the form, with the submitted values chosen. */
  const formContext = async (request: FastifyRequest, values: Record<string, unknown>) => ({
    values,
    kindItems: ORGANISATION_KINDS.map((kind) => ({
      value: kind,
      text: request.t(`organisations.kinds.${kind}`),
      checked: values.kind === kind,
    })),
    ...(await (async () => {
      const countries = await reference.listCountries(request.language);
      const items = (chosen: unknown) => [
        { value: '', text: request.t('organisations.fields.chooseCountry') },
        ...countries.map((country) => ({
          value: country.code,
          text: country.name,
          selected: chosen === country.code,
        })),
      ];
      return {
        countryItems: items(values.countryCode),
        representedCountryItems: items(values.representedCountryCode),
      };
    })()),
  });

  app.get(
    '/organisations',
    { preHandler: requirePermission('organisation.read') },
    async (request, reply) => {
      const query = organisationListQuerySchema.parse(request.query);
      const result = await organisations.list(actorContext(request), query);
      const suffix = query.kind ? `&kind=${query.kind}` : '';
      const countries = new Map(
        (await reference.listCountries(request.language)).map((country) => [country.code, country]),
      );
      return reply.view('organisations/views/list.njk', {
        ...result,
        // Country names in the reader's language, each with the language it is in.
        countries: Object.fromEntries(
          result.items.map((organisation) => {
            const country = countries.get(organisation.countryCode);
            return [
              organisation.countryCode,
              {
                name: country?.name ?? organisation.countryCode,
                lang: country?.nameLanguage ?? null,
              },
            ];
          }),
        ),
        pagination: paginationParams(request.t, {
          page: result.page,
          pages: result.pages,
          href: (page) => `?page=${page}${suffix}`,
        }),
        kind: query.kind,
        kinds: ORGANISATION_KINDS,
        canCreate: canCreateOrganisation(request.principal),
      });
    },
  );

  app.get(
    '/organisations/new',
    { preHandler: requirePermission('organisation.create') },
    async (request, reply) =>
      reply.view('organisations/views/new.njk', await formContext(request, {})),
  );

  app.post(
    '/organisations',
    { preHandler: requirePermission('organisation.create') },
    async (request, reply) => {
      const form = parseForm(organisationCreateSchema, request.body, request.t);
      if (!form.ok) {
        return reply.code(400).view('organisations/views/new.njk', {
          ...(await formContext(request, form.values)),
          ...formErrorContext(form.errors),
        });
      }
      try {
        const organisation = await organisations.create(actorContext(request), form.data);
        return reply.redirect(`/organisations/${organisation.id}?created=1`, 303);
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply.code(400).view('organisations/views/new.njk', {
          ...(await formContext(request, form.data)),
          ...formErrorContext(errors),
        });
      }
    },
  );

  app.get(
    '/organisations/:id',
    { preHandler: requirePermission('organisation.read') },
    async (request, reply) => {
      const ctx = actorContext(request);
      const organisation = await organisations.get(ctx, idParam(request));
      const can = policiesFor(request.principal, organisation);
      const members = can.viewMembers ? await organisations.members(ctx, organisation.id) : [];
      const [country, represented] = await Promise.all([
        reference.getCountry(organisation.countryCode, request.language),
        organisation.representedCountryCode
          ? reference.getCountry(organisation.representedCountryCode, request.language)
          : null,
      ]);
      return reply.view('organisations/views/show.njk', {
        organisation,
        countryName: country?.name ?? organisation.countryCode,
        countryNameLanguage: country?.nameLanguage ?? null,
        representedCountryName: represented?.name ?? organisation.representedCountryCode,
        representedCountryNameLanguage: represented?.nameLanguage ?? null,
        members,
        can,
        roles: rolesFor(organisation),
        created: (request.query as Record<string, unknown>).created === '1',
      });
    },
  );

  app.get(
    '/organisations/:id/edit',
    { preHandler: requirePermission('organisation.update') },
    async (request, reply) => {
      const organisation = await organisations.get(actorContext(request), idParam(request));
      if (!policiesFor(request.principal, organisation).update) throw new NotFoundError();
      return reply.view('organisations/views/edit.njk', {
        ...(await formContext(request, { ...organisation })),
        organisation,
      });
    },
  );

  app.post(
    '/organisations/:id',
    { preHandler: requirePermission('organisation.update') },
    async (request, reply) => {
      const ctx = actorContext(request);
      const organisation = await organisations.get(ctx, idParam(request));
      const form = parseForm(organisationDetailsSchema, request.body, request.t);
      if (!form.ok) {
        return reply.code(400).view('organisations/views/edit.njk', {
          ...(await formContext(request, form.values)),
          ...formErrorContext(form.errors),
          organisation,
        });
      }
      try {
        await organisations.update(ctx, organisation.id, form.data);
      } catch (error) {
        return reply.code(400).view('organisations/views/edit.njk', {
          ...(await formContext(request, form.data)),
          ...formErrorContext(fieldErrorsFrom(error, request.t)),
          organisation,
        });
      }
      return reply.redirect(`/organisations/${organisation.id}`, 303);
    },
  );
}
