import type { App } from '../../platform/http/types.js';
import type { AccountsRoutesOptions } from './accounts.http.js';

/**
 * The development outbox: email that would have been sent, for people trying Corridor without
 * an SMTP server and for the browser tests. Registered only outside production. Permission:
 * public (development only).
 */
export async function outboxRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  app.get('/dev/outbox', async (_request, reply) => {
    const [messages, textMessages] = await Promise.all([
      options.accounts.mailer.latest(50),
      options.accounts.sms.latest(50),
    ]);
    return reply
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .view('accounts/views/outbox.njk', { messages, textMessages });
  });
}
