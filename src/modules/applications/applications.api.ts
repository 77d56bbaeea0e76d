import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { applicationJson, presentApplication } from './applications.presenter.js';
import { applicationsQuery, organisationActionSchema } from './applications.schemas.js';
import type { ApplicationsService } from './applications.service.js';

const problem = problemDetailsSchema;
const idParam = z.object({ id: z.uuid() });

/**
 * Applications in the JSON API, for the organisations that work them (an agency's or an
 * employer's key): list their applications, read one, fire the organisation's transitions.
 * Nothing outside the key's organisation: another's application is "not found".
 */
export async function applicationsApi(
  app: App,
  options: { applications: ApplicationsService },
): Promise<void> {
  const { applications } = options;

  app.get(
    '/applications',
    {
      onRequest: requirePermission('application.read'),
      schema: {
        tags: ['Applications'],
        summary: 'The applications to the caller organisation’s vacancies, newest first',
        querystring: applicationsQuery,
        response: {
          200: z.object({
            items: z.array(applicationJson),
            total: z.number(),
            page: z.number(),
            pages: z.number(),
          }),
          400: problem,
          403: problem,
        },
      },
    },
    async (request) => {
      const list = await applications.organisationList(actorContext(request), {
        ...(request.query.vacancy ? { vacancyId: request.query.vacancy } : {}),
        ...(request.query.state ? { state: request.query.state } : {}),
        page: request.query.page,
      });
      return {
        items: list.items.map(presentApplication),
        total: list.total,
        page: list.page,
        pages: list.pages,
      };
    },
  );

  app.get(
    '/applications/:id',
    {
      onRequest: requirePermission('application.read'),
      schema: {
        tags: ['Applications'],
        summary: 'One application, with its state (404 outside the caller’s organisation)',
        params: idParam,
        response: { 200: applicationJson, 404: problem },
      },
    },
    async (request) =>
      presentApplication(
        (await applications.organisationDetail(actorContext(request), request.params.id))
          .application,
      ),
  );

  app.post(
    '/applications/:id/events',
    {
      onRequest: requirePermission('application.decide'),
      schema: {
        tags: ['Applications'],
        summary:
          'Shortlist, schedule an interview, mark interviewed, select, offer or reject (404 outside the caller’s organisation)',
        params: idParam,
        body: organisationActionSchema,
        response: { 200: applicationJson, 400: problem, 404: problem },
      },
    },
    async (request) =>
      presentApplication(
        await applications.organisationAct(actorContext(request), request.params.id, request.body),
      ),
  );
}
