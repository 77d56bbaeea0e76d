import type { AuditLog } from '../../platform/audit/audit.js';
import type { OrganisationKind, Permission } from '../../platform/authz/catalogue.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import {
  CONSENT_ORGANISATION_KINDS,
  type ConsentOrganisation,
  type ConsentPurpose,
  type ConsentRecord,
  type ConsentRepository,
  type ConsentRow,
} from './consent.repository.js';
import type { Kysely } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { VisibilityRow } from './consent.repository.js';
import { consentView, type ConsentDb } from './consent.tables.js';

/** What consent asks of the organisations module: public registration data. */
export interface ConsentOrganisations {
  summaries(ids: readonly string[]): Promise<Map<string, ConsentOrganisation>>;
  ofKinds(kinds: readonly OrganisationKind[]): Promise<ConsentOrganisation[]>;
}

export interface ConsentExport {
  /** Null for a visibility consent, which names a destination country instead. */
  organisationId: string | null;
  organisationName: string | null;
  destinationCountry?: string;
  purpose: ConsentPurpose | 'profile.visible';
  grantedAt: string;
  withdrawnAt: string | null;
}

/**
 * The consent ledger: what a person agreed to share, with which employer or agency, when, and
 * when they withdrew it. Consents are never deleted: a withdrawn one stays as history, and is
 * the proof of what an organisation was allowed to see at the time.
 */
export class ConsentService {
  constructor(
    private readonly repository: ConsentRepository,
    private readonly audit: AuditLog,
    private readonly organisations: ConsentOrganisations,
  ) {}

  /**
   * The consents with their organisation's name and kind. A consent whose organisation is
   * gone is left out (the ledger keeps it; nobody can be shown it by name).
   */
  private async named(rows: readonly ConsentRow[]): Promise<ConsentRecord[]> {
    const organisations = await this.organisations.summaries(rows.map((row) => row.organisationId));
    return rows.flatMap((row) => {
      const organisation = organisations.get(row.organisationId);
      return organisation
        ? [{ ...row, organisationName: organisation.name, organisationKind: organisation.kind }]
        : [];
    });
  }

  /** An employer or agency a person may give consent to; undefined for anything else. */
  private async consentable(id: string): Promise<ConsentOrganisation | undefined> {
    const organisation = (await this.organisations.summaries([id])).get(id);
    return organisation &&
      (CONSENT_ORGANISATION_KINDS as readonly OrganisationKind[]).includes(organisation.kind)
      ? { id: organisation.id, name: organisation.name, kind: organisation.kind }
      : undefined;
  }

  /**
   * The user the caller acts for. Consent is only ever one's own ("own" scope): an officer or
   * an organisation's key holding some wider scope still gets nothing here.
   */
  private self(ctx: ActorContext, permission: Permission): string {
    const scope = scopeFilter(ctx.principal, permission);
    const userId = ctx.principal.userId;
    if (!scope || !userId || (!scope.all && !scope.userIds.includes(userId)))
      throw new ForbiddenError();
    return userId;
  }

  /** The caller's consents: active first, then withdrawn ones as history. */
  async list(ctx: ActorContext): Promise<ConsentRecord[]> {
    return this.named(await this.repository.listForUser(this.self(ctx, 'consent.read')));
  }

  /** Employers and agencies a person may grant consent to. */
  async organisationsToChoose(): Promise<ConsentOrganisation[]> {
    const organisations = await this.organisations.ofKinds(CONSENT_ORGANISATION_KINDS);
    return organisations.map(({ id, name, kind }) => ({ id, name, kind }));
  }

  /** Idempotent: granting what is already granted changes nothing and records nothing. */
  async grant(
    ctx: ActorContext,
    input: { organisationId: string; purpose: ConsentPurpose },
  ): Promise<{ consent: ConsentRecord; created: boolean }> {
    const userId = this.self(ctx, 'consent.grant');
    const organisation = await this.consentable(input.organisationId);
    if (!organisation) {
      throw new ValidationError([
        { pointer: '/organisationId', detail: 'consent.errors.selectOrganisation' },
      ]);
    }
    const key = { userId, organisationId: organisation.id, purpose: input.purpose };
    return this.repository.transaction(async (trx) => {
      const id = await this.repository.insertIfAbsent(trx, key);
      if (id) {
        await this.audit.record(trx, {
          action: 'consent.granted',
          actor: auditActorOf(ctx.principal),
          subjectType: 'consent',
          subjectIds: [id],
          dataSubjectUserId: userId,
          purpose: input.purpose,
          requestId: ctx.requestId,
          ipAddress: ctx.ipAddress,
          after: { organisationId: organisation.id, purpose: input.purpose },
        });
      }
      const row = await this.repository.findActive(trx, key);
      if (!row) throw new Error('The consent just granted is not there');
      const consent: ConsentRecord = {
        ...row,
        organisationName: organisation.name,
        organisationKind: organisation.kind,
      };
      return { consent, created: id !== undefined };
    });
  }

