import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/types.js';
import { consentView, presentConsent } from './consent.schemas.js';
import type { ConsentService } from './consent.service.js';

/** The caller's own consents in the JSON API. */
export async function consentApi(app: App, options: { consent: ConsentService }): Promise<void> {
  const { consent } = options;

  app.get(
    '/me/consents',
    {
      onRequest: requirePermission('consent.read'),
      schema: {
        tags: ['Consent'],
        summary: 'The signed-in person’s consents to share their profile, active and withdrawn',
        response: { 200: z.object({ items: z.array(consentView) }) },
      },
    },
    async (request) => ({ items: (await consent.list(actorContext(request))).map(presentConsent) }),
  );
}
