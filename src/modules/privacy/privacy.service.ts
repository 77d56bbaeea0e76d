import type { AuditEventRow, AuditLog } from '../../platform/audit/audit.js';
import type { Permission } from '../../platform/authz/catalogue.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import { ForbiddenError, ValidationError, type FieldProblem } from '../../platform/http/problem.js';
import type { PersonalDataProvider } from './privacy.provider.js';
import type { PrivacyRepository } from './privacy.repository.js';

export const EXPORT_FORMAT = 'corridor-personal-data/1';
export const ACCESS_LOG_PAGE_SIZE = 50;
// The largest page AuditLog hands out; the download walks every page.
const EXPORT_BATCH = 1000;
/** Wrong second factors (or passwords) allowed before erasure stops checking for a while. */
const CONFIRMATION_ATTEMPTS = 5;
const CONFIRMATION_WINDOW_MS = 15 * 60 * 1000;

/** One read of the person's data by someone else, as the person sees it. */
export interface AccessLogEntry {
  id: number;
  occurredAt: Date;
  action: string;
  /** The verb of the action ('viewed', 'exported', …), for a translated label. */
  verb: string;
  subjectType: string;
  role: string | null;
  organisationId: string | null;
  organisationName: string | null;
  purpose: string | null;
  /** True when an organisation's system (an API key) read the data, not a person. */
  viaApiKey: boolean;
}

export interface PersonalDataDocument {
  format: typeof EXPORT_FORMAT;
  generatedAt: string;
  subject: { userId: string };
  sections: Record<string, unknown>;
  accessLog: {
    occurredAt: string;
    action: string;
    role: string | null;
    organisationId: string | null;
    organisationName: string | null;
    purpose: string | null;
    viaApiKey: boolean;
  }[];
}

/** The accounts module's checks of who is at the keyboard (see PrivacyServiceOptions.identity). */
export interface IdentityCheck {
  /** 'code' when the account has two-factor authentication, else 'password'. */
  factorOf(userId: string): Promise<ErasureFactor>;
  verifyPassword(userId: string, password: string): Promise<boolean>;
  /** A code from the authenticator app, or a recovery code (spent when right). */
  verifyCode(userId: string, code: string): Promise<boolean>;
}

export type ErasureFactor = 'code' | 'password';

export interface PrivacyServiceOptions {
  repository: PrivacyRepository;
  audit: AuditLog;
  /** Run in this order on erasure: put the provider that removes the account itself last. */
  providers: readonly PersonalDataProvider[];
  /**
   * How the person proves, before erasure, that it is them and not someone at an unattended
   * screen. Optional so that the module works without password accounts; when given, erasure
   * asks for a second factor: a code from the authenticator app or a recovery code when the
   * account has two-factor authentication, the password again when it has not.
   */
  identity?: IdentityCheck;
  /** Organisation names by id, from the organisations module, for the access log. */
  organisationNames: (ids: readonly string[]) => Promise<Map<string, string>>;
}

/**
 * The rights of the data subject: to get a copy of their data, to have it erased, and to know
 * who has looked at it. The modules that hold the data take part through PersonalDataProvider.
 */
export class PrivacyService {
  private readonly repository: PrivacyRepository;
  private readonly audit: AuditLog;
  private readonly providers: readonly PersonalDataProvider[];
  private readonly identity: IdentityCheck | undefined;
  private readonly organisationNames: PrivacyServiceOptions['organisationNames'];

  constructor(options: PrivacyServiceOptions) {
    const names = options.providers.map((provider) => provider.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate !== undefined)
      throw new Error(`Two personal data providers are named "${duplicate}"`);
    this.repository = options.repository;
    this.audit = options.audit;
    this.providers = options.providers;
    this.identity = options.identity;
    this.organisationNames = options.organisationNames;
  }

  /** What erasure asks the caller for: a code, their password, or nothing (no identity check). */
  async erasureFactor(ctx: ActorContext): Promise<ErasureFactor | null> {
    const userId = this.self(ctx, 'person.erase');
    return this.identity ? this.identity.factorOf(userId) : null;
  }

  /** Why the caller's data cannot be erased yet (each provider's reasons); none when it can. */
  async erasureRefusals(ctx: ActorContext): Promise<FieldProblem[]> {
    return this.refusalsFor(this.self(ctx, 'person.erase'));
  }

