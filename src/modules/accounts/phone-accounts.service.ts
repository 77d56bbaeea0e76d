import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import type { Language } from '../../platform/i18n/languages.js';
import { ForbiddenError, ValidationError } from '../../platform/http/problem.js';
import {
  normaliseEmail,
  recordAudit,
  type AccountsDependencies,
  type RequestMeta,
} from './accounts.context.js';
import { CODE_LIFETIME_MS } from './one-time-codes.js';
import { hashPassword, passwordProblem } from './passwords.js';
import type { SessionsService } from './sessions.service.js';
import type { SignInOutcome } from './sign-in.service.js';
import { secondsUntil, type Attempt } from './throttle.js';
import type { Executor, UserRecord } from './users.repository.js';

const MINUTE = 60_000;

/** The answer to asking for a code: the same page whether or not the number has an account. */
export type CodeRequestOutcome =
  { kind: 'sent'; challengeId: string } | { kind: 'wait'; seconds: number };

/** A name as the person writes it: NFC, trimmed, 1 to 200 characters (the table's check). */
function cleanName(fullName: string): string {
  const name = fullName.normalize('NFC').trim();
  if (name.length === 0)
    throw new ValidationError([{ pointer: '/fullName', detail: 'accounts.errors.enterName' }]);
  if ([...name].length > 200)
    throw new ValidationError([{ pointer: '/fullName', detail: 'accounts.errors.nameTooLong' }]);
  return name;
}

function checkNewPassword(password: string, email: string | null): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new ValidationError([{ pointer: '/password', detail: problem }]);
}

/** Only job seekers' accounts use a phone number: staff keep email and TOTP (ADR 16). */
function isJobSeekerOnly(grants: readonly { role: string }[]): boolean {
  return grants.every((grant) => grant.role === 'job_seeker');
}

/**
 * Accounts by phone number (ADR 16): registration and sign-in with a six-digit code sent by
 * SMS, a phone number or an email address added later to an account. Every answer to "send me
 * a code" is the same whether or not the number has an account; codes are throttled like
 * passwords (the sign-in throttle, keyed by the number and the IP address).
 */
export class PhoneAccountsService {
  constructor(
    private readonly deps: AccountsDependencies,
    private readonly sessions: SessionsService,
  ) {}

  private t(language: Language) {
    return (key: string, values?: Record<string, string | number>) =>
      this.deps.translator.translate(language, key, values);
  }

  private codeText(
    language: Language,
    code: string,
    purpose: 'register' | 'sign_in' | 'add_phone',
  ) {
    return this.t(language)('accounts.sms.code', {
      code,
      minutes: CODE_LIFETIME_MS[purpose] / MINUTE,
    });
  }

  /**
   * Limits the text messages sent: a growing wait for an IP address that asks for many codes
   * (its answer says so: it tells nothing of any number), and at most a few messages an hour
   * to one number (past that, nothing is sent and the answer is the same).
   */
  private async claimSend(
    phone: string,
    meta: RequestMeta,
  ): Promise<{ kind: 'wait'; seconds: number } | { kind: 'go'; send: boolean }> {
    if (meta.ipAddress) {
      const byAddress = await this.deps.throttle.claimRegistration('register_ip', meta.ipAddress);
      if (!byAddress.allowed) return { kind: 'wait', seconds: byAddress.waitSeconds };
    }
    const byNumber = await this.deps.throttle.claimRegistration('register_email', `sms:${phone}`);
    return { kind: 'go', send: byNumber.allowed };
  }

