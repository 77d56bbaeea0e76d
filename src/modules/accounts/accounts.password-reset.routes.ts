import type { FastifyRequest } from 'fastify';
import { parseForm } from '../../platform/http/forms.js';
import type { App } from '../../platform/http/types.js';
import {
  fieldErrorsOf,
  renderForm,
  requestMeta,
  type AccountsRoutesOptions,
} from './accounts.http.js';
import { resetPasswordSchema, resetRequestSchema } from './accounts.schemas.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';

const REQUEST_VIEW = 'accounts/views/password-reset-request.njk';
const NEW_VIEW = 'accounts/views/password-reset-new.njk';

function tokenOf(request: FastifyRequest): string {
  const token = (request.params as { token?: unknown }).token;
  return typeof token === 'string' ? token : '';
}

/**
 * Forgotten password: a one-time link by email (1 hour), then a new password. The same link
 * also sets the first password of an account made by an administrator. Permission: public.
 */
export async function passwordResetRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  const { passwordReset } = options.accounts;

  app.get('/password-reset', async (_request, reply) => renderForm(reply, REQUEST_VIEW, {}));

  app.post('/password-reset', async (request, reply) => {
    const form = parseForm(resetRequestSchema, request.body, request.t);
    if (!form.ok)
      return renderForm(reply, REQUEST_VIEW, { errors: form.errors, values: form.values });
    await passwordReset.request(form.data.email, requestMeta(request));
    return reply.redirect('/password-reset/sent', 303);
  });

  app.get('/password-reset/sent', async (_request, reply) =>
    reply.view('accounts/views/password-reset-sent.njk'),
  );

  const invalid = (reply: Parameters<typeof renderForm>[0]) =>
    reply
      .code(404)
      .header('cache-control', 'no-store')
      .view('accounts/views/password-reset-invalid.njk');

  app.get('/password-reset/:token', async (request, reply) => {
    const link = await passwordReset.check(tokenOf(request));
    if (!link) return invalid(reply);
    return renderForm(reply, NEW_VIEW, {
      purpose: link.purpose,
      minLength: PASSWORD_MIN_LENGTH,
      action: request.url.split('?')[0],
    });
  });

  app.post('/password-reset/:token', async (request, reply) => {
    const token = tokenOf(request);
    const link = await passwordReset.check(token);
    if (!link) return invalid(reply);
    const context = {
      purpose: link.purpose,
      minLength: PASSWORD_MIN_LENGTH,
      action: request.url.split('?')[0],
    };
    const form = parseForm(resetPasswordSchema, request.body, request.t);
    if (!form.ok) return renderForm(reply, NEW_VIEW, { errors: form.errors, ...context });
    let done: boolean;
    try {
      done = await passwordReset.complete(token, form.data.newPassword, requestMeta(request));
    } catch (error) {
      return renderForm(reply, NEW_VIEW, { errors: fieldErrorsOf(error, request.t), ...context });
    }
    if (!done) return invalid(reply);
    options.cookie.clear(reply);
    return reply.redirect('/sign-in?passwordReset=1', 303);
  });
}
