import type { AuditLog } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { isoDate } from '../../platform/lifecycle/lifecycle.js';
import type { LicenceCommand, LicenceState, OfficerEvent } from './licence.lifecycle.js';
import { transition } from './licence.states.js';
import type { Kysely } from 'kysely';
import { standingOf, type AgencyStanding } from './agency-standing.js';
import { licensingView } from './licence.tables.js';
import type { HistoryRecord, LicenceRecord, LicensingRepository } from './licensing.repository.js';
import type { RecruiterRecord, RecruitersRepository } from './recruiters.repository.js';
import { licenceAsOf } from './licence.as-of.js';
import {
  actsForAgency,
  agenciesOf,
  canApplyForLicence,
  canDecideLicence,
  canViewLicence,
  issuingAuthorityFor,
} from './licensing.policy.js';

/** What the public sees of a licence. */
export type PublicStatus = 'licensed' | 'suspended' | 'revoked' | 'expired' | 'not_licensed';

export function publicStatus(licence: LicenceRecord | null): PublicStatus {
  switch (licence?.state) {
    case 'active':
      return 'licensed';
    case 'suspended':
    case 'revoked':
    case 'expired':
      return licence.state;
    default:
      return 'not_licensed';
  }
}

/** History rows the public may see: decisions on a granted licence, never who made them. */
const PUBLIC_EVENTS = new Set(['grant', 'renew', 'suspend', 'reinstate', 'revoke', 'expire']);

export interface RecruiterDetail extends RecruiterRecord {
  status: PublicStatus;
  history: HistoryRecord[];
}

/**
 * Agency licensing: agencies apply, origin officers of the agency's country decide, licences
 * expire by themselves. Every change of state goes through `transition` (licence.states.ts).
 */
export class LicensingService {
  private readonly repository: LicensingRepository;
  private readonly recruiters: RecruitersRepository;
  private readonly audit: AuditLog;
  private readonly events: EventPublisher | null;
  private readonly clock: () => Date;

  constructor(deps: {
    repository: LicensingRepository;
    recruiters: RecruitersRepository;
    audit: AuditLog;
    /** The domain-event outbox: every transition publishes `licence.<past tense>`. */
    events?: EventPublisher | null;
    clock?: () => Date;
  }) {
    this.repository = deps.repository;
    this.recruiters = deps.recruiters;
    this.audit = deps.audit;
    this.events = deps.events ?? null;
    this.clock = deps.clock ?? (() => new Date());
  }

  private get deps() {
    return { repository: this.repository, audit: this.audit, events: this.events };
  }

  /** Licences the caller may see: the officer's jurisdiction, or the agency's own. */
  async list(
    ctx: ActorContext,
    filter: { state?: LicenceState | undefined } = {},
  ): Promise<LicenceRecord[]> {
    const scope = scopeFilter(ctx.principal, 'licence.decide');
    const today = isoDate(this.clock());
    const licences = await this.repository.listLicences({
      countryCodes: scope?.all ? 'all' : (scope?.countryCodes ?? []),
      organisationIds: agenciesOf(ctx.principal),
      today,
      ...(filter.state ? { state: filter.state } : {}),
    });
    return licences.map((licence) => licenceAsOf(licence, today));
  }

  async get(
    ctx: ActorContext,
    id: string,
  ): Promise<{ licence: LicenceRecord; history: HistoryRecord[] }> {
    const licence = await this.repository.getLicence(id);
    if (!licence || !canViewLicence(ctx.principal, licence)) throw new NotFoundError();
    return {
      licence: licenceAsOf(licence, isoDate(this.clock())),
      history: await this.repository.history([licence.id]),
    };
  }

  /** The agency applies for a licence; one pending or valid licence at a time. */
  async apply(ctx: ActorContext, organisationId: string): Promise<LicenceRecord> {
    if (!actsForAgency(ctx.principal, organisationId)) throw new NotFoundError();
    if (!canApplyForLicence(ctx.principal, organisationId)) throw new ForbiddenError();
    if (await this.repository.openLicenceOf(organisationId)) {
      throw new ValidationError([{ pointer: '/event', detail: 'licensing.errors.alreadyApplied' }]);
    }
    return transition(this.deps, {
      organisationId,
      command: { event: 'apply' },
      actor: auditActorOf(ctx.principal),
      principal: ctx.principal,
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
      now: this.clock(),
    });
  }

