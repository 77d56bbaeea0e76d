import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../platform/authz/principal.js';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import {
  formErrorContext,
  parseForm,
  type FieldError,
  fieldErrorsFrom,
} from '../../platform/http/forms.js';

import type { App } from '../../platform/http/types.js';
import type { Translate } from '../../platform/i18n/translator.js';
import { accessLogQuerySchema, eraseSchema } from './privacy.schemas.js';
import type { AccessLogEntry, PrivacyService } from './privacy.service.js';

const DATA_PAGE = 'privacy/views/data.njk';

/** The translation of `key`, or `fallback` when no language has the key (it comes back as is). */
function translated(t: Translate, key: string, fallback: string): string {
  const text = t(key);
  return text === key ? fallback : text;
}

/** An access log row in the reader's language. */
function presentAccess(request: FastifyRequest, entry: AccessLogEntry) {
  const t = request.t;
  let organisation: string;
  if (entry.organisationName) organisation = entry.organisationName;
  else if (entry.organisationId) organisation = t('privacy.accessLog.formerOrganisation');
  else organisation = entry.role ? '—' : t('privacy.accessLog.system');
  return {
    occurredAt: request.fmt.dateTime(entry.occurredAt),
    organisation,
    role: entry.role ? translated(t, `roles.${entry.role}`, entry.role) : '—',
    viaApiKey: entry.viaApiKey,
    purpose: entry.purpose
      ? translated(t, `privacy.purposes.${entry.purpose}`, entry.purpose)
      : '—',
    action: translated(t, `privacy.accessLog.verbs.${entry.verb}`, entry.action),
  };
}

/** The date in a file name: the day of the download, in UTC. */
function exportFileName(now: Date): string {
  return `corridor-my-data-${now.toISOString().slice(0, 10)}.json`;
}

/** "Your data": download it, erase it, and see who has looked at it. */
export async function privacyRoutes(app: App, options: { privacy: PrivacyService }): Promise<void> {
  const { privacy } = options;

  const dataPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { errors = [], confirmed = false }: { errors?: FieldError[]; confirmed?: boolean } = {},
  ) => {
    const canErase = can(request.principal, 'person.erase');
    const ctx = actorContext(request);
    return {
      sections: privacy.sections().map((section) => ({
        name: section.name,
        description: translated(
          request.t,
          section.descriptionKey,
          request.t('privacy.sections.other', { name: section.name }),
        ),
      })),
      canErase,
      // Why erasure must wait (an organisation's last administrator), said before the form.
      refusals: canErase
        ? (await privacy.erasureRefusals(ctx)).map((problem) =>
            request.t(problem.detail, problem.values),
          )
        : [],
      // A code from the authenticator app (or a recovery code), or the password.
      factor: canErase ? await privacy.erasureFactor(ctx) : null,
      // The box stays ticked when only the second factor was wrong; it is never sent back.
      confirmed,
      csrfToken: reply.csrfToken(),
      ...formErrorContext(errors),
    };
  };

  app.get(
    '/account/data',
    { preHandler: requirePermission('person.export') },
    async (request, reply) => reply.view(DATA_PAGE, await dataPage(request, reply)),
  );

  app.get(
    '/account/data/export',
    { preHandler: requirePermission('person.export') },
    async (request, reply) => {
      const now = new Date();
      const document = await privacy.export(actorContext(request), now);
      return reply
        .header('content-disposition', `attachment; filename="${exportFileName(now)}"`)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(document, null, 2));
    },
  );

  app.post(
    '/account/data/erase',
    { preHandler: requirePermission('person.erase') },
    async (request, reply) => {
      const form = parseForm(eraseSchema, request.body, request.t);
      if (!form.ok)
        return reply.code(400).view(
          DATA_PAGE,
          await dataPage(request, reply, {
            errors: form.errors,
            confirmed: form.values.confirm === 'yes',
          }),
        );
      try {
        await privacy.erase(actorContext(request), {
          ...(form.data.password === undefined ? {} : { password: form.data.password }),
          ...(form.data.code === undefined ? {} : { code: form.data.code }),
        });
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply
          .code(400)
          .view(DATA_PAGE, await dataPage(request, reply, { errors, confirmed: true }));
      }
      // The sessions are gone with the account data; the next request is anonymous and the
      // authentication hook clears the stale cookie.
      return reply.redirect('/account/data/erased', 303);
    },
  );

  // Public: by the time it is shown the person is no longer signed in.
  app.get('/account/data/erased', async (_request, reply) =>
    reply.view('privacy/views/erased.njk'),
  );

  app.get(
    '/account/access-log',
    { preHandler: requirePermission('access_log.read_own') },
    async (request, reply) => {
      const query = accessLogQuerySchema.parse(request.query);
      const result = await privacy.accessLog(
        actorContext(request),
        query.beforeId === undefined ? {} : { beforeId: query.beforeId },
      );
      return reply.view('privacy/views/access-log.njk', {
        entries: result.entries.map((entry) => presentAccess(request, entry)),
        olderHref:
          result.olderBeforeId === null
            ? null
            : `/account/access-log?beforeId=${result.olderBeforeId}`,
        paged: query.beforeId !== undefined,
      });
    },
  );
}
