import type { Kysely, Transaction } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { can, type RoleGrant } from '../../platform/authz/principal.js';
import type { Language } from '../../platform/i18n/languages.js';
import { EvenPace } from '../../platform/http/even-pace.js';
import { ForbiddenError, ValidationError } from '../../platform/http/problem.js';
import {
  emailOf,
  normaliseEmail,
  recordAudit,
  signInIdOf,
  type AccountsDependencies,
  type RequestMeta,
} from './accounts.context.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { PasswordResetService } from './password-reset.service.js';
import type { SessionsService } from './sessions.service.js';
import type { SessionSummary } from './sessions.repository.js';
import { accountsView } from './accounts.tables.js';
import { waitMessage } from './throttle.js';
import type { Executor, UserProfile, UserRecord } from './users.repository.js';

export interface NewUser {
  email: string;
  fullName: string;
  preferredLanguage?: Language;
}

export interface AccountOverview {
  user: Pick<UserRecord, 'id' | 'email' | 'phone' | 'fullName' | 'preferredLanguage' | 'createdAt'>;
  grants: RoleGrant[];
  twoFactorEnabled: boolean;
  sessions: SessionSummary[];
}

/** A password that breaks a rule, as a field error (pointer "/<field>", detail a locale key). */
function checkPassword(password: string, email: string | null, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new ValidationError([{ pointer: `/${field}`, detail: problem }]);
}

/**
 * Accounts: job seekers register themselves; staff accounts are opened when they accept an
 * invitation (`createUser`, inside the invitation's transaction); authority users are created
 * by a system administrator (`createAuthorityUser`).
 */
export class AccountsService {
  /** Opening an account is registration's longest way; the others take as long (no telling). */
  private readonly registrationPace = new EvenPace();

  constructor(
    private readonly deps: AccountsDependencies,
    private readonly sessions: SessionsService,
    private readonly passwordLinks: PasswordResetService,
  ) {}

  async findActiveUserIdByEmail(email: string): Promise<string | null> {
    const user = await this.deps.users.findOpenByEmail(normaliseEmail(email));
    return user?.status === 'active' ? user.id : null;
  }

  /**
   * Name and email of the accounts that are not closed, by id, for other modules (an
   * organisation's members, the holder of an identity document). Internal: no actor; the
   * caller has already decided that its caller may see them. Closed (erased) accounts and
   * unknown ids are missing from the map.
   */
  profiles(userIds: readonly string[]): Promise<Map<string, UserProfile>> {
    return this.deps.users.openProfiles(userIds);
  }

  private async insertUser(
    executor: Executor,
    input: NewUser & { password: string | null },
    audit: { action: string; ctx: ActorContext | null; meta: RequestMeta | null },
  ): Promise<string> {
    const email = normaliseEmail(input.email);
    const fullName = input.fullName.normalize('NFC').trim();
    if (input.password !== null) checkPassword(input.password, email);
    if (await this.deps.users.findOpenByEmail(email, executor)) {
      throw new ValidationError([{ pointer: '/email', detail: 'accounts.errors.emailTaken' }]);
    }
    const now = this.deps.now();
    const userId = await this.deps.users.insert(executor, {
      email,
      fullName,
      preferredLanguage: input.preferredLanguage ?? 'en',
      status: input.password === null ? 'pending' : 'active',
      passwordHash: input.password === null ? null : await hashPassword(input.password),
      now,
    });
    await recordAudit(this.deps, executor, {
      action: audit.action,
      actor: audit.ctx ? auditActorOf(audit.ctx.principal) : { ...SYSTEM_ACTOR, userId },
      subjectType: 'app_user',
      subjectIds: [userId],
      dataSubjectUserId: userId,
      requestId: audit.ctx?.requestId ?? audit.meta?.requestId ?? null,
      ipAddress: audit.ctx?.ipAddress ?? audit.meta?.ipAddress ?? null,
      after: {
        preferredLanguage: input.preferredLanguage ?? 'en',
        // Not 'withPassword': the audit trail redacts any key that mentions a password.
        status: input.password === null ? 'pending' : 'active',
      },
    });
    return userId;
  }