  /** An origin officer of the agency's country grants, refuses, renews, suspends, reinstates or revokes. */
  async decide(
    ctx: ActorContext,
    licenceId: string,
    command: LicenceCommand & { event: OfficerEvent },
  ): Promise<LicenceRecord> {
    const licence = await this.repository.getLicence(licenceId);
    if (!licence || !canViewLicence(ctx.principal, licence)) throw new NotFoundError();
    if (!canDecideLicence(ctx.principal, licence)) throw new NotFoundError();
    return transition(this.deps, {
      licenceId,
      command,
      actor: auditActorOf(ctx.principal),
      principal: ctx.principal,
      authorityId: issuingAuthorityFor(ctx.principal, licence.countryCode),
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
      now: this.clock(),
    });
  }

  /**
   * Expires every licence past its last day, one audited transition each, as the system. Run by
   * the `licences.expire` job (licensing.jobs.ts), never by a read: reads show a licence past
   * its last day as expired without writing (licence.as-of.ts).
   */
  async expireDue(now: Date = this.clock()): Promise<number> {
    const due = await this.repository.dueForExpiry(isoDate(now));
    let expired = 0;
    for (const licenceId of due) {
      try {
        await transition(this.deps, {
          licenceId,
          command: { event: 'expire' },
          actor: SYSTEM_ACTOR,
          now,
        });
        expired += 1;
      } catch (error) {
        // Another request expired (or renewed) it first: nothing left to do for this one.
        if (!(error instanceof ValidationError)) throw error;
      }
    }
    return expired;
  }

  // The public register ("Check a recruiter"): organisation data only, no personal data.

  async searchRecruiters(query: string): Promise<(RecruiterRecord & { status: PublicStatus })[]> {
    const q = query.trim();
    if (q.length === 0) return [];
    const found = await this.recruiters.searchRecruiters(q, 50);
    return found.map((recruiter) => this.recruiterAsOfToday(recruiter));
  }

  /** The recruiter with its licence as it stands today, and the public status that follows. */
  private recruiterAsOfToday(
    recruiter: RecruiterRecord,
  ): RecruiterRecord & { status: PublicStatus } {
    const licence = recruiter.licence && licenceAsOf(recruiter.licence, isoDate(this.clock()));
    return { ...recruiter, licence, status: publicStatus(licence) };
  }

  async recruiter(id: string): Promise<RecruiterDetail> {
    const found = await this.recruiters.findRecruiter(id);
    if (!found) throw new NotFoundError();
    const recruiter = this.recruiterAsOfToday(found);
    const history = await this.repository.history(await this.repository.numberedLicenceIds(id));
    return {
      ...recruiter,
      history: history.filter((row) => PUBLIC_EVENTS.has(row.event)),
    };
  }

  // For other modules: "agency licensed on a day" has its one definition in agency-standing.ts.
  // A caller inside a transaction passes it (on PGlite the transaction holds the connection).

  /** Where the agency stands with its licence on `on` ('YYYY-MM-DD'). */
  async agencyStanding<DB>(
    organisationId: string,
    on: string,
    trx?: Kysely<DB>,
  ): Promise<AgencyStanding> {
    const standings = await this.agencyStandings([organisationId], on, trx);
    return standings.get(organisationId) ?? standingOf(organisationId, null, on);
  }

  /** The standing of many agencies at once: one query. */
  async agencyStandings<DB>(
    organisationIds: readonly string[],
    on: string,
    trx?: Kysely<DB>,
  ): Promise<Map<string, AgencyStanding>> {
    const latest = await this.repository.latestLicences(
      organisationIds,
      trx ? licensingView(trx) : undefined,
    );
    const byAgency = new Map(latest.map((licence) => [licence.organisationId, licence]));
    return new Map(organisationIds.map((id) => [id, standingOf(id, byAgency.get(id) ?? null, on)]));
  }

  /** Every agency licensed on `on`: one query, for the public search index's agency flags. */
  async licensedAgencies(on: string): Promise<Set<string>> {
    const latest = await this.repository.latestLicences('all');
    return new Set(
      latest
        .filter((licence) => standingOf(licence.organisationId, licence, on).licensed)
        .map((licence) => licence.organisationId),
    );
  }

  /** For the agency's own page: its licences, newest first, with their history. */
  async ofAgency(ctx: ActorContext, organisationId: string) {
    if (!actsForAgency(ctx.principal, organisationId)) throw new NotFoundError();
    const today = isoDate(this.clock());
    const licences = (await this.repository.licencesOf(organisationId)).map((licence) =>
      licenceAsOf(licence, today),
    );
    return {
      licences,
      open: licences.find((l) => ['applied', 'active', 'suspended'].includes(l.state)) ?? null,
    };
  }
}
