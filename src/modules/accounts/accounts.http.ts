import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionCookie } from '../../platform/http/authentication.js';
import { fieldErrorsFrom, formErrorContext, type FieldError } from '../../platform/http/forms.js';

import type { RequestMeta } from './accounts.context.js';
import type { KnownDeviceCookie } from './known-device.js';
import type { Accounts } from './accounts.module.js';

/** What every accounts route plugin receives. */
export interface AccountsRoutesOptions {
  accounts: Accounts;
  cookie: SessionCookie;
  /** The known-device cookie, set after each full sign-in. */
  devices: KnownDeviceCookie;
  /** Serve /dev/outbox (development and test only, never production). */
  devOutbox: boolean;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const agent = request.headers['user-agent'];
  return {
    requestId: request.id,
    ipAddress: request.ip,
    userAgent: typeof agent === 'string' ? agent : null,
  };
}

/** A service's ValidationError as form errors; anything else is thrown on. */
export const fieldErrorsOf = fieldErrorsFrom;

/**
 * Renders a form page: 200, or 400 with the GOV.UK error summary and field errors. The form's
 * CSRF token and the submitted values (never passwords) go with it.
 */
export function renderForm(
  reply: FastifyReply,
  template: string,
  context: { errors?: FieldError[]; values?: Record<string, unknown>; status?: number } & Record<
    string,
    unknown
  >,
) {
  const { errors = [], values = {}, status, ...rest } = context;
  const safeValues = Object.fromEntries(
    Object.entries(values).filter(([key]) => !/password/i.test(key)),
  );
  reply.header('cache-control', 'no-store');
  return reply.code(status ?? (errors.length ? 400 : 200)).view(template, {
    ...formErrorContext(errors),
    values: safeValues,
    csrfToken: reply.csrfToken(),
    ...rest,
  });
}
