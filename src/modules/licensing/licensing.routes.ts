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
import { LICENCE_STATES, OFFICER_EVENTS } from './licence.lifecycle.js';
import { actsForAgency, agenciesOf, licenceActions } from './licensing.policy.js';
import {
  idParamSchema,
  licenceApplySchema,
  licenceDecisionSchema,
  licenceListQuerySchema,
} from './licensing.schemas.js';
import type { LicensingService } from './licensing.service.js';

/** The confirmations the licence page can show after a redirect. */
const DONE = new Set<string>(['apply', ...OFFICER_EVENTS]);

function idParam(request: FastifyRequest): string {
  const parsed = idParamSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** Officer and agency pages for licences. Every signed-in account holds licence.read. */
export async function licensingRoutes(
  app: App,
  options: { licensing: LicensingService },
): Promise<void> {
  const { licensing } = options;

  const showLicence = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; values?: Record<string, unknown>; status?: number } = {},
  ) => {
    const { licence, history } = await licensing.get(actorContext(request), idParam(request));
    const query = request.query as Record<string, unknown>;
    return reply.code(extra.status ?? 200).view('licensing/views/licence.njk', {
      licence,
      history,
      actions: licenceActions(request.principal, licence),
      isAgency: actsForAgency(request.principal, licence.organisationId),
      values: extra.values ?? {},
      done: DONE.has(String(query.done)) ? String(query.done) : null,
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get(
    '/licences',
    { preHandler: requirePermission('licence.read') },
    async (request, reply) => {
      const parsed = licenceListQuerySchema.safeParse(request.query);
      const state = parsed.success ? parsed.data.state : undefined;
      const ctx = actorContext(request);
      const licences = await licensing.list(ctx, { state });
      const agencies = agenciesOf(request.principal);
      const own = await Promise.all(agencies.map((id) => licensing.ofAgency(ctx, id)));
      return reply.view('licensing/views/list.njk', {
        licences,
        state: state ?? '',
        stateItems: [
          { value: '', text: request.t('licensing.list.allStates') },
          ...LICENCE_STATES.map((value) => ({
            value,
            text: request.t(`licensing.states.${value}`),
            selected: value === state,
          })),
        ],
        agencies: agencies.map((organisationId, index) => ({ organisationId, ...own[index] })),
        errors: [],
      });
    },
  );

  app.post(
    '/licences/apply',
    { preHandler: requirePermission('licence.read') },
    async (request, reply) => {
      const form = parseForm(licenceApplySchema, request.body, request.t);
      if (!form.ok) throw new NotFoundError();
      try {
        const licence = await licensing.apply(actorContext(request), form.data.organisationId);
        return reply.redirect(`/licences/${licence.id}?done=apply`, 303);
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply.code(400).view('licensing/views/refused.njk', formErrorContext(errors));
      }
    },
  );

  app.get(
    '/licences/:id',
    { preHandler: requirePermission('licence.read') },
    async (request, reply) => showLicence(request, reply),
  );

  app.post(
    '/licences/:id',
    { preHandler: requirePermission('licence.decide') },
    async (request, reply) => {
      const id = idParam(request);
      const form = parseForm(licenceDecisionSchema, request.body, request.t);
      if (!form.ok)
        return showLicence(request, reply, {
          errors: form.errors,
          values: form.values,
          status: 400,
        });
      try {
        await licensing.decide(actorContext(request), id, form.data);
        return reply.redirect(`/licences/${id}?done=${form.data.event}`, 303);
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return showLicence(request, reply, { errors, values: { ...form.data }, status: 400 });
      }
    },
  );
}
