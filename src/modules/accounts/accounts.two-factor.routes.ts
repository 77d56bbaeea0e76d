import { actorContext } from '../../platform/http/context.js';
import { requirePermission, requireSignedIn } from '../../platform/http/authentication.js';
import { parseForm } from '../../platform/http/forms.js';
import type { App } from '../../platform/http/types.js';
import { fieldErrorsOf, renderForm, type AccountsRoutesOptions } from './accounts.http.js';
import { twoFactorCodeSchema } from './accounts.schemas.js';

const SETUP_VIEW = 'accounts/views/two-factor-setup.njk';
const CODES_VIEW = 'accounts/views/recovery-codes.njk';

/**
 * Two-factor authentication. Setting it up needs only a signed-in user (`requireSignedIn`):
 * an officer who has not done it yet holds no permission until they have, and is sent here.
 */
export async function twoFactorRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  const { twoFactor } = options.accounts;

  app.get('/account/two-factor', { preHandler: requireSignedIn() }, async (request, reply) => {
    const ctx = actorContext(request);
    const status = await twoFactor.status(ctx);
    if (status.enabled) {
      return renderForm(reply, 'accounts/views/two-factor-status.njk', status);
    }
    return renderForm(reply, SETUP_VIEW, {
      setup: await twoFactor.setup(ctx),
      required: Boolean(request.session?.requiredStep),
    });
  });

  app.post('/account/two-factor', { preHandler: requireSignedIn() }, async (request, reply) => {
    const ctx = actorContext(request);
    const form = parseForm(twoFactorCodeSchema, request.body, request.t);
    const retry = async (errors: ReturnType<typeof fieldErrorsOf>) =>
      renderForm(reply, SETUP_VIEW, {
        errors,
        setup: await twoFactor.setup(ctx),
        required: Boolean(request.session?.requiredStep),
      });
    if (!form.ok) return retry(form.errors);
    let codes: string[];
    try {
      codes = await twoFactor.enable(ctx, form.data.code);
    } catch (error) {
      return retry(fieldErrorsOf(error, request.t));
    }
    // Shown once, in the answer to this POST: never stored in the clear, never cached.
    return renderForm(reply, CODES_VIEW, { codes, justEnabled: true });
  });

  app.post(
    '/account/two-factor/recovery-codes',
    { preHandler: requirePermission('account.manage_own') },
    async (request, reply) => {
      const codes = await twoFactor.regenerateRecoveryCodes(actorContext(request));
      return renderForm(reply, CODES_VIEW, { codes, justEnabled: false });
    },
  );
}