  private async refusalsFor(userId: string): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    for (const provider of this.providers) {
      if (provider.erasureRefusals) problems.push(...(await provider.erasureRefusals(userId)));
    }
    return problems;
  }

  /**
   * The second factor (or the password) the caller gave, checked: a ValidationError if wrong.
   * Each wrong answer is audited (`person.erasure_refused`), and after a few within a quarter
   * of an hour the check is not even tried: a six-digit code must not be guessable from an
   * unattended session.
   */
  private async confirmIdentity(
    ctx: ActorContext,
    userId: string,
    input: { password?: string; code?: string },
  ): Promise<void> {
    const identity = this.identity;
    if (!identity) return;
    const factor = await identity.factorOf(userId);
    const field = factor === 'code' ? '/code' : '/password';
    const given = factor === 'code' ? input.code : input.password;
    if (!given) {
      const detail =
        factor === 'code' ? 'privacy.errors.enterCode' : 'privacy.errors.enterPassword';
      throw new ValidationError([{ pointer: field, detail }]);
    }
    const since = new Date(Date.now() - CONFIRMATION_WINDOW_MS);
    const recent = await this.audit.list({
      action: 'person.erasure_refused',
      subjectId: userId,
      from: since,
      limit: CONFIRMATION_ATTEMPTS,
    });
    if (recent.length >= CONFIRMATION_ATTEMPTS)
      throw new ValidationError([{ pointer: field, detail: 'privacy.errors.tooManyAttempts' }]);
    const right =
      factor === 'code'
        ? await identity.verifyCode(userId, given)
        : await identity.verifyPassword(userId, given);
    if (right) return;
    await this.repository.transaction((trx) =>
      this.audit.record(trx, {
        action: 'person.erasure_refused',
        actor: auditActorOf(ctx.principal),
        subjectType: 'person',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { factor },
      }),
    );
    const detail = factor === 'code' ? 'privacy.errors.wrongCode' : 'privacy.errors.wrongPassword';
    throw new ValidationError([{ pointer: field, detail }]);
  }

  /** The sections of the download, for the page that explains what is held. */
  sections(): { name: string; descriptionKey: string }[] {
    return this.providers.map((provider) => ({
      name: provider.name,
      descriptionKey: provider.descriptionKey ?? `privacy.sections.${provider.name}`,
    }));
  }

  /** The user the caller acts for: these rights are only ever exercised on one's own data. */
  private self(ctx: ActorContext, permission: Permission): string {
    const scope = scopeFilter(ctx.principal, permission);
    const userId = ctx.principal.userId;
    if (!scope || !userId || (!scope.all && !scope.userIds.includes(userId)))
      throw new ForbiddenError();
    return userId;
  }

  /** Everything held about the caller, in the format of README.md; audited as 'person.exported'. */
  async export(ctx: ActorContext, now = new Date()): Promise<PersonalDataDocument> {
    const userId = this.self(ctx, 'person.export');
    const sections: Record<string, unknown> = {};
    for (const provider of this.providers) sections[provider.name] = await provider.export(userId);
    const accesses = await this.allAccesses(userId);
    const entries = await this.describe(accesses);
    // Recorded before the data leaves the server: a download nobody can see in the log is the
    // one thing the log must not miss.
    await this.repository.transaction((trx) =>
      this.audit.record(trx, {
        action: 'person.exported',
        actor: auditActorOf(ctx.principal),
        subjectType: 'person',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        purpose: 'data_subject_request',
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { sections: Object.keys(sections) },
      }),
    );
    return {
      format: EXPORT_FORMAT,
      generatedAt: now.toISOString(),
      subject: { userId },
      sections,
      accessLog: entries.map((entry) => ({
        occurredAt: entry.occurredAt.toISOString(),
        action: entry.action,
        role: entry.role,
        organisationId: entry.organisationId,
        organisationName: entry.organisationName,
        purpose: entry.purpose,
        viaApiKey: entry.viaApiKey,
      })),
    };
  }

  /**
   * Erases the caller's data: every provider in one transaction, then the 'person.erased'
   * event in the same transaction (ids only), so that either all of it happens or none.
   * The accounts provider ends the person's sessions as part of it.
   */
  async erase(ctx: ActorContext, input: { password?: string; code?: string }): Promise<void> {
    const userId = this.self(ctx, 'person.erase');
    // Refusals first: a recovery code is not spent on an erasure that cannot happen.
    const refusals = await this.refusalsFor(userId);
    if (refusals.length > 0) throw new ValidationError(refusals);
    await this.confirmIdentity(ctx, userId, input);
    await this.repository.transaction(async (trx) => {
      for (const provider of this.providers) await provider.erase(trx, userId);
      await this.audit.record(trx, {
        action: 'person.erased',
        actor: auditActorOf(ctx.principal),
        subjectType: 'person',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        purpose: 'data_subject_request',
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { sections: this.providers.map((provider) => provider.name) },
      });
    });
  }

  /** Who has read the caller's data, newest first, a page at a time. */
  async accessLog(
    ctx: ActorContext,
    options: { beforeId?: number } = {},
  ): Promise<{ entries: AccessLogEntry[]; olderBeforeId: number | null }> {
    const userId = this.self(ctx, 'access_log.read_own');
    const rows = await this.audit.accessesTo(userId, {
      limit: ACCESS_LOG_PAGE_SIZE + 1,
      ...(options.beforeId !== undefined ? { beforeId: options.beforeId } : {}),
    });
    const page = rows.slice(0, ACCESS_LOG_PAGE_SIZE);
    const last = page.at(-1);
    return {
      entries: await this.describe(page),
      olderBeforeId: rows.length > ACCESS_LOG_PAGE_SIZE && last ? last.id : null,
    };
  }

  private async allAccesses(userId: string): Promise<AuditEventRow[]> {
    const all: AuditEventRow[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const rows = await this.audit.accessesTo(userId, {
        limit: EXPORT_BATCH,
        ...(beforeId !== undefined ? { beforeId } : {}),
      });
      all.push(...rows);
      const last = rows.at(-1);
      if (rows.length < EXPORT_BATCH || !last) return all;
      beforeId = last.id;
    }
  }

  /** Organisations by name; the staff member's own identity is not shown, their role is. */
  private async describe(rows: readonly AuditEventRow[]): Promise<AccessLogEntry[]> {
    const names = await this.organisationNames(
      rows.flatMap((row) => (row.actor.organisationId ? [row.actor.organisationId] : [])),
    );
    return rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurredAt,
      action: row.action,
      verb: row.action.slice(row.action.indexOf('.') + 1),
      subjectType: row.subjectType,
      role: row.actor.role,
      organisationId: row.actor.organisationId,
      organisationName: row.actor.organisationId
        ? (names.get(row.actor.organisationId) ?? null)
        : null,
      purpose: row.purpose,
      viaApiKey: row.actor.apiKeyId !== null,
    }));
  }
}