  /**
   * Step one of registering with a phone number: a code by SMS. A number that already has an
   * account gets a message telling its owner instead, and a challenge no code answers.
   */
  async startRegistration(
    input: { phone: string; preferredLanguage: Language; privacyNoticeVersion: string },
    meta: RequestMeta,
  ): Promise<CodeRequestOutcome> {
    const limit = await this.claimSend(input.phone, meta);
    if (limit.kind === 'wait') return limit;
    const { challengeId, smsId } = await this.deps.users.transaction(async (trx) => {
      const existing = await this.deps.users.findOpenByPhone(input.phone, trx);
      const challenge = await this.deps.codes.issue(trx, {
        purpose: 'register',
        channel: 'sms',
        target: input.phone,
        userId: null,
        language: input.preferredLanguage,
        privacyNoticeVersion: input.privacyNoticeVersion,
        deliverable: !existing,
      });
      if (!limit.send) return { challengeId: challenge.id, smsId: null };
      if (existing) {
        const id = await this.deps.sms.enqueue(trx, {
          to: input.phone,
          text: this.t(existing.preferredLanguage)('accounts.sms.registerExisting', {
            link: `${this.deps.settings.publicUrl}/sign-in/phone`,
          }),
        });
        await recordAudit(this.deps, trx, {
          action: 'user.registration_repeated',
          actor: { ...SYSTEM_ACTOR, userId: null },
          subjectType: 'app_user',
          subjectIds: [existing.id],
          dataSubjectUserId: existing.id,
          requestId: meta.requestId,
          ipAddress: meta.ipAddress,
          after: { channel: 'sms' },
        });
        return { challengeId: challenge.id, smsId: id };
      }
      const id = await this.deps.sms.enqueue(trx, {
        to: input.phone,
        text: this.codeText(input.preferredLanguage, challenge.code, 'register'),
      });
      return { challengeId: challenge.id, smsId: id };
    });
    if (smsId) void this.deps.sms.deliver(smsId);
    return { kind: 'sent', challengeId };
  }

  /** The open challenge behind a code page, or null (then the page starts again). */
  async challenge(id: string, purpose: 'register' | 'sign_in' | 'add_phone') {
    const record = await this.deps.codes.open(id, purpose);
    return record ? { id: record.id, phone: record.target, userId: record.userId } : null;
  }

  /**
   * Step two: the code, the person's name and a password. Opens the account (active, the
   * job_seeker role) and signs the person in. Wrong codes count on the sign-in throttle.
   * Throws ValidationError for the name or the password (before any code is checked).
   */
  async completeRegistration(
    challengeId: string,
    input: { code: string; fullName: string; password: string; previousToken: string | null },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    const fullName = cleanName(input.fullName);
    checkNewPassword(input.password, null);
    const record = await this.deps.codes.open(challengeId, 'register');
    if (!record) return { kind: 'refused' };
    const claimed = await this.deps.throttle.claim({
      email: record.target,
      ipAddress: meta.ipAddress,
      knownDevice: null,
    });
    if (!claimed.allowed) return { kind: 'locked', seconds: claimed.waitSeconds };
    const check = await this.deps.codes.check(challengeId, 'register', input.code);
    if (!check.ok) return this.fail(undefined, meta, 'sms_code', claimed.attempt);
    const passwordHash = await hashPassword(input.password);
    const outcome = await this.deps.users.transaction(async (trx) => {
      if (!(await this.deps.codes.spend(trx, challengeId))) return null;
      if (await this.deps.users.findOpenByPhone(record.target, trx)) return null;
      const now = this.deps.now();
      const language = record.preferredLanguage ?? 'en';
      const userId = await this.deps.users.insert(trx, {
        email: null,
        phone: record.target,
        fullName,
        preferredLanguage: language,
        status: 'active',
        passwordHash,
        now,
      });
      await recordAudit(this.deps, trx, {
        action: 'user.registered',
        actor: { ...SYSTEM_ACTOR, userId },
        subjectType: 'app_user',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
        after: { preferredLanguage: language, status: 'active', channel: 'sms' },
      });
      await this.deps.roles.assign(trx, { userId, role: 'job_seeker', organisationId: null });
      if (record.privacyNoticeVersion) {
        await this.deps.users.acknowledgePrivacyNotice(trx, {
          userId,
          version: record.privacyNoticeVersion,
          now,
        });
        await recordAudit(this.deps, trx, {
          action: 'privacy_notice.acknowledged',
          actor: { ...SYSTEM_ACTOR, userId },
          subjectType: 'app_user',
          subjectIds: [userId],
          dataSubjectUserId: userId,
          requestId: meta.requestId,
          ipAddress: meta.ipAddress,
          after: { version: record.privacyNoticeVersion },
        });
      }
      await this.deps.throttle.succeeded(trx, claimed.attempt);
      return this.openSession(trx, userId, false, input.previousToken, meta, 'sms_code');
    });
    return outcome ?? { kind: 'refused' };
  }