  /**
   * A job seeker registers with name, email and language; the password is chosen through an
   * emailed link, so that only the owner of the address can open the account (no account
   * squatted with a password someone else knows). The answer is the same whether or not the
   * address has an account: a new address gets the account (pending, with the `job_seeker`
   * role) and a link; a pending one a new link; an active one an email to its owner, in their
   * language, saying that someone tried. At most 3 such emails an hour to one address (past
   * that, nothing is sent and the answer is still the same), and a growing wait for an IP
   * address that sends many forms. Every way takes as long as opening an account usually does,
   * so that the time of the answer does not tell either (`EvenPace`).
   */
  async register(
    input: NewUser & { assessment?: string | undefined; privacyNoticeVersion: string },
    meta: RequestMeta,
  ): Promise<{ kind: 'sent' } | { kind: 'wait'; seconds: number }> {
    if (meta.ipAddress) {
      const byAddress = await this.deps.throttle.claimRegistration('register_ip', meta.ipAddress);
      if (!byAddress.allowed) return { kind: 'wait', seconds: byAddress.waitSeconds };
    }
    const started = this.registrationPace.start();
    let opened = false;
    const email = normaliseEmail(input.email);
    const byEmail = await this.deps.throttle.claimRegistration('register_email', email);
    if (!byEmail.allowed) {
      await this.registrationPace.settle(started, false);
      return { kind: 'sent' };
    }
    const emailId = await this.deps.users.transaction(async (trx) => {
      const existing = await this.deps.users.findOpenByEmail(email, trx);
      if (!existing) {
        opened = true;
        const userId = await this.insertUser(
          trx,
          { ...input, email, password: null },
          { action: 'user.registered', ctx: null, meta },
        );
        await this.deps.roles.assign(trx, { userId, role: 'job_seeker', organisationId: null });
        await this.acknowledgeNotice(trx, userId, input.privacyNoticeVersion, meta);
        await this.carryAssessment(trx, userId, input.assessment);
        return this.passwordLinks.issue(trx, userId, 'set', meta, 'register');
      }
      if (existing.status === 'pending') {
        await this.acknowledgeNotice(trx, existing.id, input.privacyNoticeVersion, meta);
        await this.carryAssessment(trx, existing.id, input.assessment);
        return this.passwordLinks.issue(trx, existing.id, 'set', meta, 'register');
      }
      return this.tellOwner(trx, existing, meta);
    });
    void this.deps.mailer.deliver(emailId);
    await this.registrationPace.settle(started, opened);
    return { kind: 'sent' };
  }

  /**
   * The self-assessment's answers brought with a reference code go with an account not yet
   * opened (new or pending), never with an active one: whoever registers an address that is
   * already someone's account must not attach anything to it.
   */
  private async carryAssessment(trx: Executor, userId: string, code: string | undefined) {
    if (code && this.deps.assessments)
      await this.deps.assessments.linkToAccount(trx, { code, userId });
  }

  /** Whether a reference code from the self-assessment can be brought to registration. */
  async assessmentCarried(code: string | undefined): Promise<boolean> {
    return !!code && !!this.deps.assessments && (await this.deps.assessments.linkable(code));
  }

  /**
   * The person said, registering, that they have read this version of the privacy notice. An
   * active account's owner is not the one registering, so nothing is recorded for them.
   */
  private async acknowledgeNotice(
    trx: Executor,
    userId: string,
    version: string,
    meta: RequestMeta,
  ): Promise<void> {
    const now = this.deps.now();
    await this.deps.users.acknowledgePrivacyNotice(trx, { userId, version, now });
    await recordAudit(this.deps, trx, {
      action: 'privacy_notice.acknowledged',
      actor: { ...SYSTEM_ACTOR, userId },
      subjectType: 'app_user',
      subjectIds: [userId],
      dataSubjectUserId: userId,
      requestId: meta.requestId,
      ipAddress: meta.ipAddress,
      after: { version },
    });
  }

  /** Someone tried to register an address that has an account: its owner hears of it. */
  private async tellOwner(executor: Executor, user: UserRecord, meta: RequestMeta) {
    const t = (key: string, values?: Record<string, string | number>) =>
      this.deps.translator.translate(user.preferredLanguage, key, values);
    const { publicUrl } = this.deps.settings;
    const emailId = await this.deps.mailer.enqueue(executor, {
      to: emailOf(user),
      subject: t('accounts.email.registerExisting.subject'),
      text: t('accounts.email.registerExisting.body', {
        name: user.fullName,
        signInLink: `${publicUrl}/sign-in`,
        resetLink: `${publicUrl}/password-reset`,
      }),
    });
    await recordAudit(this.deps, executor, {
      action: 'user.registration_repeated',
      actor: { ...SYSTEM_ACTOR, userId: null },
      subjectType: 'app_user',
      subjectIds: [user.id],
      dataSubjectUserId: user.id,
      requestId: meta.requestId,
      ipAddress: meta.ipAddress,
    });
    return emailId;
  }

