import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import {
  assessmentView,
  presentAssessment,
  presentPublished,
  presentScheme,
  publishedSchemeView,
  schemeView,
} from './eligibility.presenter.js';
import {
  answersBody,
  countryQuery,
  schemeCreateBody,
  schemeEventBody,
  schemeIdParam,
  schemeUpdateBody,
} from './eligibility.schemas.js';
import type { EligibilityService } from './eligibility.service.js';
import type { Answers } from './scheme.scoring.js';

const problem = problemDetailsSchema;
const NO_ID = '00000000-0000-0000-0000-000000000000';
const uuidOrNone = (value: string) => (z.uuid().safeParse(value).success ? value : NO_ID);

/**
 * Eligibility in the JSON API: the published schemes and the assessment are public (nothing is
 * stored: the reference code is the pages'); writing schemes needs eligibility.manage.
 */
export async function eligibilityApi(
  app: App,
  options: { eligibility: EligibilityService },
): Promise<void> {
  const { eligibility } = options;

  app.get(
    '/eligibility/schemes',
    {
      schema: {
        tags: ['Eligibility'],
        summary: 'Published eligibility schemes, of one destination country or all (public)',
        querystring: countryQuery,
        response: { 200: z.object({ items: z.array(publishedSchemeView) }) },
      },
    },
    async (request) => ({
      items: (await eligibility.publishedSchemes(request.query.country ?? null)).map(
        presentPublished,
      ),
    }),
  );

  app.post(
    '/eligibility/schemes/:id/assess',
    {
      schema: {
        tags: ['Eligibility'],
        summary:
          'Scores answers against a published scheme, by id or address (public; nothing is stored)',
        params: schemeIdParam,
        body: answersBody,
        response: { 200: assessmentView, 404: problem },
      },
    },
    async (request) => {
      const body = request.body;
      const answers: Answers = {
        ...body,
        occupation: body.occupation ? { ...body.occupation, title: '' } : null,
      };
      const checked = await eligibility.check(request.params.id, answers);
      return presentAssessment(checked, checked.result);
    },
  );

  app.post(
    '/eligibility/schemes',
    {
      onRequest: requirePermission('eligibility.manage'),
      schema: {
        tags: ['Eligibility'],
        summary: 'A new draft scheme of the caller’s own destination country',
        body: schemeCreateBody,
        response: { 201: schemeView, 400: problem },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentScheme(await eligibility.create(actorContext(request), request.body))),
  );

  app.put(
    '/eligibility/schemes/:id',
    {
      onRequest: requirePermission('eligibility.manage'),
      schema: {
        tags: ['Eligibility'],
        summary: 'New rules for a scheme: a new version, shown to readers once published',
        params: schemeIdParam,
        body: schemeUpdateBody,
        response: { 200: schemeView, 400: problem, 404: problem },
      },
    },
    async (request) =>
      presentScheme(
        await eligibility.update(
          actorContext(request),
          uuidOrNone(request.params.id),
          request.body,
        ),
      ),
  );

  app.post(
    '/eligibility/schemes/:id/events',
    {
      onRequest: requirePermission('eligibility.manage'),
      schema: {
        tags: ['Eligibility'],
        summary: 'Publishes the latest version of a scheme, or retires it (with a reason)',
        params: schemeIdParam,
        body: schemeEventBody,
        response: { 200: schemeView, 400: problem, 404: problem },
      },
    },
    async (request) =>
      presentScheme(
        await eligibility.decide(
          actorContext(request),
          uuidOrNone(request.params.id),
          request.body,
        ),
      ),
  );
}
