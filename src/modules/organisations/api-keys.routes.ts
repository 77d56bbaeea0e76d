import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { formErrorContext, parseForm, type FieldError } from '../../platform/http/forms.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { ApiKeysService } from './api-keys.service.js';

const paramsSchema = z.object({ id: z.uuid(), keyId: z.uuid().optional() });

const createKeySchema = z.object({
  name: z
    .string('apiKeys.errors.enterName')
    .trim()
    .min(1, 'apiKeys.errors.enterName')
    .max(100, 'apiKeys.errors.nameTooLong'),
  permissions: z
    .union([z.string(), z.array(z.string())], 'apiKeys.errors.selectPermissions')
    .transform((value) => (Array.isArray(value) ? value : [value])),
});

function params(request: FastifyRequest) {
  const parsed = paramsSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

export async function apiKeyRoutes(app: App, options: { apiKeys: ApiKeysService }): Promise<void> {
  const { apiKeys } = options;

  const render = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const { organisation, keys, allowed } = await apiKeys.list(
      actorContext(request),
      params(request).id,
    );
    // Each permission by its label in the reader's language; the code the API uses as a hint.
    const label = (permission: string) => request.t(`permissions.${permission}`);
    return {
      organisation,
      keys: keys.map((key) => ({
        ...key,
        permissions: request.fmt.list(key.permissions.map(label)),
      })),
      permissionItems: allowed.map((permission) => ({
        value: permission,
        text: label(permission),
        hint: { text: permission, classes: 'corridor-code' },
        checked:
          (
            (extra.values as { permissions?: unknown } | undefined)?.permissions as
              string[] | undefined
          )?.includes(permission) ?? false,
      })),
      values: {},
      ...extra,
    };
  };

  app.get(
    '/organisations/:id/api-keys',
    { preHandler: requirePermission('api_key.read') },
    async (request, reply) => reply.view('organisations/views/api-keys.njk', await render(request)),
  );

  app.post(
    '/organisations/:id/api-keys',
    { preHandler: requirePermission('api_key.create') },
    async (request, reply) => {
      const form = parseForm(createKeySchema, request.body, request.t);
      const fail = async (errors: FieldError[], values: Record<string, unknown>) =>
        reply
          .code(400)
          .view(
            'organisations/views/api-keys.njk',
            await render(request, { ...formErrorContext(errors), values }),
          );
      if (!form.ok) return fail(form.errors, form.values);
      try {
        const created = await apiKeys.create(actorContext(request), params(request).id, form.data);
        reply.header('cache-control', 'no-store');
        return reply.view('organisations/views/api-key-created.njk', {
          ...(await render(request)),
          created,
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return fail(
          error.fields.map((field) => ({ field: 'permissions', text: request.t(field.detail) })),
          form.data,
        );
      }
    },
  );

  app.post(
    '/organisations/:id/api-keys/:keyId/revoke',
    { preHandler: requirePermission('api_key.revoke') },
    async (request, reply) => {
      const { id, keyId } = params(request);
      if (!keyId) throw new NotFoundError();
      await apiKeys.revoke(actorContext(request), id, keyId);
      return reply.redirect(`/organisations/${id}/api-keys`, 303);
    },
  );
}