  /** Only one's own; anyone else's answers "not found". Withdrawing twice is not an error. */
  async withdraw(ctx: ActorContext, consentId: string): Promise<void> {
    const userId = this.self(ctx, 'consent.withdraw');
    const consent = await this.repository.findOwn(userId, consentId);
    if (!consent) throw new NotFoundError();
    await this.repository.transaction(async (trx) => {
      if (!(await this.repository.withdraw(trx, userId, consentId, new Date()))) return;
      await this.audit.record(trx, {
        action: 'consent.withdrawn',
        actor: auditActorOf(ctx.principal),
        subjectType: 'consent',
        subjectIds: [consentId],
        dataSubjectUserId: userId,
        purpose: consent.purpose,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { organisationId: consent.organisationId, purpose: consent.purpose },
      });
    });
  }

  /**
   * The question other modules ask before showing a person's profile to an organisation.
   * Internal: no actor; the caller has already decided who is asking.
   */
  async hasConsent(
    userId: string,
    organisationId: string,
    purpose: ConsentPurpose,
  ): Promise<boolean> {
    return this.repository.hasActive(userId, organisationId, purpose);
  }

  /** For the personal data download. */
  async exportFor(userId: string): Promise<ConsentExport[]> {
    const consents = await this.named(await this.repository.listForUser(userId));
    const visible = await this.repository.visibilityForUser(userId);
    return [
      ...consents.map((consent) => ({
        organisationId: consent.organisationId,
        organisationName: consent.organisationName,
        purpose: consent.purpose,
        grantedAt: consent.grantedAt.toISOString(),
        withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
      })),
      ...visible.map((row) => ({
        organisationId: null,
        organisationName: null,
        destinationCountry: row.countryCode,
        purpose: 'profile.visible' as const,
        grantedAt: row.grantedAt.toISOString(),
        withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
      })),
    ];
  }

  /** The caller's visibility consents (profile visible in a destination): active, then history. */
  async visibility(ctx: ActorContext): Promise<VisibilityRow[]> {
    return this.repository.visibilityForUser(this.self(ctx, 'consent.read'));
  }

  /**
   * The job-seekers module's visibility step, in its transaction (lent): after this call the
   * person's profile is visible in exactly `countries` (none: private). Each destination
   * granted or withdrawn is a row of the ledger and an audit event; nothing else changes.
   */
  async recordVisibility<DB>(
    executor: Kysely<DB>,
    input: {
      userId: string;
      countries: readonly string[];
      actor: AuditActor;
      requestId: string | null;
      ipAddress: string | null;
    },
  ): Promise<void> {
    const trx = consentView(executor);
    const active = (await this.repository.visibilityForUser(input.userId, trx))
      .filter((row) => row.withdrawnAt === null)
      .map((row) => row.countryCode);
    const wanted = new Set(input.countries);
    const withdrawn = await this.repository.withdrawVisibility(
      trx,
      input.userId,
      active.filter((code) => !wanted.has(code)),
      new Date(),
    );
    const events: { action: string; id: string; countryCode: string }[] = withdrawn.map((row) => ({
      action: 'consent.withdrawn',
      id: row.id,
      countryCode: String(row.countryCode),
    }));
    for (const code of wanted) {
      if (active.includes(code)) continue;
      const id = await this.repository.insertVisibility(trx, input.userId, code);
      if (id) events.push({ action: 'consent.granted', id, countryCode: code });
    }
    for (const event of events) {
      await this.audit.record(trx, {
        action: event.action,
        actor: input.actor,
        subjectType: 'consent',
        subjectIds: [event.id],
        dataSubjectUserId: input.userId,
        purpose: 'profile.visible',
        requestId: input.requestId,
        ipAddress: input.ipAddress,
        after: { destinationCountry: event.countryCode, purpose: 'profile.visible' },
      });
    }
  }

  /**
   * For erasure, inside the caller's transaction: every active consent is withdrawn. The rows
   * stay (ids and dates, no personal data) as the record of what was allowed until now; the
   * caller audits the erasure as a whole.
   */
  async eraseFor(executor: ConsentDb, userId: string): Promise<void> {
    await this.repository.withdrawAll(executor, userId, new Date());
  }
}