  /**
   * Opens an account inside the caller's transaction (invitations). With a password the account
   * is active; without one it waits for a password set through a link. No role is given: the
   * caller assigns it. Throws ValidationError (email taken, weak password).
   */
  createUser<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    input: NewUser & { password?: string | null },
    request: RequestMeta | null = null,
  ): Promise<string> {
    return this.insertUser(
      accountsView(executor),
      { ...input, password: input.password ?? null },
      {
        action: 'user.created',
        ctx: null,
        meta: request,
      },
    );
  }

  /**
   * A system administrator creates an authority user. Without a password, the user is emailed a
   * link to choose one (valid 72 hours). Roles are assigned separately. Returns the user id.
   */
  async createAuthorityUser(
    ctx: ActorContext,
    input: NewUser & { password?: string | null },
  ): Promise<string> {
    if (!can(ctx.principal, 'user.create_officer')) throw new ForbiddenError();
    const password = input.password ?? null;
    const { userId, emailId } = await this.deps.users.transaction(async (trx) => {
      const id = await this.insertUser(
        trx,
        { ...input, password },
        { action: 'user.created', ctx, meta: null },
      );
      const mail = password === null ? await this.passwordLinks.issue(trx, id, 'set', ctx) : null;
      return { userId: id, emailId: mail };
    });
    if (emailId) void this.deps.mailer.deliver(emailId);
    return userId;
  }

  /**
   * The first system administrator, from the command line (`corridor users create-admin`):
   * no account exists yet that could create one. They are emailed a link to choose a password,
   * and must set up two-factor authentication at first sign-in.
   */
  async createSystemAdministrator(input: NewUser): Promise<string> {
    const { userId, emailId } = await this.deps.users.transaction(async (trx) => {
      const id = await this.insertUser(
        trx,
        { ...input, password: null },
        { action: 'user.created', ctx: null, meta: null },
      );
      await this.deps.roles.assign(trx, {
        userId: id,
        role: 'system_admin',
        organisationId: null,
      });
      const mail = await this.passwordLinks.issue(trx, id, 'set', {
        requestId: null,
        ipAddress: null,
      });
      return { userId: id, emailId: mail };
    });
    await this.deps.mailer.deliver(emailId);
    return userId;
  }

  async overview(userId: string): Promise<AccountOverview | null> {
    const user = await this.deps.users.findById(userId);
    if (!user || user.status === 'closed') return null;
    const [grants, sessions] = await Promise.all([
      this.deps.roles.grantsFor(userId),
      this.sessions.list(userId),
    ]);
    return {
      user: {
        id: user.id,
        email: user.email,
        phone: user.phone,
        fullName: user.fullName,
        preferredLanguage: user.preferredLanguage,
        createdAt: user.createdAt,
      },
      grants,
      twoFactorEnabled: user.totpEnabledAt !== null,
      sessions,
    };
  }

  /**
   * Checks a signed-in user's password before a grave step (erasure). Wrong answers count
   * towards the sign-in lock, so that the check cannot be used to guess passwords.
   */
  async verifyPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.deps.users.findById(userId);
    if (!user?.passwordHash || user.status !== 'active') return false;
    const claimed = await this.deps.throttle.claim({ email: signInIdOf(user), ipAddress: null });
    if (!claimed.allowed) return false;
    if (!(await verifyPassword(user.passwordHash, password))) return false;
    await this.deps.users.transaction((trx) => this.deps.throttle.succeeded(trx, claimed.attempt));
    return true;
  }

  /**
   * Changes the password after checking the current one (wrong answers count towards the
   * sign-in lock). Ends the user's other sessions. Throws ValidationError.
   */
  async changePassword(
    ctx: ActorContext,
    input: { currentPassword: string; newPassword: string },
  ): Promise<{ otherSessionsEnded: number }> {
    const userId = ctx.principal.userId;
    const user = userId ? await this.deps.users.findById(userId) : undefined;
    if (!user?.passwordHash || user.status !== 'active') throw new ForbiddenError();
    const claimed = await this.deps.throttle.claim({
      email: signInIdOf(user),
      ipAddress: ctx.ipAddress,
    });
    if (!claimed.allowed) {
      const wait = waitMessage(claimed.waitSeconds);
      throw new ValidationError([
        { pointer: '/currentPassword', detail: wait.key, values: wait.values },
      ]);
    }
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await this.deps.users.transaction(async (trx) => {
        await recordAudit(this.deps, trx, {
          action: 'password.change_failed',
          actor: auditActorOf(ctx.principal),
          subjectType: 'app_user',
          subjectIds: [user.id],
          dataSubjectUserId: user.id,
          requestId: ctx.requestId,
          ipAddress: ctx.ipAddress,
        });
      });
      throw new ValidationError([
        { pointer: '/currentPassword', detail: 'accounts.errors.currentPasswordWrong' },
      ]);
    }
    await this.deps.users.transaction((trx) => this.deps.throttle.succeeded(trx, claimed.attempt));
    checkPassword(input.newPassword, user.email, 'newPassword');
    if (input.newPassword === input.currentPassword) {
      throw new ValidationError([
        { pointer: '/newPassword', detail: 'accounts.errors.passwordUnchanged' },
      ]);
    }
    const passwordHash = await hashPassword(input.newPassword);
    return this.deps.users.transaction(async (trx) => {
      const now = this.deps.now();
      await this.deps.users.setPassword(trx, user.id, passwordHash, now);
      await this.deps.users.expirePasswordLinks(trx, user.id, now);
      const ended = await this.deps.sessions.deleteAllForUser(
        trx,
        user.id,
        ctx.principal.sessionId,
      );
      await recordAudit(this.deps, trx, {
        action: 'password.changed',
        actor: auditActorOf(ctx.principal),
        subjectType: 'app_user',
        subjectIds: [user.id],
        dataSubjectUserId: user.id,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { otherSessionsEnded: ended.length },
      });
      return { otherSessionsEnded: ended.length };
    });
  }
}