  /**
   * Asks for a sign-in code: a number with an active account gets one by SMS; any other
   * number gets nothing, and the same answer and page.
   */
  async requestSignInCode(phone: string, meta: RequestMeta): Promise<CodeRequestOutcome> {
    const limit = await this.claimSend(phone, meta);
    if (limit.kind === 'wait') return limit;
    const user = await this.deps.users.findOpenByPhone(phone);
    const usable = !!user && user.status === 'active';
    const { challengeId, smsId } = await this.deps.users.transaction(async (trx) => {
      const challenge = await this.deps.codes.issue(trx, {
        purpose: 'sign_in',
        channel: 'sms',
        target: phone,
        userId: usable ? user.id : null,
        deliverable: usable,
      });
      if (!usable || !limit.send) return { challengeId: challenge.id, smsId: null };
      const id = await this.deps.sms.enqueue(trx, {
        to: phone,
        text: this.codeText(user.preferredLanguage, challenge.code, 'sign_in'),
      });
      return { challengeId: challenge.id, smsId: id };
    });
    if (smsId) void this.deps.sms.deliver(smsId);
    return { kind: 'sent', challengeId };
  }

  /** Signs in with the code sent by SMS: throttled like a password, each code used once. */
  async signInWithCode(
    challengeId: string,
    input: { code: string; previousToken: string | null; deviceTokens?: readonly string[] },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    const record = await this.deps.codes.open(challengeId, 'sign_in');
    if (!record) return { kind: 'refused' };
    const user = await this.deps.users.findOpenByPhone(record.target);
    const deviceId = user ? this.deps.devices.deviceFor(user.id, input.deviceTokens ?? []) : null;
    const claimed = await this.deps.throttle.claim({
      email: record.target,
      ipAddress: meta.ipAddress,
      knownDevice: user && deviceId ? { userId: user.id, deviceId } : null,
    });
    if (!claimed.allowed) return { kind: 'locked', seconds: claimed.waitSeconds };
    const check = await this.deps.codes.check(challengeId, 'sign_in', input.code);
    if (!check.ok || !user || user.status !== 'active' || record.userId !== user.id) {
      return this.fail(user, meta, 'sms_code', claimed.attempt);
    }
    const outcome = await this.deps.users.transaction(async (trx) => {
      if (!(await this.deps.codes.spend(trx, challengeId))) return null;
      await this.deps.throttle.succeeded(trx, claimed.attempt);
      return this.openSession(
        trx,
        user.id,
        user.totpEnabledAt !== null,
        input.previousToken,
        meta,
        'sms_code',
      );
    });
    return outcome ?? { kind: 'refused' };
  }

  private async openSession(
    trx: Executor,
    userId: string,
    twoFactor: boolean,
    previousToken: string | null,
    meta: RequestMeta,
    method: 'sms_code' | 'claim_code',
  ): Promise<SignInOutcome> {
    const { token, sessionId } = await this.sessions.start(
      trx,
      {
        userId,
        stage: twoFactor ? 'two_factor' : 'active',
        twoFactorVerified: false,
        previousToken,
      },
      meta,
    );
    await recordAudit(this.deps, trx, {
      action: twoFactor ? 'sign_in.password_accepted' : 'session.created',
      actor: { ...SYSTEM_ACTOR, userId },
      subjectType: 'session',
      subjectIds: [sessionId],
      dataSubjectUserId: userId,
      requestId: meta.requestId,
      ipAddress: meta.ipAddress,
      after: { method },
    });
    return twoFactor
      ? { kind: 'two_factor', token }
      : { kind: 'signed_in', token, userId, deviceToken: this.deps.devices.issue(userId) };
  }

