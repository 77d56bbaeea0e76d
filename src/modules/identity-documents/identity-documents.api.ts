import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/types.js';
import { noStore, requireLookup } from './identity-documents.access.js';
import { personFoundView, presentPersonFound } from './identity-documents.presenter.js';
import { lookupSchema } from './identity-documents.schemas.js';
import { MISS_LIMIT, type IdentityDocumentsService } from './identity-documents.service.js';

const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
});

/** Finding a person by identity document, for institutions' systems. */
export async function identityDocumentsApi(
  app: App,
  options: { identityDocuments: IdentityDocumentsService },
): Promise<void> {
  const { identityDocuments } = options;
  app.addHook('onRequest', noStore);

  app.post(
    '/person-lookups',
    {
      // On request, not before the handler: who may ask is settled before the body is read.
      onRequest: requireLookup,
      schema: {
        tags: ['People'],
        summary: 'Find a person by the exact number of an identity document',
        description:
          'A POST, so that the number is never in a URL or a log. Needs person.read over a ' +
          'jurisdiction: the issuing country must be the caller’s organisation’s country (for ' +
          'an embassy, the state it represents). ' +
          'Spaces, dashes and case in the number are ignored. A match is recorded in the audit ' +
          'trail with the stated purpose, and the person can see it. Nobody found and outside ' +
          'the jurisdiction give the same 404, recorded too (person.not_found). After ' +
          `${MISS_LIMIT.misses} lookups that found nobody in ${MISS_LIMIT.windowMinutes} minutes, ` +
          'the caller (a user or a key) gets 429 until the oldest of them is that old.',
        body: lookupSchema,
        response: {
          200: personFoundView,
          400: problem,
          401: problem,
          403: problem,
          404: problem,
          429: problem,
        },
      },
    },
    async (request) =>
      presentPersonFound(await identityDocuments.lookUp(actorContext(request), request.body)),
  );
}
