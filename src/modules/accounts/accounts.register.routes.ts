import { parseForm } from '../../platform/http/forms.js';
import { LANGUAGES, LANGUAGE_INFO } from '../../platform/i18n/languages.js';
import type { App } from '../../platform/http/types.js';
import type { FieldError } from '../../platform/http/forms.js';
import { renderForm, requestMeta, type AccountsRoutesOptions } from './accounts.http.js';
import { PRIVACY_NOTICE_VERSION } from '../privacy/retention.js';
import { registerSchema } from './accounts.schemas.js';
import { REGISTRATION_LINK_DAYS } from './password-reset.service.js';
import { waitMessage } from './throttle.js';

const VIEW = 'accounts/views/register.njk';
const SENT_VIEW = 'accounts/views/register-sent.njk';

function languageItems(selected: unknown) {
  return LANGUAGES.map((code) => ({
    value: code,
    text: LANGUAGE_INFO[code].nativeName,
    checked: code === selected,
    attributes: { lang: code },
  }));
}

/**
 * Job seekers register themselves. Permission: public (anonymous); signed in → /account. The
 * answer is the same whether or not the address already has an account (see
 * `AccountsService.register`): "check your email".
 */
export async function registerRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  const { accounts } = options;

  app.get('/register', async (request, reply) => {
    if (request.principal.userId) return reply.redirect('/account', 303);
    const raw = (request.query as { assessment?: unknown }).assessment;
    const code = typeof raw === 'string' ? raw.trim().slice(0, 40) : undefined;
    const assessment = (await accounts.accounts.assessmentCarried(code)) ? code : undefined;
    return renderForm(reply, VIEW, {
      languageItems: languageItems(request.language),
      values: assessment ? { assessment } : {},
    });
  });

  app.post('/register', async (request, reply) => {
    const form = parseForm(registerSchema, request.body, request.t);
    const fail = (errors: FieldError[], values: Record<string, unknown>, status?: number) =>
      renderForm(reply, VIEW, {
        errors,
        values,
        languageItems: languageItems(values.preferredLanguage ?? request.language),
        ...(status ? { status } : {}),
      });
    if (!form.ok) return fail(form.errors, form.values);
    const outcome = await accounts.accounts.register(
      { ...form.data, privacyNoticeVersion: PRIVACY_NOTICE_VERSION },
      requestMeta(request),
    );
    if (outcome.kind === 'wait') {
      const wait = waitMessage(outcome.seconds);
      reply.header('retry-after', String(outcome.seconds));
      return fail([{ field: 'email', text: request.t(wait.key, wait.values) }], form.data, 429);
    }
    return reply.redirect('/register/check-email', 303);
  });

  app.get('/register/check-email', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.view(SENT_VIEW, { days: REGISTRATION_LINK_DAYS });
  });
}
