import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/types.js';
import { organisationView, presentOrganisation } from './organisations.presenter.js';
import { organisationListQuerySchema } from './organisations.schemas.js';
import type { OrganisationsService } from './organisations.service.js';

const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
});

/** Organisations in the JSON API: what the caller's scope reaches. */
export async function organisationsApi(
  app: App,
  options: { organisations: OrganisationsService },
): Promise<void> {
  const { organisations } = options;

  app.get(
    '/organisations',
    {
      onRequest: requirePermission('organisation.read'),
      schema: {
        tags: ['Organisations'],
        summary: 'Organisations within the caller’s scope, 25 a page',
        querystring: organisationListQuerySchema,
        response: {
          200: z.object({
            items: z.array(organisationView),
            total: z.number(),
            page: z.number(),
            pages: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const result = await organisations.list(actorContext(request), request.query);
      return { ...result, items: result.items.map(presentOrganisation) };
    },
  );

  app.get(
    '/organisations/:id',
    {
      onRequest: requirePermission('organisation.read'),
      schema: {
        tags: ['Organisations'],
        summary: 'One organisation (404 when outside the caller’s scope)',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: organisationView, 404: problem },
      },
    },
    async (request) => {
      const id = z.uuid().safeParse(request.params.id);
      return presentOrganisation(
        await organisations.get(
          actorContext(request),
          id.success ? id.data : '00000000-0000-0000-0000-000000000000',
        ),
      );
    },
  );
}
