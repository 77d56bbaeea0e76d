import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import { parseForm, type FieldError } from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { formatters } from '../../platform/i18n/format.js';
import { LANGUAGES, LANGUAGE_INFO, type Language } from '../../platform/i18n/languages.js';
import { PRIVACY_NOTICE_VERSION } from '../privacy/retention.js';
import {
  fieldErrorsOf,
  renderForm,
  requestMeta,
  type AccountsRoutesOptions,
} from './accounts.http.js';
import { formatPhone, looksLikePhone, parsePhone } from './phone.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import type { SignInOutcome } from './sign-in.service.js';
import { waitMessage } from './throttle.js';

const V = (name: string) => `accounts/views/${name}.njk`;
const AFTER_SIGN_IN = '/account';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL_FORMAT = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const text = (max: number) => z.string().max(max).optional().default('');

const phoneStartSchema = z.object({ country: text(2), phone: text(60) });
const registerPhoneSchema = phoneStartSchema.extend({
  preferredLanguage: z.enum(LANGUAGES, 'accounts.errors.selectLanguage'),
  privacyNoticeRead: z.literal('yes', 'accounts.errors.readPrivacyNotice'),
});
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'accounts.errors.enterSmsCode')
    .max(20, 'accounts.errors.smsCodeFormat'),
});
const registerCodeSchema = codeSchema.extend({
  fullName: z.string().max(400, 'accounts.errors.nameTooLong').optional().default(''),
  password: z.string('accounts.errors.enterPassword').min(1, 'accounts.errors.enterPassword'),
});
const phonePasswordSchema = phoneStartSchema.extend({
  password: z.string('accounts.errors.enterPassword').min(1, 'accounts.errors.enterPassword'),
});
const claimSchema = z.object({
  country: text(2),
  contact: z
    .string()
    .trim()
    .min(1, 'accounts.errors.enterPhoneOrEmail')
    .max(254, 'accounts.errors.phoneInvalid'),
  code: z
    .string()
    .trim()
    .min(1, 'accounts.errors.enterClaimCode')
    .max(20, 'accounts.errors.smsCodeFormat'),
  password: z.string('accounts.errors.enterPassword').min(1, 'accounts.errors.enterPassword'),
});
const assistedSchema = z.object({
  fullName: z.string().max(400, 'accounts.errors.nameTooLong').optional().default(''),
  country: text(2),
  phone: text(60),
  email: text(254),
  preferredLanguage: z.enum(LANGUAGES, 'accounts.errors.selectLanguage'),
  consent: z.literal('yes').optional(),
});
const addEmailSchema = z.object({
  email: z
    .string('accounts.errors.enterEmail')
    .transform((value) => value.trim().toLowerCase())
    .pipe(
      z
        .string()
        .min(1, 'accounts.errors.enterEmail')
        .max(254, 'accounts.errors.emailTooLong')
        .regex(EMAIL_FORMAT, 'accounts.errors.emailFormat'),
    ),
});

/** A submitted field as text ('' when absent or not text). */
function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function languageItems(selected: unknown) {
  return LANGUAGES.map((code) => ({
    value: code,
    text: LANGUAGE_INFO[code].nativeName,
    checked: code === selected,
    attributes: { lang: code },
  }));
}

/** The phone field read with the country chosen: E.164, or a field error. */
function readPhone(
  request: FastifyRequest,
  data: { phone: string; country: string },
  field = 'phone',
): { e164: string } | { error: FieldError } {
  const parsed = parsePhone(data.phone, data.country);
  return parsed.ok ? { e164: parsed.e164 } : { error: { field, text: request.t(parsed.problem) } };
}

/**
 * Accounts by phone number (ADR 16) and assisted registration. Permission: public for
 * registering, signing in and claiming (these pages are how one stops being anonymous);
 * account.manage_own for adding a phone number or an email address; job_seeker.assist for the
 * assisted registration pages.
 */