  /** A wrong code (already counted): audited, with any wait it started (as sign-in does). */
  async fail(
    user: UserRecord | undefined,
    meta: RequestMeta,
    step: 'sms_code' | 'claim_code',
    attempt: Attempt,
  ): Promise<SignInOutcome> {
    const waits = this.deps.throttle.waitsStarted(attempt);
    await this.deps.users.transaction(async (trx: Executor) => {
      const base = {
        actor: { ...SYSTEM_ACTOR, userId: null },
        subjectType: 'app_user',
        subjectIds: user ? [user.id] : [],
        dataSubjectUserId: user?.id ?? null,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
      };
      await recordAudit(this.deps, trx, {
        ...base,
        action: 'sign_in.failed',
        after: { step, knownAccount: !!user },
      });
      for (const wait of waits) {
        const byAddress = wait.scope === 'ip';
        await recordAudit(this.deps, trx, {
          ...base,
          ...(byAddress
            ? { subjectType: 'ip_address', subjectIds: [], dataSubjectUserId: null }
            : {}),
          action: 'sign_in.slowed',
          after: { scope: wait.scope, until: wait.until.toISOString() },
        });
      }
    });
    if (waits.length === 0) return { kind: 'refused' };
    const latest = new Date(Math.max(...waits.map((wait) => wait.until.getTime())));
    return { kind: 'locked', seconds: secondsUntil(latest, this.deps.now()) };
  }

  /** The signed-in job seeker whose account may take a phone number or an email address. */
  private async ownAccount(ctx: ActorContext): Promise<UserRecord> {
    const userId = ctx.principal.userId;
    const user = userId ? await this.deps.users.findById(userId) : undefined;
    if (!user || user.status !== 'active') throw new ForbiddenError();
    if (!isJobSeekerOnly(ctx.principal.grants)) throw new ForbiddenError();
    return user;
  }

  /** Whether the account page offers adding a phone number (job seekers only). */
  canAddContact(ctx: ActorContext): boolean {
    return !!ctx.principal.userId && isJobSeekerOnly(ctx.principal.grants);
  }

  /**
   * Adding a phone number to one's account: a code by SMS to the number. A number that is
   * another account's gets no code (and the same answer).
   */
  async startAddPhone(ctx: ActorContext, phone: string): Promise<CodeRequestOutcome> {
    const user = await this.ownAccount(ctx);
    const meta = { requestId: ctx.requestId, ipAddress: ctx.ipAddress, userAgent: null };
    const limit = await this.claimSend(phone, meta);
    if (limit.kind === 'wait') return limit;
    const taken = await this.deps.users.findOpenByPhone(phone);
    const usable = !taken && limit.send;
    const { challengeId, smsId } = await this.deps.users.transaction(async (trx) => {
      const challenge = await this.deps.codes.issue(trx, {
        purpose: 'add_phone',
        channel: 'sms',
        target: phone,
        userId: user.id,
        deliverable: !taken,
      });
      if (!usable) return { challengeId: challenge.id, smsId: null };
      const id = await this.deps.sms.enqueue(trx, {
        to: phone,
        text: this.codeText(user.preferredLanguage, challenge.code, 'add_phone'),
      });
      return { challengeId: challenge.id, smsId: id };
    });
    if (smsId) void this.deps.sms.deliver(smsId);
    return { kind: 'sent', challengeId };
  }

