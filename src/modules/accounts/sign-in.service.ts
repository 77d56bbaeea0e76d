import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import {
  normaliseEmail,
  recordAudit,
  signInIdOf,
  TOTP_SECRET_CONTEXT,
  type AccountsDependencies,
  type RequestMeta,
} from './accounts.context.js';
import { DummyPasswordCheck, verifyPassword } from './passwords.js';
import type { SessionsService } from './sessions.service.js';
import { secondsUntil, type Attempt, type AttemptSubject } from './throttle.js';
import { matchTotp, normaliseRecoveryCode } from './totp.js';
import type { Executor, UserRecord } from './users.repository.js';

export type SignInOutcome =
  /** Signed in: set the cookie to `token`, and remember the device with `deviceToken`. */
  | { kind: 'signed_in'; token: string; userId: string; deviceToken: string }
  /** The password was right; a two-factor code is owed. Set the cookie to `token`. */
  | { kind: 'two_factor'; token: string }
  /** Wrong email or password, or wrong code: the same answer whatever the reason. */
  | { kind: 'refused' }
  /** Too many attempts: wait this long (the same for every address, with or without account). */
  | { kind: 'locked'; seconds: number };

/** Sign-in with email and password, then a TOTP or recovery code where the account has one. */
export class SignInService {
  private readonly dummy = new DummyPasswordCheck();

  constructor(
    private readonly deps: AccountsDependencies,
    private readonly sessions: SessionsService,
  ) {}

  /** The throttle's view of who is trying: a valid known-device token for this account counts apart. */
  private subject(
    email: string,
    user: UserRecord | undefined,
    deviceTokens: readonly string[],
    meta: RequestMeta,
  ): AttemptSubject {
    const deviceId = user ? this.deps.devices.deviceFor(user.id, deviceTokens) : null;
    return {
      email,
      ipAddress: meta.ipAddress,
      knownDevice: user && deviceId ? { userId: user.id, deviceId } : null,
    };
  }

  async signIn(
    input: {
      email: string;
      password: string;
      previousToken: string | null;
      deviceTokens?: readonly string[];
    },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    // A phone number in E.164 (the phone sign-in page parses it) or an email address.
    const byPhone = /^\+[1-9][0-9]{5,14}$/.test(input.email);
    const email = byPhone ? input.email : normaliseEmail(input.email);
    const user = byPhone
      ? await this.deps.users.findOpenByPhone(email)
      : await this.deps.users.findOpenByEmail(email);
    const subject = this.subject(email, user, input.deviceTokens ?? [], meta);
    const claimed = await this.deps.throttle.claim(subject);
    if (!claimed.allowed) return { kind: 'locked', seconds: claimed.waitSeconds };

    // An unknown address costs an argon2 verification too, so timing does not tell them apart.
    const correct = user?.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await this.dummy.run(input.password);
    if (!user || !correct || user.status !== 'active') {
      return this.fail(user, meta, 'password', claimed.attempt);
    }

    const twoFactor = user.totpEnabledAt !== null;
    return this.deps.users.transaction(async (trx) => {
      await this.deps.throttle.succeeded(trx, claimed.attempt);
      const { token, sessionId } = await this.sessions.start(
        trx,
        {
          userId: user.id,
          stage: twoFactor ? 'two_factor' : 'active',
          twoFactorVerified: false,
          previousToken: input.previousToken,
        },
        meta,
      );
      await recordAudit(this.deps, trx, {
        action: twoFactor ? 'sign_in.password_accepted' : 'session.created',
        actor: { ...SYSTEM_ACTOR, userId: user.id },
        subjectType: 'session',
        subjectIds: [sessionId],
        dataSubjectUserId: user.id,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
        after: { knownDevice: subject.knownDevice !== null },
      });
      return twoFactor
        ? { kind: 'two_factor' as const, token }
        : {
            kind: 'signed_in' as const,
            token,
            userId: user.id,
            deviceToken: this.deps.devices.issue(user.id),
          };
    });
  }

  /**
   * The second step, on the half-way session: a code from the authenticator app (each time
   * step accepted once) or one of the recovery codes (each usable once).
   */
  async completeTwoFactor(
    sessionId: string,
    input: ({ code: string } | { recoveryCode: string }) & { deviceTokens?: readonly string[] },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    const session = await this.deps.sessions.findById(sessionId);
    const user =
      session?.stage === 'two_factor' ? await this.deps.users.findById(session.userId) : undefined;
    if (!session || !user?.totpSecretEncrypted || user.status !== 'active')
      return { kind: 'refused' };
    const claimed = await this.deps.throttle.claim(
      this.subject(signInIdOf(user), user, input.deviceTokens ?? [], meta),
    );
    if (!claimed.allowed) return { kind: 'locked', seconds: claimed.waitSeconds };

    const secret = this.deps.cipher.decrypt(user.totpSecretEncrypted, TOTP_SECRET_CONTEXT);
    const step = 'code' in input ? matchTotp(secret, input.code, this.deps.now().getTime()) : null;
    const outcome = await this.deps.users.transaction(async (trx) => {
      const now = this.deps.now();
      const accepted =
        'code' in input
          ? step !== null && (await this.deps.users.acceptTotpStep(trx, user.id, step))
          : await this.deps.users.useRecoveryCode(
              trx,
              user.id,
              sha256Hex(normaliseRecoveryCode(input.recoveryCode)),
              now,
            );
      if (!accepted) return null;
      const token = await this.sessions.promote(trx, sessionId);
      if (!token) return null;
      await this.deps.throttle.succeeded(trx, claimed.attempt);
      await recordAudit(this.deps, trx, {
        action: 'session.created',
        actor: { ...SYSTEM_ACTOR, userId: user.id },
        subjectType: 'session',
        subjectIds: [sessionId],
        dataSubjectUserId: user.id,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
        after: { secondFactor: 'code' in input ? 'totp' : 'recovery_code' },
      });
      return {
        kind: 'signed_in' as const,
        token,
        userId: user.id,
        deviceToken: this.deps.devices.issue(user.id),
      };
    });
    return (
      outcome ?? this.fail(user, meta, 'code' in input ? 'totp' : 'recovery_code', claimed.attempt)
    );
  }

  /**
   * A failure (already counted by the claim): audited, with any wait it started. The answer
   * says how long to wait once a wait has started, the same for every address.
   */
  private async fail(
    user: UserRecord | undefined,
    meta: RequestMeta,
    step: 'password' | 'totp' | 'recovery_code',
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
          after: {
            scope: wait.scope,
            until: wait.until.toISOString(),
            ...(byAddress ? {} : { knownAccount: !!user }),
          },
        });
      }
    });
    if (waits.length === 0) return { kind: 'refused' };
    const latest = new Date(Math.max(...waits.map((wait) => wait.until.getTime())));
    return { kind: 'locked', seconds: secondsUntil(latest, this.deps.now()) };
  }
}
