import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import { ValidationError } from '../../platform/http/problem.js';
import {
  emailOf,
  normaliseEmail,
  recordAudit,
  type AccountsDependencies,
  type RequestMeta,
} from './accounts.context.js';
import { hashPassword, passwordProblem } from './passwords.js';
import type { Executor } from './users.repository.js';

const HOUR = 60 * 60 * 1000;
/** A reset link works for an hour; a link to set the first password, three days. */
const LINK_LIFETIME = { reset: 1 * HOUR, set: 72 * HOUR } as const;
/** What the registration page says of the link's life, in days. */
export const REGISTRATION_LINK_DAYS = LINK_LIFETIME.set / (24 * HOUR);
/** At most this many reset emails per account per hour (no mail bombing). */
const RESETS_PER_HOUR = 3;

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** One-time emailed links to choose a password. The database keeps only their SHA-256. */
export class PasswordResetService {
  constructor(private readonly deps: AccountsDependencies) {}

  /**
   * Writes a link and its email in the caller's transaction; returns the outbox id to deliver
   * once the transaction has committed.
   */
  async issue(
    executor: Executor,
    userId: string,
    purpose: 'reset' | 'set',
    ctx: Pick<ActorContext, 'requestId' | 'ipAddress'> & { principal?: ActorContext['principal'] },
    /** The email to send (`accounts.email.<template>`): a registration has its own. */
    template: 'reset' | 'set' | 'register' = purpose,
  ): Promise<string> {
    const user = await this.deps.users.findById(userId, executor);
    if (!user) throw new Error(`No user ${userId}`);
    const now = this.deps.now();
    const token = randomToken(32);
    await this.deps.users.insertPasswordLink(executor, {
      userId,
      tokenHash: sha256Hex(token),
      purpose,
      now,
      expiresAt: new Date(now.getTime() + LINK_LIFETIME[purpose]),
    });
    const t = (key: string, values?: Record<string, string | number>) =>
      this.deps.translator.translate(user.preferredLanguage, key, values);
    const emailId = await this.deps.mailer.enqueue(executor, {
      to: emailOf(user),
      subject: t(`accounts.email.${template}.subject`),
      text: t(`accounts.email.${template}.body`, {
        name: user.fullName,
        link: `${this.deps.settings.publicUrl}/password-reset/${token}`,
        hours: LINK_LIFETIME[purpose] / HOUR,
      }),
    });
    await recordAudit(this.deps, executor, {
      action: purpose === 'reset' ? 'password.reset_requested' : 'password.set_link_sent',
      actor: ctx.principal ? auditActorOf(ctx.principal) : { ...SYSTEM_ACTOR, userId },
      subjectType: 'app_user',
      subjectIds: [userId],
      dataSubjectUserId: userId,
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
    });
    return emailId;
  }

  /**
   * Someone asks for a reset link. The answer is the same whether or not the address has an
   * account, and the email goes out after the answer, so timing says nothing either.
   */
  async request(emailAddress: string, meta: RequestMeta): Promise<void> {
    const email = normaliseEmail(emailAddress);
    const user = await this.deps.users.findOpenByEmail(email);
    if (!user) return;
    const since = new Date(this.deps.now().getTime() - HOUR);
    if ((await this.deps.users.recentPasswordLinks(user.id, since)) >= RESETS_PER_HOUR) return;
    const emailId = await this.deps.users.transaction((trx) =>
      this.issue(trx, user.id, 'reset', meta),
    );
    void this.deps.mailer.deliver(emailId);
  }

  /** Whether a link can still be used (for the page that asks for the new password). */
  async check(token: string): Promise<{ email: string; purpose: 'reset' | 'set' } | null> {
    if (!TOKEN_FORMAT.test(token)) return null;
    const link = await this.deps.users.findUsablePasswordLink(sha256Hex(token), this.deps.now());
    return link ? { email: link.email ?? '', purpose: link.purpose } : null;
  }

  /**
   * Sets the new password through a link, once: the link is spent, the user's other links
   * expire and every session of the user ends. False if the link is unknown, used or expired.
   * Throws ValidationError for a weak password.
   */
  async complete(token: string, newPassword: string, meta: RequestMeta): Promise<boolean> {
    if (!TOKEN_FORMAT.test(token)) return false;
    const link = await this.deps.users.findUsablePasswordLink(sha256Hex(token), this.deps.now());
    if (!link) return false;
    const problem = passwordProblem(newPassword, link.email);
    if (problem) throw new ValidationError([{ pointer: '/newPassword', detail: problem }]);
    const passwordHash = await hashPassword(newPassword);
    return this.deps.users.transaction(async (trx) => {
      const now = this.deps.now();
      if (!(await this.deps.users.usePasswordLink(trx, link.id, now))) return false;
      await this.deps.users.setPassword(trx, link.userId, passwordHash, now);
      await this.deps.users.expirePasswordLinks(trx, link.userId, now);
      const ended = await this.deps.sessions.deleteAllForUser(trx, link.userId);
      await recordAudit(this.deps, trx, {
        action: link.purpose === 'reset' ? 'password.reset' : 'password.set',
        actor: { ...SYSTEM_ACTOR, userId: link.userId },
        subjectType: 'app_user',
        subjectIds: [link.userId],
        dataSubjectUserId: link.userId,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
        after: { sessionsEnded: ended.length },
      });
      return true;
    });
  }
}
