import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { can } from '../../platform/authz/principal.js';
import { grantedScope } from '../../platform/authz/principal.js';
import type { Language } from '../../platform/i18n/languages.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { recordAudit, type AccountsDependencies, type RequestMeta } from './accounts.context.js';
import type { AssistedRepository } from './assisted.repository.js';
import { CODE_LIFETIME_MS } from './one-time-codes.js';
import { hashPassword, passwordProblem } from './passwords.js';
import type { PhoneAccountsService } from './phone-accounts.service.js';
import type { SessionsService } from './sessions.service.js';
import type { SignInOutcome } from './sign-in.service.js';

export const CLAIM_CODE_CONTEXT = 'assisted_registration.claim_code';

export interface AssistedInput {
  fullName: string;
  /** E.164, already parsed. */
  phone: string | null;
  /** Lower-cased. */
  email: string | null;
  preferredLanguage: Language;
  /** The officer ticked: the person is here and agrees. */
  consent: boolean;
}

export interface Slip {
  id: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: Language;
  code: string;
  expiresAt: Date;
  officerName: string;
  organisationName: string;
}

/** Where the organisation's name comes from (the organisations module, built later). */
export interface OrganisationNames {
  names(ids: readonly string[]): Promise<Map<string, string>>;
}

/**
 * Assisted registration (issue 13, part 7): an officer with `job_seeker.assist` opens a job
 * seeker's account for a person who is present and consents. The account has no password; the
 * person is sent a claim code (SMS, or email without a phone) that is also printed on a slip,
 * and takes the account over at /claim by choosing a password. The officer never sees or sets
 * the password; once claimed, the slip's code is forgotten and the officer's access to it ends.
 */
export class AssistedRegistrationService {
  constructor(
    private readonly deps: AccountsDependencies,
    private readonly repository: AssistedRepository,
    private readonly sessions: SessionsService,
    private readonly phone: PhoneAccountsService,
    private readonly organisations: () => OrganisationNames | undefined,
  ) {}

  mayAssist(ctx: ActorContext): boolean {
    return can(ctx.principal, 'job_seeker.assist');
  }

  async register(ctx: ActorContext, input: AssistedInput): Promise<{ id: string }> {
    if (!this.mayAssist(ctx) || !ctx.principal.userId) throw new ForbiddenError();
    const officer = await this.deps.users.findById(ctx.principal.userId);
    if (!officer) throw new ForbiddenError();
    const grant = ctx.principal.grants.find(
      (candidate) => grantedScope(candidate, 'job_seeker.assist') !== undefined,
    );
    const organisationId = grant?.organisationId ?? null;
    const organisationName =
      (organisationId
        ? (await this.organisations()?.names([organisationId]))?.get(organisationId)
        : undefined) ?? '—';
    const fullName = input.fullName.normalize('NFC').trim();
    const problems: { pointer: string; detail: string }[] = [];
    if (!fullName) problems.push({ pointer: '/fullName', detail: 'accounts.errors.enterName' });
    else if ([...fullName].length > 200)
      problems.push({ pointer: '/fullName', detail: 'accounts.errors.nameTooLong' });
    if (!input.phone && !input.email)
      problems.push({ pointer: '/phone', detail: 'accounts.errors.assistedContactNeeded' });
    if (input.phone && (await this.deps.users.findOpenByPhone(input.phone)))
      problems.push({ pointer: '/phone', detail: 'accounts.errors.assistedPhoneTaken' });
    if (input.email && (await this.deps.users.findOpenByEmail(input.email)))
      problems.push({ pointer: '/email', detail: 'accounts.errors.assistedEmailTaken' });
    if (!input.consent)
      problems.push({ pointer: '/consent', detail: 'accounts.errors.assistedConsentNeeded' });
    if (problems.length) throw new ValidationError(problems);

    const t = (key: string, values?: Record<string, string | number>) =>
      this.deps.translator.translate(input.preferredLanguage, key, values);
    const statement = this.deps.translator.translate('en', 'accounts.assisted.statement', {
      officer: officer.fullName,
      organisation: organisationName,
    });
    const { id, outbox } = await this.deps.users.transaction(async (trx) => {
      const now = this.deps.now();
      if (input.phone && (await this.deps.users.findOpenByPhone(input.phone, trx))) {
        throw new ValidationError([
          { pointer: '/phone', detail: 'accounts.errors.assistedPhoneTaken' },
        ]);
      }
      if (input.email && (await this.deps.users.findOpenByEmail(input.email, trx))) {
        throw new ValidationError([
          { pointer: '/email', detail: 'accounts.errors.assistedEmailTaken' },
        ]);
      }
      const userId = await this.deps.users.insert(trx, {
        email: input.email,
        phone: input.phone,
        fullName,
        preferredLanguage: input.preferredLanguage,
        status: 'pending',
        passwordHash: null,
        now,
      });
      await this.deps.roles.assign(trx, { userId, role: 'job_seeker', organisationId: null });
      const channel = input.phone ? 'sms' : 'email';
      const target = (input.phone ?? input.email)!;
      const claim = await this.deps.codes.issue(trx, {
        purpose: 'claim',
        channel,
        target,
        userId,
        language: input.preferredLanguage,
      });
      const registrationId = randomUUID();
      await this.repository.insert(trx, {
        id: registrationId,
        userId,
        officerUserId: officer.id,
        organisationId,
        officerName: officer.fullName,
        organisationName,
        consentStatement: statement,
        claimCodeEncrypted: this.deps.cipher.encrypt(claim.code, CLAIM_CODE_CONTEXT),
        claimExpiresAt: claim.expiresAt,
        now,
      });
      await recordAudit(this.deps, trx, {
        action: 'user.assisted_registered',
        actor: auditActorOf(ctx.principal, { permission: 'job_seeker.assist' }),
        subjectType: 'app_user',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: {
          preferredLanguage: input.preferredLanguage,
          channel,
          consentRecorded: true,
          organisationId,
        },
      });
      const values = {
        name: fullName,
        code: claim.code,
        days: CODE_LIFETIME_MS.claim / (24 * 60 * 60_000),
        link: `${this.deps.settings.publicUrl}/claim`,
      };
      if (channel === 'sms') {
        const smsId = await this.deps.sms.enqueue(trx, {
          to: target,
          text: t('accounts.sms.claim', values),
        });
        return { id: registrationId, outbox: { kind: 'sms' as const, id: smsId } };
      }
      const emailId = await this.deps.mailer.enqueue(trx, {
        to: target,
        subject: t('accounts.email.claim.subject'),
        text: t('accounts.email.claim.body', values),
      });
      return { id: registrationId, outbox: { kind: 'email' as const, id: emailId } };
    });
    if (outbox.kind === 'sms') void this.deps.sms.deliver(outbox.id);
    else void this.deps.mailer.deliver(outbox.id);
    return { id };
  }

