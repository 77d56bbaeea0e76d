import type { Kysely, Transaction } from 'kysely';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import { ForbiddenError, ValidationError } from '../../platform/http/problem.js';
import { asciiDigits } from '../../platform/i18n/digits.js';
import {
  emailOf,
  recordAudit,
  signInIdOf,
  TOTP_SECRET_CONTEXT,
  type AccountsDependencies,
} from './accounts.context.js';
import { accountsView } from './accounts.tables.js';
import {
  formatSecretForPeople,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  qrCodeSvg,
  totpUri,
} from './totp.js';

export interface TwoFactorSetup {
  /** The secret as people type it, in groups of four. */
  secret: string;
  qrCodeSvg: string;
}

/** Setting up TOTP two-factor authentication, and the recovery codes that go with it. */
export class TwoFactorService {
  constructor(private readonly deps: AccountsDependencies) {}

  private async user(ctx: ActorContext) {
    const userId = ctx.principal.userId;
    const user = userId ? await this.deps.users.findById(userId) : undefined;
    if (!user || user.status !== 'active') throw new ForbiddenError();
    return user;
  }

  async status(ctx: ActorContext): Promise<{ enabled: boolean; unusedRecoveryCodes: number }> {
    const user = await this.user(ctx);
    return {
      enabled: user.totpEnabledAt !== null,
      unusedRecoveryCodes: user.totpEnabledAt
        ? await this.deps.users.unusedRecoveryCodes(user.id)
        : 0,
    };
  }

  /**
   * The secret to add to an authenticator app: made once and kept (encrypted) until it is
   * confirmed, so that reloading the page shows the same one.
   */
  async setup(ctx: ActorContext): Promise<TwoFactorSetup> {
    const user = await this.user(ctx);
    if (user.totpEnabledAt) throw new ForbiddenError();
    let secret = user.totpSecretEncrypted
      ? this.deps.cipher.decrypt(user.totpSecretEncrypted, TOTP_SECRET_CONTEXT)
      : null;
    if (!secret) {
      secret = newTotpSecret();
      const encrypted = this.deps.cipher.encrypt(secret, TOTP_SECRET_CONTEXT);
      await this.deps.users.transaction(async (trx) => {
        await this.deps.users.setPendingTotpSecret(trx, user.id, encrypted, this.deps.now());
        await recordAudit(this.deps, trx, {
          action: 'two_factor.setup_started',
          actor: auditActorOf(ctx.principal),
          subjectType: 'app_user',
          subjectIds: [user.id],
          dataSubjectUserId: user.id,
          requestId: ctx.requestId,
          ipAddress: ctx.ipAddress,
        });
      });
    }
    return {
      secret: formatSecretForPeople(secret),
      qrCodeSvg: await qrCodeSvg(totpUri(secret, signInIdOf(user))),
    };
  }

  /**
   * The first code proves the app holds the secret: two-factor authentication is on, this
   * session counts as verified, and ten recovery codes are made. Returns the codes, to show once.
   */
  async enable(ctx: ActorContext, code: string): Promise<string[]> {
    const user = await this.user(ctx);
    if (user.totpEnabledAt || !user.totpSecretEncrypted) throw new ForbiddenError();
    const secret = this.deps.cipher.decrypt(user.totpSecretEncrypted, TOTP_SECRET_CONTEXT);
    const step = matchTotp(secret, code, this.deps.now().getTime());
    const wrong = new ValidationError([{ pointer: '/code', detail: 'accounts.errors.codeWrong' }]);
    if (step === null) throw wrong;
    const codes = newRecoveryCodes();
    const enabled = await this.deps.users.transaction(async (trx) => {
      const now = this.deps.now();
      if (!(await this.deps.users.acceptTotpStep(trx, user.id, step))) return false;
      if (!(await this.deps.users.enableTotp(trx, user.id, now))) return false;
      await this.deps.users.replaceRecoveryCodes(
        trx,
        user.id,
        codes.map((c) => sha256Hex(normaliseRecoveryCode(c))),
        now,
      );
      // This session has just proved the second factor; the user's other sessions have not,
      // so they end (sign in again, with a code).
      if (ctx.principal.sessionId) {
        await this.deps.sessions.markTwoFactorVerified(trx, ctx.principal.sessionId);
      }
      const ended = await this.deps.sessions.deleteAllForUser(
        trx,
        user.id,
        ctx.principal.sessionId,
      );
      await recordAudit(this.deps, trx, {
        action: 'two_factor.enabled',
        actor: auditActorOf(ctx.principal),
        subjectType: 'app_user',
        subjectIds: [user.id],
        dataSubjectUserId: user.id,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { recoveryCodes: codes.length, otherSessionsEnded: ended.length },
      });
      return true;
    });
    if (!enabled) throw wrong;
    return codes;
  }

