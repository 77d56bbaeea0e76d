import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
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
import { newAccountSchema } from './invitations.schemas.js';
import type { InvitationsService } from './invitations.service.js';
import { invitationSchema } from './organisations.schemas.js';
import type { OrganisationsService } from './organisations.service.js';
import { canGiveRole } from './members.policy.js';
import { rolesFor } from './organisations.policy.js';

const organisationParams = z.object({ id: z.uuid() });
const invitationParams = z.object({ id: z.uuid(), invitationId: z.uuid() });
/** After a redirect: which success banner to show (anything else shows none). */
const bannerQuery = z.object({
  sent: z.literal('1').optional().catch(undefined),
  revoked: z.literal('1').optional().catch(undefined),
});
const tokenParams = z.object({ token: z.string().max(100) });

function organisationId(request: FastifyRequest): string {
  const parsed = organisationParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

function token(request: FastifyRequest): string {
  // A malformed or oversized token is simply not a valid invitation (the page says so).
  const parsed = tokenParams.safeParse(request.params);
  return parsed.success ? parsed.data.token : '';
}

export async function invitationRoutes(
  app: App,
  options: { invitations: InvitationsService; organisations: OrganisationsService },
): Promise<void> {
  const { invitations, organisations } = options;

  const inviteForm = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
  ) => {
    const ctx = actorContext(request);
    const organisation = await organisations.get(ctx, organisationId(request));
    return {
      organisation,
      pending: await invitations.pending(ctx, organisation.id),
      values,
      // A role the caller may not give (the auditor, but for a system administrator) is not offered.
      roleItems: rolesFor(organisation)
        .filter((role) => canGiveRole(ctx.principal, role))
        .map((role) => ({
          value: role,
          text: request.t(`roles.${role}`),
          checked: values.role === role,
        })),
      ...formErrorContext(errors),
    };
  };

  app.get(
    '/organisations/:id/invitations/new',
    { preHandler: requirePermission('member.invite') },
    async (request, reply) => {
      const banner = bannerQuery.safeParse(request.query ?? {});
      return reply.view('organisations/views/invite.njk', {
        ...(await inviteForm(request, {})),
        sent: banner.success && banner.data.sent === '1',
        revoked: banner.success && banner.data.revoked === '1',
      });
    },
  );

  app.post(
    '/organisations/:id/invitations/:invitationId/revoke',
    { preHandler: requirePermission('member.invite') },
    async (request, reply) => {
      const parsed = invitationParams.safeParse(request.params);
      if (!parsed.success) throw new NotFoundError();
      await invitations.revoke(actorContext(request), parsed.data.id, parsed.data.invitationId);
      return reply.redirect(`/organisations/${parsed.data.id}/invitations/new?revoked=1`, 303);
    },
  );

  app.post(
    '/organisations/:id/invitations',
    { preHandler: requirePermission('member.invite') },
    async (request, reply) => {
      const form = parseForm(invitationSchema, request.body, request.t);
      if (!form.ok)
        return reply
          .code(400)
          .view(
            'organisations/views/invite.njk',
            await inviteForm(request, form.values, form.errors),
          );
      try {
        await invitations.invite(
          actorContext(request),
          organisationId(request),
          form.data,
          request.t,
        );
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply
          .code(400)
          .view('organisations/views/invite.njk', await inviteForm(request, form.data, errors));
      }
      return reply.redirect(
        `/organisations/${organisationId(request)}/invitations/new?sent=1`,
        303,
      );
    },
  );

  app.get('/invitations/:token', async (request, reply) => {
    const result = await invitations.check(token(request));
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return reply.view('organisations/views/accept.njk', {
      ...result,
      values: {},
      token: token(request),
    });
  });

  app.post('/invitations/:token', async (request, reply) => {
    const result = await invitations.check(token(request));
    const render = (values: Record<string, unknown>, errors: FieldError[]) =>
      reply.code(400).view('organisations/views/accept.njk', {
        ...result,
        values,
        token: token(request),
        ...formErrorContext(errors),
      });
    // Withdrawn, expired or used meanwhile: the page says which, and nothing is accepted.
    if (result.state !== 'valid')
      return reply
        .code(400)
        .view('organisations/views/accept.njk', { ...result, values: {}, token: token(request) });
    let input = null;
    if (!result.existingAccount) {
      const form = parseForm(newAccountSchema, request.body, request.t);
      if (!form.ok) return render(form.values, form.errors);
      input = { ...form.data, preferredLanguage: request.language };
    }
    try {
      await invitations.accept(token(request), input, {
        requestId: request.id,
        ipAddress: request.ip,
      });
    } catch (error) {
      return render({}, fieldErrorsFrom(error, request.t));
    }
    return reply.redirect('/sign-in?invited=1', 303);
  });
}