export async function phoneRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  const { accounts, cookie, devices } = options;
  const manageOwn = { preHandler: requirePermission('account.manage_own') };
  const assist = { preHandler: requirePermission('job_seeker.assist', { apiKeys: false }) };

  const countries = (request: FastifyRequest, chosen: unknown) =>
    accounts.phoneCountries.items(
      request.language,
      chosen,
      request.t('accounts.phone.chooseCountry'),
    );

  /** Signed in, or refused the same way for every number; a wait says how long. */
  const finish = async (
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: SignInOutcome | { kind: 'added'; phone: string },
    failView: string,
    field: string,
    extra: Record<string, unknown>,
    refusedKey = 'accounts.errors.smsCodeWrong',
  ) => {
    switch (outcome.kind) {
      case 'signed_in':
        cookie.set(reply, outcome.token);
        devices.remember(request, reply, outcome.deviceToken);
        return reply.redirect(AFTER_SIGN_IN, 303);
      case 'two_factor':
        cookie.set(reply, outcome.token);
        return reply.redirect('/sign-in/two-factor', 303);
      case 'added':
        return reply.redirect('/account?phoneAdded=1', 303);
      default: {
        const wait = outcome.kind === 'locked' ? waitMessage(outcome.seconds) : null;
        if (outcome.kind === 'locked') reply.header('retry-after', String(outcome.seconds));
        return renderForm(reply, failView, {
          errors: [
            { field, text: wait ? request.t(wait.key, wait.values) : request.t(refusedKey) },
          ],
          status: wait ? 429 : 400,
          ...extra,
        });
      }
    }
  };

  // Registration with a phone number: number, then the code with a name and a password.
  app.get('/register/phone', async (request, reply) => {
    if (request.principal.userId) return reply.redirect('/account', 303);
    return renderForm(reply, V('register-phone'), {
      countryItems: await countries(request, undefined),
      languageItems: languageItems(request.language),
    });
  });

  app.post('/register/phone', async (request, reply) => {
    const form = parseForm(registerPhoneSchema, request.body, request.t);
    const values = (form.ok ? form.data : form.values) as Record<string, unknown>;
    const errors = form.ok ? [] : [...form.errors];
    const phone = readPhone(request, {
      phone: str(values.phone),
      country: str(values.country),
    });
    if ('error' in phone && !errors.some((error) => error.field === 'phone'))
      errors.unshift(phone.error);
    const fail = (list: FieldError[], status?: number) =>
      (async () =>
        renderForm(reply, V('register-phone'), {
          errors: list,
          values,
          countryItems: await countries(request, values.country),
          languageItems: languageItems(values.preferredLanguage ?? request.language),
          ...(status ? { status } : {}),
        }))();
    if (!form.ok || 'error' in phone) return fail(errors);
    const outcome = await accounts.phone.startRegistration(
      {
        phone: phone.e164,
        preferredLanguage: form.data.preferredLanguage,
        privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      },
      requestMeta(request),
    );
    if (outcome.kind === 'wait') {
      const wait = waitMessage(outcome.seconds);
      reply.header('retry-after', String(outcome.seconds));
      return fail([{ field: 'phone', text: request.t(wait.key, wait.values) }], 429);
    }
    return reply.redirect(`/register/phone/${outcome.challengeId}`, 303);
  });

  const registerCodePage = async (request: FastifyRequest, reply: FastifyReply, id: string) => {
    const challenge = UUID.test(id) ? await accounts.phone.challenge(id, 'register') : null;
    if (!challenge) {
      reply.header('cache-control', 'no-store');
      return {
        challenge: null,
        page: reply.code(404).view(V('code-expired'), { again: '/register/phone' }),
      };
    }
    return { challenge, page: null };
  };

  app.get('/register/phone/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { challenge, page } = await registerCodePage(request, reply, id);
    if (!challenge) return page;
    return renderForm(reply, V('register-phone-code'), {
      id,
      phone: formatPhone(challenge.phone),
      minLength: PASSWORD_MIN_LENGTH,
    });
  });

  app.post('/register/phone/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { challenge, page } = await registerCodePage(request, reply, id);
    if (!challenge) return page;
    const extra = { id, phone: formatPhone(challenge.phone), minLength: PASSWORD_MIN_LENGTH };
    const form = parseForm(registerCodeSchema, request.body, request.t);
    if (!form.ok)
      return renderForm(reply, V('register-phone-code'), {
        errors: form.errors,
        values: form.values,
        ...extra,
      });
    let outcome: SignInOutcome;
    try {
      outcome = await accounts.phone.completeRegistration(
        id,
        { ...form.data, previousToken: cookie.read(request) },
        requestMeta(request),
      );
    } catch (error) {
      return renderForm(reply, V('register-phone-code'), {
        errors: fieldErrorsOf(error, request.t),
        values: form.data,
        ...extra,
      });
    }
    return finish(request, reply, outcome, V('register-phone-code'), 'code', {
      values: { fullName: form.data.fullName },
      ...extra,
    });
  });

  // Sign-in with a phone number: its password, or a code by SMS.
  app.get('/sign-in/phone', async (request, reply) => {
    if (request.principal.userId) return reply.redirect(AFTER_SIGN_IN, 303);
    return renderForm(reply, V('sign-in-phone'), {
      countryItems: await countries(request, undefined),
    });
  });

  app.post('/sign-in/phone', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const byCode = body.method === 'code';
    const form = byCode
      ? parseForm(phoneStartSchema, request.body, request.t)
      : parseForm(phonePasswordSchema, request.body, request.t);
    const values = (form.ok ? form.data : form.values) as Record<string, unknown>;
    const render = async (errors: FieldError[], status?: number) =>
      renderForm(reply, V('sign-in-phone'), {
        errors,
        values,
        countryItems: await countries(request, values.country),
        ...(status ? { status } : {}),
      });
    const errors = form.ok ? [] : [...form.errors];
    const phone = readPhone(request, {
      phone: str(values.phone),
      country: str(values.country),
    });
    if ('error' in phone) errors.unshift(phone.error);
    if (!form.ok || 'error' in phone) return render(errors);
    const meta = requestMeta(request);
    if (byCode) {
      const outcome = await accounts.phone.requestSignInCode(phone.e164, meta);
      if (outcome.kind === 'wait') {
        const wait = waitMessage(outcome.seconds);
        reply.header('retry-after', String(outcome.seconds));
        return render([{ field: 'phone', text: request.t(wait.key, wait.values) }], 429);
      }
      return reply.redirect(`/sign-in/code/${outcome.challengeId}`, 303);
    }
    const outcome = await accounts.signIn.signIn(
      {
        email: phone.e164,
        password: str(body.password),
        previousToken: cookie.read(request),
        deviceTokens: devices.read(request),
      },
      meta,
    );
    if (outcome.kind === 'signed_in' || outcome.kind === 'two_factor')
      return finish(request, reply, outcome, V('sign-in-phone'), 'phone', {});
    return finish(
      request,
      reply,
      outcome,
      V('sign-in-phone'),
      'phone',
      { values, countryItems: await countries(request, values.country) },
      'accounts.errors.phoneSignInRefused',
    );
  });

  const signInCodeExtra = async (request: FastifyRequest, id: string) => {
    const challenge = UUID.test(id) ? await accounts.phone.challenge(id, 'sign_in') : null;
    return challenge ? { id, phone: formatPhone(challenge.phone) } : null;
  };

  app.get('/sign-in/code/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const extra = await signInCodeExtra(request, id);
    if (!extra)
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .view(V('code-expired'), { again: '/sign-in/phone' });
    return renderForm(reply, V('sign-in-code'), extra);
  });

  app.post('/sign-in/code/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const extra = await signInCodeExtra(request, id);
    if (!extra)
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .view(V('code-expired'), { again: '/sign-in/phone' });
    const form = parseForm(codeSchema, request.body, request.t);
    if (!form.ok) return renderForm(reply, V('sign-in-code'), { errors: form.errors, ...extra });
    const outcome = await accounts.phone.signInWithCode(
      id,
      {
        code: form.data.code,
        previousToken: cookie.read(request),
        deviceTokens: devices.read(request),
      },
      requestMeta(request),
    );
    return finish(request, reply, outcome, V('sign-in-code'), 'code', extra);
  });

  // Claiming an account an officer opened: number or address, the code, a new password.
  app.get('/claim', async (request, reply) => {
    if (request.principal.userId) return reply.redirect(AFTER_SIGN_IN, 303);
    return renderForm(reply, V('claim'), {
      countryItems: await countries(request, undefined),
      minLength: PASSWORD_MIN_LENGTH,
    });
  });

  app.post('/claim', async (request, reply) => {
    const form = parseForm(claimSchema, request.body, request.t);
    const values = (form.ok ? form.data : form.values) as Record<string, unknown>;
    const render = async (errors: FieldError[], status?: number) =>
      renderForm(reply, V('claim'), {
        errors,
        values,
        countryItems: await countries(request, values.country),
        minLength: PASSWORD_MIN_LENGTH,
        ...(status ? { status } : {}),
      });
    if (!form.ok) return render(form.errors);
    let target: string;
    if (looksLikePhone(form.data.contact)) {
      const phone = readPhone(
        request,
        { phone: form.data.contact, country: form.data.country },
        'contact',
      );
      if ('error' in phone) return render([phone.error]);
      target = phone.e164;
    } else {
      target = form.data.contact.trim().toLowerCase();
      if (!EMAIL_FORMAT.test(target))
        return render([{ field: 'contact', text: request.t('accounts.errors.emailFormat') }]);
    }
    let outcome: SignInOutcome;
    try {
      outcome = await accounts.assisted.claim(
        {
          target,
          code: form.data.code,
          password: form.data.password,
          previousToken: cookie.read(request),
        },
        requestMeta(request),
      );
    } catch (error) {
      return render(fieldErrorsOf(error, request.t));
    }
    if (outcome.kind === 'signed_in') {
      cookie.set(reply, outcome.token);
      devices.remember(request, reply, outcome.deviceToken);
      return reply.redirect('/account?claimed=1', 303);
    }
    const wait = outcome.kind === 'locked' ? waitMessage(outcome.seconds) : null;
    if (outcome.kind === 'locked') reply.header('retry-after', String(outcome.seconds));
    return render(
      [
        {
          field: 'code',
          text: wait ? request.t(wait.key, wait.values) : request.t('accounts.errors.claimRefused'),
        },
      ],
      wait ? 429 : 400,
    );
  });

  // Adding a phone number (job seekers) or an email address to one's account.
  app.get('/account/phone', manageOwn, async (request, reply) => {
    if (!accounts.phone.canAddContact(actorContext(request))) throw new NotFoundError();
    return renderForm(reply, V('account-phone'), {
      countryItems: await countries(request, undefined),
    });
  });

  app.post('/account/phone', manageOwn, async (request, reply) => {
    const ctx = actorContext(request);
    if (!accounts.phone.canAddContact(ctx)) throw new NotFoundError();
    const form = parseForm(phoneStartSchema, request.body, request.t);
    const values = (form.ok ? form.data : form.values) as Record<string, unknown>;
    const render = async (errors: FieldError[], status?: number) =>
      renderForm(reply, V('account-phone'), {
        errors,
        values,
        countryItems: await countries(request, values.country),
        ...(status ? { status } : {}),
      });
    const phone = readPhone(request, {
      phone: str(values.phone),
      country: str(values.country),
    });
    if ('error' in phone) return render([phone.error]);
    const outcome = await accounts.phone.startAddPhone(ctx, phone.e164);
    if (outcome.kind === 'wait') {
      const wait = waitMessage(outcome.seconds);
      return render([{ field: 'phone', text: request.t(wait.key, wait.values) }], 429);
    }
    return reply.redirect(`/account/phone/${outcome.challengeId}`, 303);
  });

  const addPhoneExtra = async (request: FastifyRequest, id: string) => {
    const challenge = UUID.test(id) ? await accounts.phone.challenge(id, 'add_phone') : null;
    return challenge && challenge.userId === request.principal.userId
      ? { id, phone: formatPhone(challenge.phone) }
      : null;
  };

  app.get('/account/phone/:id', manageOwn, async (request, reply) => {
    const extra = await addPhoneExtra(request, (request.params as { id: string }).id);
    if (!extra)
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .view(V('code-expired'), { again: '/account/phone' });
    return renderForm(reply, V('account-phone-code'), extra);
  });

  app.post('/account/phone/:id', manageOwn, async (request, reply) => {
    const { id } = request.params as { id: string };
    const extra = await addPhoneExtra(request, id);
    if (!extra)
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .view(V('code-expired'), { again: '/account/phone' });
    const form = parseForm(codeSchema, request.body, request.t);
    if (!form.ok)
      return renderForm(reply, V('account-phone-code'), { errors: form.errors, ...extra });
    const outcome = await accounts.phone.completeAddPhone(
      actorContext(request),
      id,
      form.data.code,
    );
    return finish(request, reply, outcome, V('account-phone-code'), 'code', extra);
  });

  app.get('/account/email', manageOwn, async (request, reply) => {
    if (!accounts.phone.canAddContact(actorContext(request))) throw new NotFoundError();
    return renderForm(reply, V('account-email'), {});
  });

  app.post('/account/email', manageOwn, async (request, reply) => {
    const ctx = actorContext(request);
    if (!accounts.phone.canAddContact(ctx)) throw new NotFoundError();
    const form = parseForm(addEmailSchema, request.body, request.t);
    if (!form.ok)
      return renderForm(reply, V('account-email'), { errors: form.errors, values: form.values });
    try {
      await accounts.phone.startAddEmail(ctx, form.data.email);
    } catch (error) {
      return renderForm(reply, V('account-email'), {
        errors: fieldErrorsOf(error, request.t),
        values: form.data,
      });
    }
    return reply.redirect('/account?emailLinkSent=1', 303);
  });

  app.get('/account/email/confirm/:id/:token', manageOwn, async (request, reply) =>
    renderForm(reply, V('account-email-confirm'), request.params as Record<string, unknown>),
  );

  app.post('/account/email/confirm/:id/:token', manageOwn, async (request, reply) => {
    const { id, token } = request.params as { id: string; token: string };
    const confirmed = await accounts.phone.confirmEmail(actorContext(request), id, token);
    if (!confirmed)
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .view(V('code-expired'), { again: '/account/email' });
    return reply.redirect('/account?emailAdded=1', 303);
  });

  // Assisted registration by an officer, for a person who is present and consents.
  app.get('/accounts/assisted', assist, async (request, reply) =>
    renderForm(reply, V('assisted'), {
      countryItems: await countries(request, undefined),
      languageItems: languageItems(undefined),
    }),
  );

  app.post('/accounts/assisted', assist, async (request, reply) => {
    const form = parseForm(assistedSchema, request.body, request.t);
    const values = (form.ok ? form.data : form.values) as Record<string, unknown>;
    const render = async (errors: FieldError[]) =>
      renderForm(reply, V('assisted'), {
        errors,
        values,
        countryItems: await countries(request, values.country),
        languageItems: languageItems(values.preferredLanguage),
      });
    const errors = form.ok ? [] : [...form.errors];
    let phone: string | null = null;
    const typedPhone = str(values.phone).trim();
    if (typedPhone) {
      const parsed = readPhone(request, {
        phone: typedPhone,
        country: str(values.country),
      });
      if ('error' in parsed) errors.push(parsed.error);
      else phone = parsed.e164;
    }
    const typedEmail = str(values.email).trim().toLowerCase();
    if (typedEmail && !EMAIL_FORMAT.test(typedEmail))
      errors.push({ field: 'email', text: request.t('accounts.errors.emailFormat') });
    if (!form.ok || errors.length) return render(errors);
    try {
      const { id } = await accounts.assisted.register(actorContext(request), {
        fullName: form.data.fullName,
        phone,
        email: typedEmail || null,
        preferredLanguage: form.data.preferredLanguage,
        consent: form.data.consent === 'yes',
      });
      return reply.redirect(`/accounts/assisted/${id}/slip`, 303);
    } catch (error) {
      return render(fieldErrorsOf(error, request.t));
    }
  });

  app.get('/accounts/assisted/:id/slip', assist, async (request, reply) => {
    const { id } = request.params as { id: string };
    const slip = await accounts.assisted.slip(actorContext(request), id);
    const lang: Language = slip.preferredLanguage;
    reply.header('cache-control', 'no-store');
    return reply.view(V('assisted-slip'), {
      slip: {
        ...slip,
        phone: slip.phone ? formatPhone(slip.phone) : null,
        expires: formatters(lang).date(slip.expiresAt),
      },
      slipLang: lang,
      slipDir: LANGUAGE_INFO[lang].dir,
      // The slip is in the person's language, whatever the officer's page is in.
      st: accounts.translator.forLanguage(lang),
    });
  });
}
