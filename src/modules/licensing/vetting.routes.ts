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
import { canSubmitEmployer, canVetEmployer } from './licensing.policy.js';
import { idParamSchema, vettingDecisionSchema } from './licensing.schemas.js';
import type { VettingService } from './vetting.service.js';
import { allowedFrom } from '../../platform/lifecycle/lifecycle.js';
import { VETTING_EVENTS, VETTING_LIFECYCLE } from './vetting.lifecycle.js';

function idParam(request: FastifyRequest): string {
  const parsed = idParamSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** Pages for the vetting of foreign employers. */
export async function vettingRoutes(app: App, options: { vetting: VettingService }): Promise<void> {
  const { vetting } = options;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; status?: number } = {},
  ) => {
    const id = idParam(request);
    const detail = await vetting.get(actorContext(request), id);
    const state = detail.vetting?.state ?? null;
    const events = VETTING_EVENTS.filter(
      (event) =>
        allowedFrom(VETTING_LIFECYCLE, state, event) &&
        (event === 'submit'
          ? canSubmitEmployer(request.principal, detail.employer)
          : canVetEmployer(request.principal, detail.employer)),
    );
    return reply.code(extra.status ?? 200).view('licensing/views/vetting.njk', {
      ...detail,
      events,
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get(
    '/employers/vetting',
    { preHandler: requirePermission('employer.vet') },
    async (request, reply) =>
      reply.view('licensing/views/vetting-list.njk', {
        employers: await vetting.list(actorContext(request)),
      }),
  );

  app.get('/employers/:id/vetting', { preHandler: requirePermission('licence.read') }, show);

  app.post(
    '/employers/:id/vetting',
    { preHandler: requirePermission('licence.read') },
    async (request, reply) => {
      const id = idParam(request);
      const form = parseForm(vettingDecisionSchema, request.body, request.t);
      if (!form.ok) return show(request, reply, { errors: form.errors, status: 400 });
      try {
        await vetting.act(actorContext(request), id, form.data.event, form.data.reason);
        return reply.redirect(`/employers/${id}/vetting`, 303);
      } catch (error) {
        return show(request, reply, { errors: fieldErrorsFrom(error, request.t), status: 400 });
      }
    },
  );
}
