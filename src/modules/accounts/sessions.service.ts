import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { requiresTwoFactor } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import type { ResolvedSession } from '../../platform/http/authentication.js';
import { recordAudit, type AccountsDependencies, type RequestMeta } from './accounts.context.js';
import type { SessionSummary } from './sessions.repository.js';
import type { Executor } from './users.repository.js';

const MINUTE = 60_000;
// last_seen_at is written at most once a minute per session, not on every request.
const TOUCH_EVERY_MS = MINUTE;
// The half-way session between password and code is short.
const TWO_FACTOR_STEP_MINUTES = 10;
/** Used and expired password links are deleted this long after (the privacy notice says so). */
export const PASSWORD_LINK_RETENTION_HOURS = 24;

export const TWO_FACTOR_SETUP_PATH = '/account/two-factor';
/** Reachable by someone who must set up two-factor authentication first. */
const SETUP_ALLOWED_PATHS = [TWO_FACTOR_SETUP_PATH, '/sign-out', '/dev/outbox'];

/** Server-side sessions: made at sign-in, read on every request, ended at sign-out or timeout. */
export class SessionsService {
  constructor(private readonly deps: AccountsDependencies) {}

  private idleCutoff(now: Date): Date {
    return new Date(now.getTime() - this.deps.settings.session.idleMinutes * MINUTE);
  }

  /**
   * Opens a session with a new random id (never one the browser offered: no session fixation)
   * and ends the one the browser had, if any. Returns the id for the cookie.
   */
  async start(
    executor: Executor,
    input: {
      userId: string;
      stage: 'two_factor' | 'active';
      twoFactorVerified: boolean;
      previousToken: string | null;
    },
    meta: RequestMeta,
  ): Promise<{ token: string; sessionId: string }> {
    const now = this.deps.now();
    if (input.previousToken) {
      await this.deps.sessions.deleteByTokenHash(executor, sha256Hex(input.previousToken));
    }
    await this.deps.sessions.deleteExpiredForUser(
      executor,
      input.userId,
      now,
      this.idleCutoff(now),
    );
    const token = randomToken(32);
    const lifetime =
      input.stage === 'two_factor'
        ? TWO_FACTOR_STEP_MINUTES * MINUTE
        : this.deps.settings.session.absoluteHours * 60 * MINUTE;
    const sessionId = await this.deps.sessions.insert(executor, {
      userId: input.userId,
      tokenHash: sha256Hex(token),
      csrfToken: randomToken(32),
      stage: input.stage,
      twoFactorVerified: input.twoFactorVerified,
      ipAddress: meta.ipAddress,
      userAgent: meta.userAgent,
      now,
      expiresAt: new Date(now.getTime() + lifetime),
    });
    return { token, sessionId };
  }

  /** The second factor is given: a new id for the session, now a full one. */
  async promote(executor: Executor, sessionId: string): Promise<string | null> {
    const now = this.deps.now();
    const token = randomToken(32);
    const promoted = await this.deps.sessions.promote(executor, sessionId, {
      tokenHash: sha256Hex(token),
      csrfToken: randomToken(32),
      now,
      expiresAt: new Date(now.getTime() + this.deps.settings.session.absoluteHours * 60 * MINUTE),
    });
    return promoted ? token : null;
  }

  /** What the session cookie means: for `installAuthentication`. */
  async resolve(token: string, meta: RequestMeta): Promise<ResolvedSession | null> {
    const session = await this.deps.sessions.findByTokenHash(sha256Hex(token));
    if (!session) return null;
    const now = this.deps.now();
    const expired =
      session.expiresAt <= now ||
      session.lastSeenAt <= this.idleCutoff(now) ||
      session.userStatus !== 'active';
    if (expired) {
      await this.deps.users.transaction(async (trx) => {
        if (!(await this.deps.sessions.delete(trx, session.id))) return;
        await recordAudit(this.deps, trx, {
          action: 'session.expired',
          actor: SYSTEM_ACTOR,
          subjectType: 'session',
          subjectIds: [session.id],
          dataSubjectUserId: session.userId,
          requestId: meta.requestId,
          ipAddress: meta.ipAddress,
        });
      });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.deps.sessions.touch(session.id, now);
    }
    const base = { id: session.id, csrfToken: session.csrfToken, stage: session.stage };
    if (session.stage === 'two_factor') {
      return { ...base, requiredStep: null, principal: { ...ANONYMOUS, sessionId: session.id } };
    }
    const grants = await this.deps.roles.grantsFor(session.userId);
    const principal: Principal = {
      userId: session.userId,
      apiKeyId: null,
      sessionId: session.id,
      grants,
      permissionLimit: null,
      twoFactorVerified: session.twoFactorVerified,
    };
    const mustSetUp =
      session.totpEnabledAt === null && grants.some((grant) => requiresTwoFactor(grant.role));
    return {
      ...base,
      principal,
      requiredStep: mustSetUp
        ? { path: TWO_FACTOR_SETUP_PATH, allowedPaths: SETUP_ALLOWED_PATHS }
        : null,
    };
  }

  async signOut(sessionId: string, userId: string | null, meta: RequestMeta): Promise<void> {
    await this.deps.users.transaction(async (trx) => {
      if (!(await this.deps.sessions.delete(trx, sessionId))) return;
      await recordAudit(this.deps, trx, {
        action: 'session.ended',
        actor: { ...SYSTEM_ACTOR, userId },
        subjectType: 'session',
        subjectIds: [sessionId],
        dataSubjectUserId: userId,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
      });
    });
  }

  /** Ends every session of the user, this one included. */
  async signOutEverywhere(userId: string, meta: RequestMeta): Promise<number> {
    return this.deps.users.transaction(async (trx) => {
      const ended = await this.deps.sessions.deleteAllForUser(trx, userId);
      if (ended.length === 0) return 0;
      await recordAudit(this.deps, trx, {
        action: 'session.ended',
        actor: { ...SYSTEM_ACTOR, userId },
        subjectType: 'session',
        subjectIds: ended,
        dataSubjectUserId: userId,
        requestId: meta.requestId,
        ipAddress: meta.ipAddress,
        after: { reason: 'sign_out_everywhere' },
      });
      return ended.length;
    });
  }

  list(userId: string): Promise<SessionSummary[]> {
    const now = this.deps.now();
    return this.deps.sessions.listForUser(userId, now, this.idleCutoff(now));
  }

  /**
   * Housekeeping for a scheduled job or the CLI: removes timed-out sessions, spent throttling
   * windows and password links dead for a day. Sessions are otherwise removed when their
   * cookie comes back or their user signs in again.
   */
  async purgeExpired(): Promise<{ sessions: number; throttles: number; passwordLinks: number }> {
    const now = this.deps.now();
    return this.deps.users.transaction(async (trx) => {
      const sessions = await this.deps.sessions.deleteExpired(trx, now, this.idleCutoff(now));
      const throttles = await this.deps.throttle.purge(trx);
      const passwordLinks = await this.deps.users.purgePasswordLinks(
        trx,
        new Date(now.getTime() - PASSWORD_LINK_RETENTION_HOURS * 60 * MINUTE),
      );
      if (sessions + throttles + passwordLinks > 0) {
        await recordAudit(this.deps, trx, {
          action: 'accounts.purged',
          actor: SYSTEM_ACTOR,
          subjectType: 'session',
          subjectIds: [],
          after: { sessions, throttles, passwordLinks },
        });
      }
      return { sessions, throttles, passwordLinks };
    });
  }
}
