import type { Kysely } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import { EventFollower } from '../../platform/events/consumers.js';
import type { PublishedEvent } from '../../platform/events/domain-event.js';
import type { Outbox } from '../../platform/events/outbox.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { IndexChanges, IndexPort } from './index-port.js';
import type { CandidateQuery } from './match-index.js';
import type {
  CandidateFilters,
  CandidateMatch,
  ComparisonResult,
  IndexStats,
  OrganisationKind,
  Ranked,
  SeekerRecord,
  VacancyFilters,
  VacancyMatch,
  VacancyRecord,
} from './matching.types.js';

/** The ranked candidates of one vacancy, with the vacancy they were ranked for. */
export interface CandidatesPage extends Ranked<CandidateMatch> {
  vacancy: VacancyRecord;
}

/** "How you compare" for one vacancy. */
export interface ComparisonPage extends ComparisonResult {
  vacancy: VacancyRecord;
}

/** What the job-seekers module gives matching (JobSeekersService). */
export interface SeekerSource {
  matchingProfiles(page: { after: string | null; limit: number }): Promise<SeekerRecord[]>;
  matchingProfilesOf(userIds: readonly string[]): Promise<SeekerRecord[]>;
}

/** What the vacancies module gives matching (VacancySearchService). */
export interface VacancySource {
  matchingVacancies(page: { afterNumber: number; limit: number }): Promise<VacancyRecord[]>;
  matchingVacanciesOf(ids: readonly string[]): Promise<VacancyRecord[]>;
}

export interface MatchingServiceDeps {
  /** Where audit rows are written (any module's Kysely: the audit table is the platform's). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any module's Kysely (audit is the platform's)
  db: Kysely<any>;
  events: Pick<Outbox, 'read' | 'head'>;
  audit: AuditLog;
  seekers: SeekerSource;
  vacancies: VacancySource;
  /** The agencies licensed on a day (licensing): an unlicensed agency's vacancies take no part. */
  licensing: { licensedAgencies(on: string): Promise<Set<string>> };
  /** Starts the index (in a worker thread, or in this one). */
  port: (today: string) => IndexPort;
  clock?: () => Date;
}

/** Rows read from the database per page while the index is built. */
const PAGE = 5000;

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Matching (docs/matching.md): ranked consenting candidates for a vacancy, ranked open vacancies
 * for a job seeker, and "how you compare", answered from the in-memory index (match-index.ts)
 * in a worker thread. Before every answer, one query reads the domain events committed since
 * the last one (docs/adr/0010), and the profiles and vacancies they name are read again and
 * given to the index: a profile made private in any process is gone from the next answer of
 * every process.
 */
export class MatchingService {
  private readonly clock: () => Date;
  private port: IndexPort | null = null;
  private follower: EventFollower | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private day = '';
  private buildMs = 0;
  private builtAt: Date | null = null;
  private counts = { seekers: 0, vacancies: 0, bytes: 0 };

