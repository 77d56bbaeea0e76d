import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import {
  normaliseEmail,
  recordAudit,
  TOTP_SECRET_CONTEXT,
  type AccountsDependencies,
  type RequestMeta,
} from './accounts.context.js';
import { DummyPasswordCheck, verifyPassword } from './passwords.js';
import type { SessionsService } from './sessions.service.js';
import { SignInThrottle, minutesUntil } from './throttle.js';
import { matchTotp, normaliseRecoveryCode } from './totp.js';
import type { Executor, UserRecord } from './users.repository.js';

export type SignInOutcome =
  /** Signed in: set the cookie to `token`. */
  | { kind: 'signed_in'; token: string; userId: string }
  /** The password was right; a two-factor code is owed. Set the cookie to `token`. */
  | { kind: 'two_factor'; token: string }
  /** Wrong email or password, or wrong code: the same answer whatever the reason. */
  | { kind: 'refused' }
  | { kind: 'locked'; minutes: number };

/** Sign-in with email and password, then a TOTP or recovery code where the account has one. */
export class SignInService {
  private readonly throttle: SignInThrottle;
  private readonly dummy = new DummyPasswordCheck();

  constructor(
    private readonly deps: AccountsDependencies,
    private readonly sessions: SessionsService,
  ) {
    this.throttle = new SignInThrottle(deps.throttle, deps.now);
  }

  async signIn(
    input: { email: string; password: string; previousToken: string | null },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    const email = normaliseEmail(input.email);
    const lockedFor = await this.throttle.lockedMinutes(email, meta.ipAddress);
    if (lockedFor !== null) return { kind: 'locked', minutes: lockedFor };

    const user = await this.deps.users.findOpenByEmail(email);
    // An unknown address costs an argon2 verification too, so timing does not tell them apart.
    const correct = user?.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await this.dummy.run(input.password);
    if (!user || !correct || user.status !== 'active') {
      return this.fail(email, user, meta, 'password');
    }

    const twoFactor = user.totpEnabledAt !== null;
    return this.deps.users.transaction(async (trx) => {
      await this.throttle.recordSuccess(trx, email);
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
      });
      return twoFactor
        ? { kind: 'two_factor' as const, token }
        : { kind: 'signed_in' as const, token, userId: user.id };
    });
  }

  /**
   * The second step, on the half-way session: a code from the authenticator app (each time
   * step accepted once) or one of the recovery codes (each usable once).
   */
  async completeTwoFactor(
    sessionId: string,
    input: { code: string } | { recoveryCode: string },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    const session = await this.deps.sessions.findById(sessionId);
    const user =
      session?.stage === 'two_factor' ? await this.deps.users.findById(session.userId) : undefined;
    if (!session || !user?.totpSecretEncrypted || user.status !== 'active')
      return { kind: 'refused' };
    const lockedFor = await this.throttle.lockedMinutes(user.email, meta.ipAddress);
    if (lockedFor !== null) return { kind: 'locked', minutes: lockedFor };

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
      await this.throttle.recordSuccess(trx, user.email);
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
      return { kind: 'signed_in' as const, token, userId: user.id };
    });
    return outcome ?? this.fail(user.email, user, meta, 'code' in input ? 'totp' : 'recovery_code');
  }

  /** A failure: counted for the address and the IP address, audited, perhaps a lock. */
  private async fail(
    email: string,
    user: UserRecord | undefined,
    meta: RequestMeta,
    step: 'password' | 'totp' | 'recovery_code',
  ): Promise<SignInOutcome> {
    const result = await this.deps.users.transaction(async (trx: Executor) => {
      const failure = await this.throttle.recordFailure(trx, email, meta.ipAddress);
      const subjectIds = user ? [user.id] : [];
      const base = {
        actor: { ...SYSTEM_ACTOR, userId: null },
        subjectType: 'app_user',
        subjectIds,
        dataSubjectUserId: user?.id ?? null,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
      };
      await recordAudit(this.deps, trx, {
        ...base,
        action: 'sign_in.failed',
        after: { step, knownAccount: !!user },
      });
      if (failure.accountLockedUntil) {
        await recordAudit(this.deps, trx, {
          ...base,
          action: 'account.locked',
          after: { until: failure.accountLockedUntil.toISOString(), knownAccount: !!user },
        });
      }
      if (failure.ipLockedUntil) {
        await recordAudit(this.deps, trx, {
          ...base,
          subjectType: 'ip_address',
          subjectIds: [],
          dataSubjectUserId: null,
          action: 'ip_address.locked',
          after: { until: failure.ipLockedUntil.toISOString() },
        });
      }
      return failure;
    });
    const until = [result.accountLockedUntil, result.ipLockedUntil].filter(
      (date): date is Date => date !== null,
    );
    if (until.length === 0) return { kind: 'refused' };
    const latest = new Date(Math.max(...until.map((date) => date.getTime())));
    return { kind: 'locked', minutes: minutesUntil(latest, this.deps.now()) };
  }
}
