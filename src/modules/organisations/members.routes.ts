import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../platform/authz/catalogue.js';
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
import { canGiveRole } from './members.policy.js';
import type { MembersService } from './members.service.js';
import { rolesFor } from './organisations.policy.js';
import type { OrganisationsService } from './organisations.service.js';

const paramsSchema = z.object({ id: z.uuid(), userId: z.uuid() });

const changeSchema = z.object({
  role: z.enum(ROLES, 'organisations.errors.selectRole'),
  administrator: z
    .literal('yes')
    .optional()
    .transform((value) => value === 'yes'),
});

/** After a reset, the member's page says it was done. */
const resetQuery = z.object({ twoFactorReset: z.literal('1').optional().catch(undefined) });

function params(request: FastifyRequest) {
  const parsed = paramsSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** A member's page: change their role, make or unmake them an administrator, remove them. */
export async function memberRoutes(
  app: App,
  options: { members: MembersService; organisations: OrganisationsService },
): Promise<void> {
  const { members, organisations } = options;

  const page = async (
    request: FastifyRequest,
    values: Record<string, unknown> | null,
    errors: FieldError[] = [],
  ) => {
    const { id, userId } = params(request);
    const ctx = actorContext(request);
    const organisation = await organisations.get(ctx, id);
    const member = (await organisations.members(ctx, id)).find(
      (candidate) => candidate.userId === userId,
    );
    if (!member) throw new NotFoundError();
    const chosen = values ?? {
      role: member.role,
      administrator: member.administrator ? 'yes' : undefined,
    };
    return {
      organisation,
      member,
      values: chosen,
      // The auditor role is offered only by a system administrator, or kept by one who holds it.
      roleItems: rolesFor(organisation)
        .filter((role) => role === member.role || canGiveRole(ctx.principal, role))
        .map((role) => ({
          value: role,
          text: request.t(`roles.${role}`),
          checked: chosen.role === role,
        })),
      twoFactorReset: await members.twoFactorResetRefusal(ctx, id, userId),
      ...formErrorContext(errors),
    };
  };

  app.get(
    '/organisations/:id/members/:userId',
    { preHandler: requirePermission('member.update_role') },
    async (request, reply) =>
      reply.view('organisations/views/member.njk', {
        ...(await page(request, null)),
        twoFactorWasReset: resetQuery.safeParse(request.query ?? {}).data?.twoFactorReset === '1',
      }),
  );

  app.post(
    '/organisations/:id/members/:userId',
    { preHandler: requirePermission('member.update_role') },
    async (request, reply) => {
      const { id, userId } = params(request);
      const form = parseForm(changeSchema, request.body, request.t);
      if (!form.ok)
        return reply
          .code(400)
          .view('organisations/views/member.njk', await page(request, form.values, form.errors));
      try {
        await members.changeRole(actorContext(request), id, userId, form.data);
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply
          .code(400)
          .view(
            'organisations/views/member.njk',
            await page(
              request,
              { role: form.data.role, administrator: form.data.administrator ? 'yes' : undefined },
              errors,
            ),
          );
      }
      return reply.redirect(`/organisations/${id}`, 303);
    },
  );

  app.post(
    '/organisations/:id/members/:userId/two-factor/reset',
    { preHandler: requirePermission('member.update_role') },
    async (request, reply) => {
      const { id, userId } = params(request);
      try {
        await members.resetTwoFactor(actorContext(request), id, userId);
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply
          .code(400)
          .view('organisations/views/member.njk', await page(request, null, errors));
      }
      return reply.redirect(`/organisations/${id}/members/${userId}?twoFactorReset=1`, 303);
    },
  );

  app.post(
    '/organisations/:id/members/:userId/remove',
    { preHandler: requirePermission('member.update_role') },
    async (request, reply) => {
      const { id, userId } = params(request);
      try {
        await members.remove(actorContext(request), id, userId);
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply
          .code(400)
          .view('organisations/views/member.njk', await page(request, null, errors));
      }
      return reply.redirect(`/organisations/${id}`, 303);
    },
  );
}
