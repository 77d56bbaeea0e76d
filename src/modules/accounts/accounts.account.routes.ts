import { can } from '../../platform/authz/principal.js';
import type { Permission } from '../../platform/authz/catalogue.js';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import { parseForm } from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { LANGUAGE_INFO } from '../../platform/i18n/languages.js';
import {
  fieldErrorsOf,
  renderForm,
  requestMeta,
  type AccountsRoutesOptions,
} from './accounts.http.js';
import { changePasswordSchema } from './accounts.schemas.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { formatPhone } from './phone.js';

const PASSWORD_VIEW = 'accounts/views/change-password.njk';

/** Short, readable description of a browser from its User-Agent (no fingerprinting detail). */
export function describeBrowser(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /(Edg|OPR|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[1];
  const system = /(Android|iPhone|iPad|Windows|Mac OS X|Linux)/.exec(userAgent)?.[1];
  const names: Record<string, string> = { Edg: 'Edge', OPR: 'Opera', 'Mac OS X': 'macOS' };
  const parts = [
    browser && (names[browser] ?? browser),
    system && (names[system] ?? system),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : userAgent.slice(0, 60);
}

/**
 * What a person has in Corridor beyond the account itself, each page with the permission that
 * opens it: a link the reader may not follow is not drawn. The text is
 * `accounts.account.corner.<name>.link` and `.hint`.
 */
export const OWN_CORNER: ReadonlyArray<{ name: string; href: string; permission: Permission }> = [
  { name: 'identityDocuments', href: '/account/identity-documents', permission: 'person.update' },
  { name: 'consents', href: '/account/consents', permission: 'consent.read' },
  { name: 'accessLog', href: '/account/access-log', permission: 'access_log.read_own' },
  { name: 'data', href: '/account/data', permission: 'person.export' },
];

/** The user's own account. Permission: account.manage_own. */
export async function accountRoutes(app: App, options: AccountsRoutesOptions): Promise<void> {
  const { accounts, cookie } = options;
  const manageOwn = { preHandler: requirePermission('account.manage_own') };

  app.get('/account', manageOwn, async (request, reply) => {
    const overview = await accounts.accounts.overview(request.principal.userId!);
    if (!overview) throw new NotFoundError();
    const query = request.query as Record<string, unknown>;
    return renderForm(reply, 'accounts/views/account.njk', {
      account: overview.user,
      phone: overview.user.phone ? formatPhone(overview.user.phone) : null,
      canAddContact: accounts.phone.canAddContact(actorContext(request)),
      languageName: LANGUAGE_INFO[overview.user.preferredLanguage].nativeName,
      roles: request.fmt.list([
        ...new Set(overview.grants.map((grant) => request.t(`roles.${grant.role}`))),
      ]),
      twoFactorEnabled: overview.twoFactorEnabled,
      corner: OWN_CORNER.filter((item) => can(request.principal, item.permission)),
      sessions: overview.sessions.map((session) => ({
        current: session.id === request.principal.sessionId,
        browser: describeBrowser(session.userAgent),
        ipAddress: session.ipAddress,
        signedInAt: request.fmt.dateTime(session.createdAt),
        lastSeenAt: request.fmt.dateTime(session.lastSeenAt),
      })),
      notice: [
        'passwordChanged',
        'twoFactorEnabled',
        'phoneAdded',
        'emailAdded',
        'emailLinkSent',
        'claimed',
      ].find((key) => query[key] !== undefined),
    });
  });

  app.post('/account/sign-out-everywhere', manageOwn, async (request, reply) => {
    await accounts.sessions.signOutEverywhere(request.principal.userId!, requestMeta(request));
    cookie.clear(reply);
    return reply.redirect('/sign-in?signedOutEverywhere=1', 303);
  });

  app.get('/account/password', manageOwn, async (_request, reply) =>
    renderForm(reply, PASSWORD_VIEW, { minLength: PASSWORD_MIN_LENGTH }),
  );

  app.post('/account/password', manageOwn, async (request, reply) => {
    const form = parseForm(changePasswordSchema, request.body, request.t);
    if (!form.ok)
      return renderForm(reply, PASSWORD_VIEW, {
        errors: form.errors,
        minLength: PASSWORD_MIN_LENGTH,
      });
    try {
      await accounts.accounts.changePassword(actorContext(request), form.data);
    } catch (error) {
      return renderForm(reply, PASSWORD_VIEW, {
        errors: fieldErrorsOf(error, request.t),
        minLength: PASSWORD_MIN_LENGTH,
      });
    }
    return reply.redirect('/account?passwordChanged=1', 303);
  });
}
