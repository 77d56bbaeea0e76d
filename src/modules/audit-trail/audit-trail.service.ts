import type {
  AnchorFileContents,
  AnchorOutcome,
  AuditAnchors,
} from '../../platform/audit/audit.anchors.js';
import type { AuditEventRow, AuditLog, AuditVerification } from '../../platform/audit/audit.js';
import type { Permission } from '../../platform/authz/catalogue.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import { ForbiddenError } from '../../platform/http/problem.js';
import type { AuditTrailRepository } from './audit-trail.repository.js';

/** Organisation names by id, from the organisations module. */
export type OrganisationNames = (ids: readonly string[]) => Promise<Map<string, string>>;
import type { AuditFilterInput } from './audit-trail.schemas.js';

export const AUDIT_PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuditTrailEvent extends AuditEventRow {
  organisationName: string | null;
}

export interface AuditTrailPage {
  events: AuditTrailEvent[];
  /** The `beforeId` of the next (older) page; null on the last page. */
  nextBeforeId: number | null;
}

/** The start of a UTC day given as YYYY-MM-DD (already validated by the schema). */
function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/**
 * The audit trail for auditors: filter and read it, and check that the chain is intact.
 * Reading is not itself audited (auditors would otherwise fill the trail with their own
 * reading); verifying is, so that there is a record of when the chain was last known good.
 */
export class AuditTrailService {
  constructor(
    private readonly repository: AuditTrailRepository,
    private readonly audit: AuditLog,
    private readonly organisationNames: OrganisationNames,
    private readonly anchors: AuditAnchors,
  ) {}

  /** The whole trail is one record set: only an "all" scope reaches it. */
  private authorise(ctx: ActorContext, permission: Permission): void {
    const scope = scopeFilter(ctx.principal, permission);
    if (!scope?.all) throw new ForbiddenError();
  }

  /**
   * The countries whose events the reader sees (their jurisdiction: the country of the grant
   * each event names), or undefined for all of them. Refused without `audit.read`.
   */
  private readableCountries(ctx: ActorContext): string[] | undefined {
    const scope = scopeFilter(ctx.principal, 'audit.read');
    if (!scope) throw new ForbiddenError();
    if (scope.all) return undefined;
    // An auditor's own and organisation scopes would mean nothing here: jurisdiction only.
    return [...new Set(scope.countryCodes)];
  }

  /** Newest first, a page at a time; `filter.to` is the last day included. */
  async list(
    ctx: ActorContext,
    filter: AuditFilterInput,
    limit = AUDIT_PAGE_SIZE,
  ): Promise<AuditTrailPage> {
    const countryCodes = this.readableCountries(ctx);
    // One more than the page, to know whether there is an older page without counting.
    const rows = await this.audit.list({
      ...(countryCodes ? { countryCodes } : {}),
      ...(filter.action !== undefined ? { action: filter.action } : {}),
      ...(filter.actorUserId !== undefined ? { actorUserId: filter.actorUserId } : {}),
      ...(filter.subjectType !== undefined ? { subjectType: filter.subjectType } : {}),
      ...(filter.subjectId !== undefined ? { subjectId: filter.subjectId } : {}),
      ...(filter.from !== undefined ? { from: startOfDay(filter.from) } : {}),
      ...(filter.to !== undefined
        ? { to: new Date(startOfDay(filter.to).getTime() + DAY_MS) }
        : {}),
      ...(filter.beforeId !== undefined ? { beforeId: filter.beforeId } : {}),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const names = await this.organisationNames(
      page.flatMap((row) => (row.actor.organisationId ? [row.actor.organisationId] : [])),
    );
    const last = page.at(-1);
    return {
      events: page.map((row) => ({
        ...row,
        organisationName: row.actor.organisationId
          ? (names.get(row.actor.organisationId) ?? null)
          : null,
      })),
      nextBeforeId: rows.length > limit && last ? last.id : null,
    };
  }

  /**
   * Walks the whole chain, against every anchor, then records 'audit.verified' with the
   * outcome. The check covers every country's events and shows none of them.
   */
  async verify(ctx: ActorContext): Promise<AuditVerification> {
    this.authorise(ctx, 'audit.verify');
    const result = await this.anchors.verify();
    await this.repository.transaction((trx) =>
      this.audit.record(trx, {
        action: 'audit.verified',
        actor: auditActorOf(ctx.principal, { permission: 'audit.verify' }),
        subjectType: 'audit_event',
        subjectIds: result.ok || result.brokenId === null ? [] : [String(result.brokenId)],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: result.ok
          ? { intact: true, count: result.count, anchors: result.anchorsChecked }
          : {
              intact: false,
              count: result.count,
              brokenId: result.brokenId,
              anchors: result.anchorsChecked,
            },
      }),
    );
    return result;
  }

  /** The anchors, newest first, with what is wrong with their file. */
  async listAnchors(ctx: ActorContext): Promise<AnchorFileContents> {
    this.authorise(ctx, 'audit.verify');
    return this.anchors.list();
  }

  /** The anchor file as written, to download and keep elsewhere. */
  async exportAnchors(ctx: ActorContext): Promise<string> {
    this.authorise(ctx, 'audit.verify');
    return this.anchors.file.text();
  }

  /** The public key that checks the anchors' signatures, PEM. */
  publicKeyPem(ctx: ActorContext): string {
    this.authorise(ctx, 'audit.verify');
    return this.anchors.file.publicKeyPem;
  }

  /**
   * Anchors the chain's head now (an auditor's button), then records 'audit.anchored': that
   * event is the first the next anchor covers.
   */
  async anchor(ctx: ActorContext): Promise<AnchorOutcome> {
    this.authorise(ctx, 'audit.verify');
    const outcome = await this.anchors.anchor();
    if (outcome.anchored) {
      await this.repository.transaction((trx) =>
        this.audit.record(trx, {
          action: 'audit.anchored',
          actor: auditActorOf(ctx.principal, { permission: 'audit.verify' }),
          subjectType: 'audit_event',
          subjectIds: [String(outcome.anchor.lastId)],
          requestId: ctx.requestId,
          ipAddress: ctx.ipAddress,
          after: {
            lastId: outcome.anchor.lastId,
            lastHash: outcome.anchor.lastHash,
            count: outcome.anchor.count,
          },
        }),
      );
    }
    return outcome;
  }

  /** The scheduled anchor (the `audit.anchor` job): fails loudly when the chain is broken. */
  async anchorOnSchedule(): Promise<AnchorOutcome> {
    const outcome = await this.anchors.anchor();
    if (!outcome.anchored && outcome.reason === 'broken') {
      const { verification } = outcome;
      throw new Error(
        `The audit chain was not anchored: ${verification.ok ? 'unknown' : verification.reason}`,
      );
    }
    return outcome;
  }
}