  constructor(private readonly deps: MatchingServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Builds the index now rather than at the first question (at start, or for a benchmark). */
  async warm(): Promise<void> {
    await this.sync();
  }

  /** Stops the worker (tests, shutdown). */
  async close(): Promise<void> {
    await this.chain;
    await this.port?.close();
    this.port = null;
    this.follower = null;
  }

  /**
   * The ranked candidates for a published vacancy of the caller's organisation (`matching.read`,
   * organisation scope: its employer or its agency; else "not found"). Only people whose profile
   * is visible in the vacancy's destination to the caller's kind of organisation. The listing
   * is audited (`matching.candidates_listed`, the people listed as subjects).
   */
  async candidates(
    ctx: ActorContext,
    vacancyNumber: number,
    filters: CandidateFilters,
  ): Promise<CandidatesPage> {
    const { vacancy, viewerKind } = await this.ownVacancy(ctx, vacancyNumber);
    const ranked = await this.port!.candidates(vacancy.id, { ...filters, viewerKind });
    if (ranked.results.length > 0) {
      await this.deps.audit.record(this.deps.db, {
        action: 'matching.candidates_listed',
        actor: auditActorOf(ctx.principal, {
          permission: 'matching.read',
          record: { organisationId: viewerOrganisation(vacancy, viewerKind) },
        }),
        subjectType: 'job_seeker',
        subjectIds: ranked.results.map((result) => result.userId),
        purpose: `vacancy:${vacancy.number}`,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
      });
    }
    return { ...ranked, vacancy };
  }

  /** The caller's recommended vacancies (`matching.read`, own), best first. */
  async recommended(ctx: ActorContext, filters: VacancyFilters): Promise<Ranked<VacancyMatch>> {
    const userId = this.self(ctx);
    await this.sync();
    return this.port!.vacancies(userId, filters);
  }

  /** How the caller compares for a published vacancy (`matching.read`, own). */
  async compare(ctx: ActorContext, vacancyNumber: number): Promise<ComparisonPage> {
    const userId = this.self(ctx);
    await this.sync();
    const vacancy = await this.vacancyOf(vacancyNumber);
    const result = await this.port!.compare(userId, vacancy.id);
    if (!result) throw new NotFoundError();
    return { ...result, vacancy };
  }

  /**
   * Whether `userId` is among the vacancy's consenting candidates for the caller's organisation
   * now (an invitation to apply may go only to them). Same scope as `candidates`.
   */
  async isCandidate(ctx: ActorContext, vacancyNumber: number, userId: string): Promise<boolean> {
    const { vacancy, viewerKind } = await this.ownVacancy(ctx, vacancyNumber);
    // The person's own standing: a ranking of everyone limited to them would cost as much.
    const ranked = await this.port!.candidates(vacancy.id, { viewerKind, limit: 0, only: userId });
    return ranked.total > 0;
  }

  /** Internal (benchmarks): candidates without an actor, for a viewer kind. */
  async rankCandidates(vacancyId: string, query: CandidateQuery): Promise<Ranked<CandidateMatch>> {
    await this.sync();
    return this.port!.candidates(vacancyId, query);
  }

  /** Internal (benchmarks): vacancies for a person without an actor. */
  async rankVacancies(userId: string, filters: VacancyFilters): Promise<Ranked<VacancyMatch>> {
    await this.sync();
    return this.port!.vacancies(userId, filters);
  }

  stats(): IndexStats {
    return {
      ...this.counts,
      buildMs: this.buildMs,
      builtAt: this.builtAt?.toISOString() ?? null,
    };
  }

  /** Index size and the worker's heap (benchmarks). */
  async memory(): Promise<{ bytes: number; heapBytes: number }> {
    await this.sync();
    const { bytes, heapBytes } = await this.port!.stats();
    return { bytes, heapBytes };
  }

  private self(ctx: ActorContext): string {
    const scope = scopeFilter(ctx.principal, 'matching.read');
    const userId = ctx.principal.userId;
    if (!scope || !userId || (!scope.all && !scope.userIds.includes(userId))) {
      throw new NotFoundError();
    }
    return userId;
  }

  private async vacancyOf(number: number): Promise<VacancyRecord> {
    if (!Number.isSafeInteger(number) || number < 1) throw new NotFoundError();
    const vacancy = await this.port!.vacancy(number);
    if (!vacancy) throw new NotFoundError();
    return vacancy;
  }

  /** The vacancy, if the caller works for its agency or employer; and as which kind. */
  private async ownVacancy(
    ctx: ActorContext,
    number: number,
  ): Promise<{ vacancy: VacancyRecord; viewerKind: OrganisationKind }> {
    const scope = scopeFilter(ctx.principal, 'matching.read');
    if (!scope) throw new NotFoundError();
    await this.sync();
    const vacancy = await this.vacancyOf(number);
    if (scope.all) {
      return { vacancy, viewerKind: vacancy.agencyId ? 'recruitment_agency' : 'employer' };
    }
    if (vacancy.agencyId && scope.organisationIds.includes(vacancy.agencyId)) {
      return { vacancy, viewerKind: 'recruitment_agency' };
    }
    if (scope.organisationIds.includes(vacancy.employerId)) {
      return { vacancy, viewerKind: 'employer' };
    }
    throw new NotFoundError();
  }

  /**
   * Brings the index up to date. Calls coalesce: a caller joins a sync that has not started yet
   * (it will see every change committed before the caller arrived), else queues one behind the
   * running sync. The first sync builds the index.
   */
  private sync(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = null;
      return this.syncOnce();
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async syncOnce(): Promise<void> {
    if (!this.port || !this.follower) await this.build();
    const port = this.port!;
    const events = await this.follower!.next();
    const today = isoDate(this.clock());
    const { seekerIds, vacancyIds, licences } = changesIn(events);
    const changes: IndexChanges = {};
    if (licences || today !== this.day) {
      changes.today = today;
      changes.licensedAgencies = [...(await this.deps.licensing.licensedAgencies(today))];
      this.day = today;
    }
    if (seekerIds.length > 0) {
      const found = await this.deps.seekers.matchingProfilesOf(seekerIds);
      const present = new Set(found.map((record) => record.userId));
      changes.seekers = found;
      changes.removeSeekers = seekerIds.filter((id) => !present.has(id));
    }
    if (vacancyIds.length > 0) {
      const found = await this.deps.vacancies.matchingVacanciesOf(vacancyIds);
      const present = new Set(found.map((record) => record.id));
      changes.vacancies = found;
      changes.removeVacancies = vacancyIds.filter((id) => !present.has(id));
    }
    if (Object.keys(changes).length > 0) {
      await port.apply(changes);
      await this.count(port);
    }
  }

  /** A fresh index from the database, and the follower of the events it does not hold yet. */
  private async build(): Promise<void> {
    const started = performance.now();
    // The outbox position first: whatever commits while the rows are read is applied again
    // afterwards (applying a change twice gives the same index).
    const follower = new EventFollower(this.deps.events, await this.deps.events.head());
    const today = isoDate(this.clock());
    const port = this.deps.port(today);
    try {
      await port.apply({
        today,
        licensedAgencies: [...(await this.deps.licensing.licensedAgencies(today))],
      });
      // Reading the next page while the worker takes the last one.
      let applying: Promise<void> = Promise.resolve();
      for (let after: string | null = null; ;) {
        const page = await this.deps.seekers.matchingProfiles({ after, limit: PAGE });
        await applying;
        if (page.length === 0) break;
        applying = port.apply({ seekers: page });
        after = page[page.length - 1]!.userId;
      }
      for (let afterNumber = 0; ;) {
        const page = await this.deps.vacancies.matchingVacancies({ afterNumber, limit: PAGE });
        await applying;
        if (page.length === 0) break;
        applying = port.apply({ vacancies: page });
        afterNumber = page[page.length - 1]!.number;
      }
      await applying;
      await this.count(port);
    } catch (error) {
      await port.close();
      throw error;
    }
    this.port = port;
    this.follower = follower;
    this.day = today;
    this.buildMs = Math.round(performance.now() - started);
    this.builtAt = new Date();
  }

  private async count(port: IndexPort): Promise<void> {
    const { seekers, vacancies, bytes } = await port.stats();
    this.counts = { seekers, vacancies, bytes };
  }
}

function viewerOrganisation(vacancy: VacancyRecord, kind: OrganisationKind): string {
  return kind === 'recruitment_agency' && vacancy.agencyId ? vacancy.agencyId : vacancy.employerId;
}

/** What a batch of domain events changes for the index. */
export function changesIn(events: readonly PublishedEvent[]): {
  seekerIds: string[];
  vacancyIds: string[];
  licences: boolean;
} {
  const seekers = new Set<string>();
  const vacancies = new Set<string>();
  let licences = false;
  for (const event of events) {
    if (event.subjectType === 'job_seeker') seekers.add(event.subjectId);
    else if (event.subjectType === 'vacancy') vacancies.add(event.subjectId);
    else if (event.subjectType === 'licence') licences = true;
  }
  return { seekerIds: [...seekers], vacancyIds: [...vacancies], licences };
}
