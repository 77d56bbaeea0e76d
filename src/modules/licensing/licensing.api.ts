import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { historyView, licenceView, presentHistory, presentLicence } from './licensing.presenter.js';
import {
  licenceApplySchema,
  licenceDecisionSchema,
  licenceListQuerySchema,
  vettingDecisionSchema,
} from './licensing.schemas.js';
import type { LicensingService } from './licensing.service.js';
import type { VettingService } from './vetting.service.js';
import { VETTING_STATES } from './vetting.lifecycle.js';

const problem = problemDetailsSchema;
const NO_ID = '00000000-0000-0000-0000-000000000000';
const uuidOrNone = (value: string) => {
  const parsed = z.uuid().safeParse(value);
  return parsed.success ? parsed.data : NO_ID;
};
const licenceWithHistory = licenceView.extend({ history: z.array(historyView) });

/** Licences and employer vetting in the JSON API, for officers and agencies. */
export async function licensingApi(
  app: App,
  options: { licensing: LicensingService; vetting: VettingService },
): Promise<void> {
  const { licensing, vetting } = options;

  app.get(
    '/licences',
    {
      onRequest: requirePermission('licence.read'),
      schema: {
        tags: ['Licences'],
        summary: 'Licences within the caller’s jurisdiction, or the caller’s own agency’s',
        querystring: licenceListQuerySchema,
        response: { 200: z.object({ items: z.array(licenceView) }) },
      },
    },
    async (request) => ({
      items: (await licensing.list(actorContext(request), { state: request.query.state })).map(
        presentLicence,
      ),
    }),
  );

  app.post(
    '/licences',
    {
      // An agency applies through its staff in person, never through a key (licensing.policy.ts).
      onRequest: requirePermission('licence.read', { apiKeys: false }),
      schema: {
        tags: ['Licences'],
        summary: 'The agency applies for a licence (agency staff, their own agency)',
        body: licenceApplySchema,
        response: { 201: licenceView, 404: problem },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentLicence(await licensing.apply(actorContext(request), request.body.organisationId)),
        ),
  );

  app.get(
    '/licences/:id',
    {
      onRequest: requirePermission('licence.read'),
      schema: {
        tags: ['Licences'],
        summary: 'One licence and its history (404 when outside the caller’s scope)',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: licenceWithHistory, 404: problem },
      },
    },
    async (request) => {
      const { licence, history } = await licensing.get(
        actorContext(request),
        uuidOrNone(request.params.id),
      );
      return { ...presentLicence(licence), history: history.map(presentHistory) };
    },
  );

  app.post(
    '/licences/:id/events',
    {
      onRequest: requirePermission('licence.decide'),
      schema: {
        tags: ['Licences'],
        summary:
          'Grant, refuse, renew, suspend, reinstate or revoke (400 names a forbidden transition)',
        params: z.object({ id: z.string().max(100) }),
        body: licenceDecisionSchema,
        response: { 200: licenceView, 404: problem },
      },
    },
    async (request) =>
      presentLicence(
        await licensing.decide(actorContext(request), uuidOrNone(request.params.id), request.body),
      ),
  );

  app.post(
    '/employers/:id/vetting/events',
    {
      // Through the API only vetting officers' systems act; an employer's staff put it
      // forward in person, on its vetting page (an employer's key does not: licensing.policy.ts).
      onRequest: requirePermission('employer.vet'),
      schema: {
        tags: ['Licences'],
        summary: 'Submit a foreign employer for vetting, vet it or reject it (vetting officers)',
        params: z.object({ id: z.string().max(100) }),
        body: vettingDecisionSchema,
        response: {
          200: z.object({ organisationId: z.uuid(), state: z.enum(VETTING_STATES) }),
          404: problem,
        },
      },
    },
    async (request) => {
      const result = await vetting.act(
        actorContext(request),
        uuidOrNone(request.params.id),
        request.body.event,
        request.body.reason,
      );
      return { organisationId: result.organisationId, state: result.state };
    },
  );
}
