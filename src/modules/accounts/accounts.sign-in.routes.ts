import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeNextPath } from '../../platform/http/authentication.js';
import { parseForm } from '../../platform/http/forms.js';
import type { App } from '../../platform/http/types.js';
import { renderForm, requestMeta, type AccountsRoutesOptions } from './accounts.http.js';
import { recoveryCodeSchema, signInSchema, twoFactorCodeSchema } from './accounts.schemas.js';
import type { SignInOutcome } from './sign-in.service.js';
import { waitMessage } from './throttle.js';

const SIGN_IN_VIEW = 'accounts/views/sign-in.njk';
const TWO_FACTOR_VIEW = 'accounts/views/sign-in-two-factor.njk';
const AFTER_SIGN_IN = '/account';

function nextOf(request: FastifyRequest): string | null {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  return safeNextPath(body?.next ?? query?.next);
}

function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/**
 * Sign-in (email and password, then a code where the account has two-factor authentication)
 * and sign-out. Permission: public; these pages are how one stops being anonymous.
 */
export async function signInRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  const { accounts, cookie, devices } = options;

  /** Wrong email or password and unknown email get this same answer; a lock says how long. */
  const refused = (
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: SignInOutcome,
    view: string,
    field: string,
    extra: Record<string, unknown>,
  ) => {
    const wait = outcome.kind === 'locked' ? waitMessage(outcome.seconds) : null;
    if (outcome.kind === 'locked') reply.header('retry-after', String(outcome.seconds));
    const text = wait
      ? request.t(wait.key, wait.values)
      : request.t(
          view === SIGN_IN_VIEW ? 'accounts.errors.signInRefused' : 'accounts.errors.codeWrong',
        );
    return renderForm(reply, view, {
      errors: [{ field, text }],
      status: wait ? 429 : 400,
      ...extra,
    });
  };

  app.get('/sign-in', async (request, reply) => {
    const next = nextOf(request);
    if (request.principal.userId) return reply.redirect(next ?? AFTER_SIGN_IN, 303);
    const query = request.query as Record<string, unknown>;
    return renderForm(reply, SIGN_IN_VIEW, {
      next,
      notice: ['signedOut', 'signedOutEverywhere', 'passwordReset'].find(
        (key) => query[key] !== undefined,
      ),
    });
  });

  app.post('/sign-in', async (request, reply) => {
    const next = nextOf(request);
    const form = parseForm(signInSchema, request.body, request.t);
    if (!form.ok)
      return renderForm(reply, SIGN_IN_VIEW, { errors: form.errors, values: form.values, next });
    const outcome = await accounts.signIn.signIn(
      {
        email: form.data.email,
        password: form.data.password,
        previousToken: cookie.read(request),
        deviceTokens: devices.read(request),
      },
      requestMeta(request),
    );
    switch (outcome.kind) {
      case 'signed_in':
        cookie.set(reply, outcome.token);
        devices.remember(request, reply, outcome.deviceToken);
        return reply.redirect(next ?? AFTER_SIGN_IN, 303);
      case 'two_factor':
        cookie.set(reply, outcome.token);
        return reply.redirect(withNext('/sign-in/two-factor', next), 303);
      default:
        return refused(request, reply, outcome, SIGN_IN_VIEW, 'email', {
          values: { email: form.data.email },
          next,
        });
    }
  });

  const twoFactorContext = (request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>;
    const body = request.body as Record<string, unknown> | undefined;
    const recovery = query.recovery !== undefined || typeof body?.recoveryCode === 'string';
    return { next: nextOf(request), recovery };
  };

  app.get('/sign-in/two-factor', async (request, reply) => {
    if (request.session?.stage !== 'two_factor') return reply.redirect('/sign-in', 303);
    return renderForm(reply, TWO_FACTOR_VIEW, twoFactorContext(request));
  });

  app.post('/sign-in/two-factor', async (request, reply) => {
    const session = request.session;
    if (session?.stage !== 'two_factor') return reply.redirect('/sign-in', 303);
    const context = twoFactorContext(request);
    const field = context.recovery ? 'recoveryCode' : 'code';
    const form = context.recovery
      ? parseForm(recoveryCodeSchema, request.body, request.t)
      : parseForm(twoFactorCodeSchema, request.body, request.t);
    if (!form.ok) return renderForm(reply, TWO_FACTOR_VIEW, { errors: form.errors, ...context });
    const deviceTokens = devices.read(request);
    const input =
      'recoveryCode' in form.data
        ? { recoveryCode: form.data.recoveryCode, deviceTokens }
        : { code: form.data.code, deviceTokens };
    const outcome = await accounts.signIn.completeTwoFactor(
      session.id,
      input,
      requestMeta(request),
    );
    if (outcome.kind === 'signed_in') {
      cookie.set(reply, outcome.token);
      devices.remember(request, reply, outcome.deviceToken);
      return reply.redirect(context.next ?? AFTER_SIGN_IN, 303);
    }
    return refused(request, reply, outcome, TWO_FACTOR_VIEW, field, context);
  });

  // Ends whatever session the cookie names (also a half-way one). CSRF-protected like any form.
  app.post('/sign-out', async (request, reply) => {
    if (request.session) {
      await accounts.sessions.signOut(
        request.session.id,
        request.principal.userId,
        requestMeta(request),
      );
    }
    cookie.clear(reply);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
}
