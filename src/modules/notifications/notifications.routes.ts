import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import {
  fieldErrorsFrom,
  formErrorContext,
  parseForm,
  type FieldError,
} from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { escapeHtml } from '../../platform/views/terms.js';
import { presentNotification } from './notifications.presenter.js';
import { notificationIdParams, notificationsQuery, settingsForm } from './notifications.schemas.js';
import type { NotificationsService } from './notifications.service.js';

const LIST = 'notifications/views/index.njk';

/**
 * A long email address may break after its "@" and its dots rather than widen a phone's page
 * (a checkbox's hint is a flex item: overflow-wrap alone does not shrink it).
 */
function breakable(text: string): string {
  return escapeHtml(text).replace(/([@.])(?=\S)/g, '$1<wbr>');
}
const SETTINGS = 'notifications/views/settings.njk';

/** The person's notifications, and how they are told. */
export async function notificationsRoutes(
  app: App,
  options: { notifications: NotificationsService },
): Promise<void> {
  const { notifications } = options;
  const guard = { preHandler: requirePermission('notification.read') };

  app.get('/notifications', guard, async (request, reply) => {
    const { page } = notificationsQuery.parse(request.query ?? {});
    const list = await notifications.list(actorContext(request), page);
    const query = request.query as Record<string, unknown>;
    return reply.view(LIST, {
      items: list.items.map((item) => presentNotification(item, request.t, request.fmt)),
      unread: list.unread,
      page: list.page,
      newer: list.page > 1 ? `/notifications?page=${list.page - 1}` : null,
      older: list.hasMore ? `/notifications?page=${list.page + 1}` : null,
      csrfToken: reply.csrfToken(),
      done: query.done === 'read' || query.done === 'all' ? query.done : null,
    });
  });

  app.post('/notifications/read-all', guard, async (request, reply) => {
    await notifications.markAllRead(actorContext(request));
    return reply.redirect('/notifications?done=all', 303);
  });

  app.post('/notifications/:id/read', guard, async (request, reply) => {
    const params = notificationIdParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError();
    await notifications.markRead(actorContext(request), params.data.id);
    return reply.redirect('/notifications?done=read', 303);
  });

  const settingsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: { email: boolean; sms: boolean } | null,
    errors: FieldError[] = [],
  ) => {
    const current = await notifications.settings(actorContext(request));
    const chosen = values ?? current;
    const t = request.t;
    const context = formErrorContext(errors);
    const channelErrors = errors.filter((error) => ['email', 'sms'].includes(error.field));
    return {
      ...context,
      channelError: channelErrors.length
        ? { text: channelErrors.map((error) => error.text).join(' ') }
        : undefined,
      usingDefaults: !current.chosen,
      channelItems: [
        {
          id: 'email',
          value: 'email',
          text: t('notifications.settings.email'),
          hint: current.emailAddress
            ? {
                html: breakable(
                  t('notifications.settings.emailTo', { email: current.emailAddress }),
                ),
              }
            : { text: t('notifications.settings.noEmail') },
          checked: chosen.email,
        },
        {
          id: 'sms',
          value: 'sms',
          text: t('notifications.settings.sms'),
          hint: current.phone
            ? { html: breakable(t('notifications.settings.smsTo', { phone: current.phone })) }
            : { text: t('notifications.settings.noPhone') },
          checked: chosen.sms,
        },
      ],
      csrfToken: reply.csrfToken(),
      saved: (request.query as Record<string, unknown>).saved === '1',
    };
  };

  app.get('/notifications/settings', guard, async (request, reply) =>
    reply.view(SETTINGS, await settingsPage(request, reply, null)),
  );

  app.post('/notifications/settings', guard, async (request, reply) => {
    const form = parseForm(settingsForm, request.body, request.t);
    if (!form.ok) {
      return reply.code(400).view(
        SETTINGS,
        // A channel the form does not offer: named on the first box, the channels' group.
        await settingsPage(
          request,
          reply,
          { email: false, sms: false },
          form.errors.map((error) => ({ ...error, field: 'email' })),
        ),
      );
    }
    try {
      await notifications.saveSettings(actorContext(request), form.data);
    } catch (error) {
      const errors = fieldErrorsFrom(error, request.t);
      return reply.code(400).view(SETTINGS, await settingsPage(request, reply, form.data, errors));
    }
    return reply.redirect('/notifications/settings?saved=1', 303);
  });
}