  /** New recovery codes replace the old ones (all of them stop working). */
  async regenerateRecoveryCodes(ctx: ActorContext): Promise<string[]> {
    const user = await this.user(ctx);
    if (!user.totpEnabledAt || !ctx.principal.twoFactorVerified) throw new ForbiddenError();
    const codes = newRecoveryCodes();
    await this.deps.users.transaction(async (trx) => {
      await this.deps.users.replaceRecoveryCodes(
        trx,
        user.id,
        codes.map((c) => sha256Hex(normaliseRecoveryCode(c))),
        this.deps.now(),
      );
      await recordAudit(this.deps, trx, {
        action: 'recovery_codes.replaced',
        actor: auditActorOf(ctx.principal),
        subjectType: 'app_user',
        subjectIds: [user.id],
        dataSubjectUserId: user.id,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
      });
    });
    return codes;
  }

  /** True when the person has two-factor authentication on (erasure then asks for a code). */
  async isOn(userId: string): Promise<boolean> {
    const user = await this.deps.users.findById(userId);
    return user?.status === 'active' && user.totpEnabledAt !== null;
  }

  /**
   * Checks the second factor a signed-in person gives to confirm a serious step (erasure of
   * their data): a code from their app, each time step accepted once as at sign-in, or one of
   * their recovery codes, which is then spent. False for anything else.
   */
  async confirmCode(userId: string, code: string): Promise<boolean> {
    const user = await this.deps.users.findById(userId);
    if (!user?.totpEnabledAt || !user.totpSecretEncrypted || user.status !== 'active') return false;
    const digits = asciiDigits(code).replace(/[\s-]/g, '');
    return this.deps.users.transaction(async (trx) => {
      const now = this.deps.now();
      if (/^\d{6}$/.test(digits)) {
        const secret = this.deps.cipher.decrypt(user.totpSecretEncrypted!, TOTP_SECRET_CONTEXT);
        const step = matchTotp(secret, digits, now.getTime());
        return step !== null && (await this.deps.users.acceptTotpStep(trx, user.id, step));
      }
      if (code.length > 40) return false;
      return this.deps.users.useRecoveryCode(
        trx,
        user.id,
        sha256Hex(normaliseRecoveryCode(code)),
        now,
      );
    });
  }

  /**
   * An administrator resets a member's two-factor authentication, for someone who lost both
   * their phone and their recovery codes (the organisations module decides who may reset
   * whose: members.policy.ts). The secret and the recovery codes are forgotten, every session
   * of the person ends, and they are emailed in their own language; at their next sign-in a
   * role that needs two-factor authentication sends them to set it up again. False when it was
   * not on (nothing is changed).
   */
  async resetByAdministrator(
    ctx: ActorContext,
    member: { userId: string; organisationName: string },
  ): Promise<boolean> {
    const user = await this.deps.users.findById(member.userId);
    if (!user || user.status !== 'active' || user.id === ctx.principal.userId)
      throw new ForbiddenError();
    const emailId = await this.deps.users.transaction(async (trx) => {
      const now = this.deps.now();
      if (!(await this.deps.users.resetTotp(trx, user.id, now))) return null;
      const ended = await this.deps.sessions.deleteAllForUser(trx, user.id);
      await recordAudit(this.deps, trx, {
        action: 'two_factor.reset',
        actor: auditActorOf(ctx.principal),
        subjectType: 'app_user',
        subjectIds: [user.id],
        dataSubjectUserId: user.id,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { sessionsEnded: ended.length },
      });
      const t = (key: string, values?: Record<string, string>) =>
        this.deps.translator.translate(user.preferredLanguage, key, values);
      return this.deps.mailer.enqueue(trx, {
        to: emailOf(user),
        subject: t('accounts.email.twoFactorReset.subject'),
        text: t('accounts.email.twoFactorReset.body', {
          name: user.fullName,
          organisation: member.organisationName,
          link: `${this.deps.settings.publicUrl}/sign-in`,
        }),
      });
    });
    if (emailId === null) return false;
    await this.deps.mailer.deliver(emailId);
    return true;
  }

  /**
   * Turns two-factor authentication on with a known secret, inside the caller's transaction.
   * Only for seeding demo accounts (the seed refuses to run in production).
   */
  async enableWithSecret<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    userId: string,
    base32Secret: string,
  ): Promise<void> {
    const trx = accountsView(executor);
    const encrypted = this.deps.cipher.encrypt(base32Secret, TOTP_SECRET_CONTEXT);
    await this.deps.users.setPendingTotpSecret(trx, userId, encrypted, this.deps.now());
    await this.deps.users.enableTotp(trx, userId, this.deps.now());
  }
}
