import { parseForm } from '../../platform/http/forms.js';
import { LANGUAGES, LANGUAGE_INFO } from '../../platform/i18n/languages.js';
import type { App } from '../../platform/http/types.js';
import {
  fieldErrorsOf,
  renderForm,
  requestMeta,
  type AccountsRoutesOptions,
} from './accounts.http.js';
import { registerSchema } from './accounts.schemas.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';

const VIEW = 'accounts/views/register.njk';

function languageItems(selected: unknown) {
  return LANGUAGES.map((code) => ({
    value: code,
    text: LANGUAGE_INFO[code].nativeName,
    checked: code === selected,
    attributes: { lang: code },
  }));
}

/** Job seekers register themselves. Permission: public (anonymous); signed in → /account. */
export async function registerRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  const { accounts, cookie } = options;

  app.get('/register', async (request, reply) => {
    if (request.principal.userId) return reply.redirect('/account', 303);
    return renderForm(reply, VIEW, {
      languageItems: languageItems(request.language),
      minLength: PASSWORD_MIN_LENGTH,
    });
  });

  app.post('/register', async (request, reply) => {
    const form = parseForm(registerSchema, request.body, request.t);
    const fail = (errors: ReturnType<typeof fieldErrorsOf>, values: Record<string, unknown>) =>
      renderForm(reply, VIEW, {
        errors,
        values,
        languageItems: languageItems(values.preferredLanguage ?? request.language),
        minLength: PASSWORD_MIN_LENGTH,
      });
    if (!form.ok) return fail(form.errors, form.values);
    try {
      const { token } = await accounts.accounts.register(
        { ...form.data, previousToken: cookie.read(request) },
        requestMeta(request),
      );
      cookie.set(reply, token);
      return reply.redirect('/account?registered=1', 303);
    } catch (error) {
      return fail(fieldErrorsOf(error, request.t), form.data);
    }
  });
}