  /**
   * The slip to hand over, for the officer who registered the person, while the account is
   * unclaimed and its code alive: else "not found". Audited as a read of the person's data.
   */
  async slip(ctx: ActorContext, id: string): Promise<Slip> {
    if (!this.mayAssist(ctx) || !ctx.principal.userId) throw new ForbiddenError();
    const record = /^[0-9a-f-]{36}$/.test(id) ? await this.repository.find(id) : undefined;
    if (
      !record ||
      record.officerUserId !== ctx.principal.userId ||
      record.claimedAt ||
      !record.claimCodeEncrypted ||
      record.claimExpiresAt <= this.deps.now()
    ) {
      throw new NotFoundError();
    }
    const person = await this.deps.users.findById(record.userId);
    if (!person || person.status !== 'pending') throw new NotFoundError();
    await this.deps.users.transaction((trx) =>
      recordAudit(this.deps, trx, {
        action: 'person.viewed',
        actor: auditActorOf(ctx.principal, { permission: 'job_seeker.assist' }),
        subjectType: 'app_user',
        subjectIds: [person.id],
        dataSubjectUserId: person.id,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { purpose: 'assisted_registration_slip' },
      }),
    );
    return {
      id: record.id,
      fullName: person.fullName,
      phone: person.phone,
      email: person.email,
      preferredLanguage: person.preferredLanguage,
      code: this.deps.cipher.decrypt(record.claimCodeEncrypted, CLAIM_CODE_CONTEXT),
      expiresAt: record.claimExpiresAt,
      officerName: record.officerName,
      organisationName: record.organisationName,
    };
  }

  /**
   * The person takes the account over with the number or address and the claim code, and
   * chooses a password; they are signed in. Wrong codes count on the sign-in throttle; the
   * answer is the same for a number without an account. Throws ValidationError (password).
   */
  async claim(
    input: { target: string; code: string; password: string; previousToken: string | null },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    const problem = passwordProblem(
      input.password,
      input.target.includes('@') ? input.target : null,
    );
    if (problem) throw new ValidationError([{ pointer: '/password', detail: problem }]);
    const claimed = await this.deps.throttle.claim({
      email: input.target,
      ipAddress: meta.ipAddress,
      knownDevice: null,
    });
    if (!claimed.allowed) return { kind: 'locked', seconds: claimed.waitSeconds };
    const record = await this.deps.codes.latestFor(input.target, 'claim');
    const check = record ? await this.deps.codes.check(record.id, 'claim', input.code) : null;
    const user = record?.userId ? await this.deps.users.findById(record.userId) : undefined;
    if (!record || !check?.ok || !user || user.status !== 'pending') {
      return this.phone.fail(user, meta, 'claim_code', claimed.attempt);
    }
    const passwordHash = await hashPassword(input.password);
    const outcome = await this.deps.users.transaction(async (trx) => {
      if (!(await this.deps.codes.spend(trx, record.id))) return null;
      const now = this.deps.now();
      await this.deps.users.setPassword(trx, user.id, passwordHash, now);
      await this.repository.markClaimed(trx, user.id, now);
      await this.deps.throttle.succeeded(trx, claimed.attempt);
      await recordAudit(this.deps, trx, {
        action: 'user.claimed',
        actor: { ...SYSTEM_ACTOR, userId: user.id },
        subjectType: 'app_user',
        subjectIds: [user.id],
        dataSubjectUserId: user.id,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
        after: { status: 'active' },
      });
      const { token, sessionId } = await this.sessions.start(
        trx,
        {
          userId: user.id,
          stage: 'active',
          twoFactorVerified: false,
          previousToken: input.previousToken,
        },
        meta,
      );
      await recordAudit(this.deps, trx, {
        action: 'session.created',
        actor: { ...SYSTEM_ACTOR, userId: user.id },
        subjectType: 'session',
        subjectIds: [sessionId],
        dataSubjectUserId: user.id,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
        after: { method: 'claim_code' },
      });
      return {
        kind: 'signed_in' as const,
        token,
        userId: user.id,
        deviceToken: this.deps.devices.issue(user.id),
      };
    });
    return outcome ?? { kind: 'refused' };
  }

  /** Unclaimed slips past their code's life forget the code (housekeeping). */
  forgetExpiredCodes(): Promise<number> {
    return this.repository.forgetExpiredCodes(this.deps.now());
  }
}