  /** The code from the SMS proves the number: it becomes the account's. */
  async completeAddPhone(
    ctx: ActorContext,
    challengeId: string,
    code: string,
  ): Promise<{ kind: 'added'; phone: string } | SignInOutcome> {
    const user = await this.ownAccount(ctx);
    const record = await this.deps.codes.open(challengeId, 'add_phone');
    if (!record || record.userId !== user.id) return { kind: 'refused' };
    const meta = { requestId: ctx.requestId, ipAddress: ctx.ipAddress, userAgent: null };
    const claimed = await this.deps.throttle.claim({
      email: record.target,
      ipAddress: ctx.ipAddress,
      knownDevice: null,
    });
    if (!claimed.allowed) return { kind: 'locked', seconds: claimed.waitSeconds };
    const check = await this.deps.codes.check(challengeId, 'add_phone', code);
    if (!check.ok) return this.fail(user, meta, 'sms_code', claimed.attempt);
    const added = await this.deps.users.transaction(async (trx) => {
      if (!(await this.deps.codes.spend(trx, challengeId))) return false;
      if (await this.deps.users.findOpenByPhone(record.target, trx)) return false;
      const now = this.deps.now();
      if (!(await this.deps.users.setPhone(trx, user.id, record.target, now))) return false;
      await this.deps.throttle.succeeded(trx, claimed.attempt);
      await recordAudit(this.deps, trx, {
        action: 'user.phone_added',
        actor: auditActorOf(ctx.principal),
        subjectType: 'app_user',
        subjectIds: [user.id],
        dataSubjectUserId: user.id,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { replaced: user.phone !== null },
      });
      return true;
    });
    return added ? { kind: 'added', phone: record.target } : { kind: 'refused' };
  }

  /**
   * Adding an email address to one's account: a link to it, valid a day. An address that is
   * another account's gets an email telling its owner, and the same answer.
   */
  async startAddEmail(ctx: ActorContext, typedEmail: string): Promise<void> {
    const user = await this.ownAccount(ctx);
    const email = normaliseEmail(typedEmail);
    if (email === user.email) {
      throw new ValidationError([
        { pointer: '/email', detail: 'accounts.errors.emailAlreadyYours' },
      ]);
    }
    const byAddress = await this.deps.throttle.claimRegistration('register_email', email);
    if (!byAddress.allowed) return;
    const taken = await this.deps.users.findOpenByEmail(email);
    const emailId = await this.deps.users.transaction(async (trx) => {
      const t = this.t(user.preferredLanguage);
      if (taken) return null;
      const link = await this.deps.codes.issue(trx, {
        purpose: 'add_email',
        channel: 'email',
        target: email,
        userId: user.id,
        token: true,
      });
      return this.deps.mailer.enqueue(trx, {
        to: email,
        subject: t('accounts.email.addEmail.subject'),
        text: t('accounts.email.addEmail.body', {
          name: user.fullName,
          link: `${this.deps.settings.publicUrl}/account/email/confirm/${link.id}/${link.code}`,
          hours: 24,
        }),
      });
    });
    if (emailId) void this.deps.mailer.deliver(emailId);
  }

  /** The link from the email: the address becomes the account's (signed in as its owner). */
  async confirmEmail(ctx: ActorContext, challengeId: string, token: string): Promise<boolean> {
    const user = await this.ownAccount(ctx);
    const record = await this.deps.codes.open(challengeId, 'add_email');
    if (!record || record.userId !== user.id) return false;
    const check = await this.deps.codes.check(challengeId, 'add_email', token);
    if (!check.ok) return false;
    return this.deps.users.transaction(async (trx) => {
      if (!(await this.deps.codes.spend(trx, challengeId))) return false;
      if (await this.deps.users.findOpenByEmail(record.target, trx)) return false;
      if (!(await this.deps.users.setEmail(trx, user.id, record.target, this.deps.now()))) {
        return false;
      }
      await recordAudit(this.deps, trx, {
        action: 'user.email_added',
        actor: auditActorOf(ctx.principal),
        subjectType: 'app_user',
        subjectIds: [user.id],
        dataSubjectUserId: user.id,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { replaced: user.email !== null },
      });
      return true;
    });
  }
}
