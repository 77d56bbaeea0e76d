import type { App } from '../../platform/http/types.js';
import { accountRoutes } from './accounts.account.routes.js';
import type { AccountsRoutesOptions } from './accounts.http.js';
import { outboxRoutes } from './accounts.outbox.routes.js';
import { phoneRoutes } from './accounts.phone.routes.js';
import { passwordResetRoutes } from './accounts.password-reset.routes.js';
import { registerRoutes } from './accounts.register.routes.js';
import { signInRoutes } from './accounts.sign-in.routes.js';
import { twoFactorRoutes } from './accounts.two-factor.routes.js';

export type { AccountsRoutesOptions } from './accounts.http.js';

/** Every accounts page. Register in the pages scope (form bodies). */
export async function accountsRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  await registerRoutes(app, options);
  await signInRoutes(app, options);
  await accountRoutes(app, options);
  await twoFactorRoutes(app, options);
  await passwordResetRoutes(app, options);
  await phoneRoutes(app, options);
  if (options.devOutbox) await outboxRoutes(app, options);
}
