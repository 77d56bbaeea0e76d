import { EventFollower } from '../../../platform/events/consumers.js';
import type { PublishedEvent } from '../../../platform/events/domain-event.js';
import type { Outbox } from '../../../platform/events/outbox.js';
import { NotFoundError } from '../../../platform/http/problem.js';
import { languageOf } from '../../reference/reference.service.js';
import { isoDate } from '../vacancy.states.js';
import { monthlyUsd } from './search-bands.js';
import { SearchIndex, type IndexStats, type IndexedVacancy } from './search-index.js';
import { NO_CODING, OccupationNamer, type OccupationCoding } from './search-occupations.js';
import type { HitRow, IndexRow, VacancySearchRepository } from './search-index.repository.js';
import { MATCHING_ID_CHUNK, type MatchingFeedRepository } from './matching-feed.repository.js';
import type { VacancyRecord } from '../../matching/matching.types.js';
import type { PublicVacancyRecord } from './public-vacancy.repository.js';
import {
  MAX_PAGE,
  PAGE_SIZE,
  type VacancyHit,
  type VacancySearchQuery,
  type VacancySearchResult,
} from './search.types.js';

/** Why a vacancy that was public is not any more. */
export type ClosedReason = 'closed' | 'filled' | 'expired' | 'licence';

/** The record, with its wage a month in US dollars (null without a rate). */
export type PublicVacancy = PublicVacancyRecord & { monthlyUsd: number | null };

export type PublicVacancyOutcome =
  | { open: true; vacancy: PublicVacancy }
  | { open: false; reason: ClosedReason; vacancy: PublicVacancy };

export interface SearchStats extends IndexStats {
  /** How long the last full build took, in milliseconds. */
  buildMs: number;
  builtAt: Date | null;
}

const BATCH = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the index needs of licensing: the one definition of "agency licensed on a day". */
export interface AgencyStandings {
  licensedAgencies(on: string): Promise<ReadonlySet<string>>;
  agencyStanding(organisationId: string, on: string): Promise<{ licensed: boolean }>;
}

/** What the index needs of the reference module: its occupation coder (ReferenceService). */
export interface OccupationCoder {
  occupationCoding(): Promise<OccupationCoding>;
}

/** What the index needs of the organisations module: public names. */
export interface OrganisationNames {
  names(ids: readonly string[]): Promise<Map<string, string>>;
}

export interface VacancySearchDeps {
  repository: VacancySearchRepository;
  /** The SQL the matching index reads (matching-feed.repository.ts). */
  feed: MatchingFeedRepository;
  /** The outbox: `vacancy.*` and `licence.*` events keep the index in step (docs/adr/0010). */
  events: Pick<Outbox, 'read' | 'head'>;
  licensing: AgencyStandings;
  organisations: OrganisationNames;
  /** The cross-language step (search-occupations.ts); without it, words only. */
  occupations?: OccupationCoder;
  clock?: () => Date;
}

/**
 * Public vacancy search (docs/adr/0008): an in-memory index of the publicly visible vacancies,
 * kept exactly in step with the database. Before every search, one query reads the domain events
 * committed since the last one (docs/adr/0010); the vacancies they name are read again and
 * applied, and a licence event reloads the licensed agencies, before the search runs, so a
 * licence suspended in any process hides the agency's vacancies from the next search in every
 * process.
 */
export class VacancySearchService {
  private readonly repository: VacancySearchRepository;
  private readonly feed: MatchingFeedRepository;
  private readonly events: Pick<Outbox, 'read' | 'head'>;
  private readonly licensing: AgencyStandings;
  private readonly organisations: OrganisationNames;
  private readonly occupations: OccupationCoder | null;
  private readonly clock: () => Date;
  private index: SearchIndex | null = null;
  private follower: EventFollower | null = null;
  private replacement: { index: SearchIndex; follower: EventFollower } | null = null;
  private rebuilding = false;
  private day = '';
  private rates = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private buildMs = 0;
  private builtAt: Date | null = null;
  /**
   * Organisation names already asked for: a page of hits then costs no query for them. An
   * `organisation.updated` event (applied before every search) forgets the organisation's.
   */
  private readonly names = new Map<string, string>();

  constructor(deps: VacancySearchDeps) {
    this.repository = deps.repository;
    this.feed = deps.feed;
    this.events = deps.events;
    this.licensing = deps.licensing;
    this.organisations = deps.organisations;
    this.occupations = deps.occupations ?? null;
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Builds the index now rather than on the first search (at start, or for a benchmark). */
  async warm(): Promise<void> {
    await this.sync();
  }

  /** One page of results (20 a page unless `pageSize` is given, e.g. the feed's 50). */
  async search(
    query: VacancySearchQuery,
    language: string,
    options: { pageSize?: number } = {},
  ): Promise<VacancySearchResult> {
    const pageSize = options.pageSize ?? PAGE_SIZE;
    await this.sync();
    const index = this.index!;
    const result = index.search(query, this.clock(), pageSize);
    const hits = await this.toHits(
      await this.repository.hits(result.numbers, languageOf(language)),
    );
    return {
      total: result.total,
      corrections: result.corrections,
      occupations: result.occupations,
      page: query.page,
      pageSize,
      pageCount: Math.min(Math.ceil(result.total / pageSize), MAX_PAGE),
      hits,
      facets: result.facets,
    };
  }

  /**
   * For the matching index (internal: no actor): the vacancies in state 'published' whose
   * application deadline is today or later, numbered after `afterNumber`, in number order, at
   * most `limit`. The agency licence is not checked: the index asks licensing, as search does.
   */
  async matchingVacancies(page: { afterNumber: number; limit: number }): Promise<VacancyRecord[]> {
    const limit = Math.max(0, Math.min(Math.floor(page.limit), 50_000));
    if (limit === 0) return [];
    const after = Number.isFinite(page.afterNumber) ? Math.max(0, Math.floor(page.afterNumber)) : 0;
    return this.feed.page(isoDate(this.clock()), after, limit);
  }

  /** The same rule for these vacancies (by id): one no longer published or open is absent. */
  async matchingVacanciesOf(ids: readonly string[]): Promise<VacancyRecord[]> {
    const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
    const today = isoDate(this.clock());
    const records: VacancyRecord[] = [];
    // Small chunks: each query then reads the indexes (matching-feed.repository.ts).
    for (let start = 0; start < wanted.length; start += MATCHING_ID_CHUNK) {
      const chunk = wanted.slice(start, start + MATCHING_ID_CHUNK);
      records.push(...(await this.feed.ofIds(today, chunk)));
    }
    return records;
  }

  /**
   * The search's own result cards for these vacancy numbers, in the given order, titles in the
   * reader's language when translated: only those publicly visible now (published, in date,
   * and the agency, if any, licensed today). The matching pages show recommended vacancies so.
   */
  async cards(numbers: readonly number[], language: string): Promise<VacancyHit[]> {
    const wanted = [...new Set(numbers)].filter((n) => Number.isSafeInteger(n) && n > 0);
    if (wanted.length === 0) return [];
    const today = isoDate(this.clock());
    const listed = await this.feed.listed(today, wanted);
    const agencies = [...new Set([...listed.values()].flatMap((v) => v.agencyId ?? []))];
    const licensed = new Set<string>();
    for (const agencyId of agencies) {
      if ((await this.licensing.agencyStanding(agencyId, today)).licensed) licensed.add(agencyId);
    }
    const visible = wanted.filter((number) => {
      const listing = listed.get(number);
      return listing !== undefined && (listing.agencyId === null || licensed.has(listing.agencyId));
    });
    return this.toHits(await this.repository.hits(visible, languageOf(language)));
  }

  /** Rows of hits with their organisations' names and the positions still open. */
  private async toHits(rows: HitRow[]): Promise<VacancyHit[]> {
    const names = await this.namesOf(
      rows.flatMap((row) => (row.agencyId ? [row.employerId, row.agencyId] : [row.employerId])),
    );
    return rows.map(({ positionsFilled, employerId, agencyId, ...row }) => ({
      ...row,
      employerName: names.get(employerId) ?? '',
      agencyName: agencyId ? (names.get(agencyId) ?? null) : null,
      positionsOpen: Math.max(0, row.positions - positionsFilled),
    }));
  }

  /**
   * The public page of one vacancy. Never public (a draft, a rejected job order, an unknown
   * number): not found. Public once but not now: "no longer open", with the reason.
   */
  async vacancy(number: number, language: string): Promise<PublicVacancyOutcome> {
    if (!Number.isSafeInteger(number) || number < 1) throw new NotFoundError();
    const today = isoDate(this.clock());
    const row = await this.repository.publicVacancy(number, languageOf(language), today);
    if (!row || !row.wasPublished) throw new NotFoundError();
    const { listed, ...record } = row;
    const { employerId } = record;
    const [names, standing] = await Promise.all([
      // Not from the cache: this page does not wait for a sync, so it asks for them now.
      this.organisations.names(record.agencyId ? [employerId, record.agencyId] : [employerId]),
      record.agencyId ? this.licensing.agencyStanding(record.agencyId, today) : null,
    ]);
    const vacancy: PublicVacancy = {
      ...record,
      visible: listed && (standing?.licensed ?? true),
      agencyLicensedToday: standing?.licensed ?? null,
      employerName: names.get(employerId) ?? '',
      agencyName: record.agencyId ? (names.get(record.agencyId) ?? null) : null,
      monthlyUsd: monthlyUsd(
        {
          amount: Number(record.wageAmount),
          currency: record.wageCurrency,
          period: record.wagePeriod,
          hoursPerWeek: Number(record.hoursPerWeek),
        },
        await this.repository.exchangeRates(),
      ),
    };
    if (vacancy.visible) return { open: true, vacancy };
    return { open: false, reason: closedReason(vacancy, today), vacancy };
  }

  /** Public now: listed, and its agency (if any) licensed today. */
  async isPubliclyVisible(number: number): Promise<boolean> {
    const today = isoDate(this.clock());
    const listing = await this.repository.listing(number, today);
    if (!listing?.listed) return false;
    if (!listing.agencyId) return true;
    return (await this.licensing.agencyStanding(listing.agencyId, today)).licensed;
  }

  stats(): SearchStats {
    const stats = this.index?.stats() ?? {
      vacancies: 0,
      ordinals: 0,
      tombstones: 0,
      terms: 0,
      postings: 0,
      bytes: 0,
    };
    return { ...stats, buildMs: this.buildMs, builtAt: this.builtAt };
  }

  /**
   * Brings the index up to date. Calls coalesce: a caller joins a sync that has not started yet
   * (it will see every change committed before the caller arrived), else queues one behind the
   * running sync. The first sync builds the index, so concurrent first searches share one build.
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
    if (this.replacement) {
      ({ index: this.index, follower: this.follower } = this.replacement);
      this.replacement = null;
      this.day = '';
    }
    if (!this.index || !this.follower) {
      ({ index: this.index, follower: this.follower } = await this.build());
      this.day = isoDate(this.clock());
    }
    const index = this.index;
    const events = await this.follower.next();
    const today = isoDate(this.clock());
    const { agencies, vacancyIds, organisationIds } = changesIn(events);
    for (const id of organisationIds) this.names.delete(id);
    if (agencies || today !== this.day) {
      index.setActiveAgencies(await this.licensing.licensedAgencies(today));
      this.day = today;
    }
    if (vacancyIds.length > 0) {
      await this.apply(index, await this.repository.numbersOf(vacancyIds), today);
    }
    this.rebuildIfWorn(index);
  }

  private async apply(index: SearchIndex, numbers: number[], today: string): Promise<void> {
    this.rates = await this.repository.exchangeRates();
    for (let start = 0; start < numbers.length; start += BATCH) {
      const slice = numbers.slice(start, start + BATCH);
      const rows = await this.repository.indexRows(slice, today);
      const present = new Set<number>();
      for (const row of rows) {
        index.upsert(this.toIndexed(row));
        present.add(row.number);
      }
      for (const number of slice) if (!present.has(number)) index.remove(number);
    }
  }

  /** A fresh index and the follower of the events it does not hold yet. */
  private async build(): Promise<{ index: SearchIndex; follower: EventFollower }> {
    const started = performance.now();
    // The outbox position first: whatever commits while the rows are read is applied again
    // afterwards (applying an event twice gives the same index).
    const follower = new EventFollower(this.events, await this.events.head());
    const today = isoDate(this.clock());
    const coding = this.occupations ? await this.occupations.occupationCoding() : NO_CODING;
    const rates = await this.repository.exchangeRates();
    const agencies = await this.licensing.licensedAgencies(today);
    this.rates = rates;
    const index = new SearchIndex(new OccupationNamer(coding));
    index.setActiveAgencies(agencies);
    const last = await this.repository.maxNumber();
    index.reserve(Math.min(last, 2_000_000));
    for (let after = 0; after < last; after += BATCH) {
      const rows = await this.repository.indexBatch({
        today,
        afterNumber: after,
        throughNumber: after + BATCH,
      });
      for (const row of rows) index.upsert(this.toIndexed(row));
    }
    index.finishBuild();
    this.buildMs = Math.round(performance.now() - started);
    this.builtAt = new Date();
    return { index, follower };
  }

  /** Names of these organisations, from the cache, the rest in one call to organisations. */
  private async namesOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const missing = [...new Set(ids.filter((id) => !this.names.has(id)))];
    if (missing.length > 0) {
      for (const [id, name] of await this.organisations.names(missing)) this.names.set(id, name);
    }
    return this.names;
  }

  /** Tombstones cost memory and pass time: past a third of the rows, build afresh beside it. */
  private rebuildIfWorn(index: SearchIndex): void {
    if (this.rebuilding || index.tombstones < Math.max(50_000, index.size / 3)) return;
    this.rebuilding = true;
    this.build()
      .then((built) => (this.replacement = built))
      .catch(() => undefined)
      .finally(() => (this.rebuilding = false));
  }

  private toIndexed(row: IndexRow): IndexedVacancy {
    return {
      number: row.number,
      destination: row.destinationCountry,
      iscoCode: row.iscoCode,
      occupationId: row.occupationId,
      agencyId: row.agencyId,
      contractMonths: row.contractMonths,
      monthlyUsd: monthlyUsd(
        {
          amount: Number(row.wageAmount),
          currency: row.wageCurrency,
          period: row.wagePeriod,
          hoursPerWeek: Number(row.hoursPerWeek),
        },
        this.rates,
      ),
      publishedAt: row.publishedAt,
      applicationDeadline: row.applicationDeadline,
      languages: row.languages,
      texts: row.texts,
    };
  }
}

/** What a batch of domain events changes for the index. */
export function changesIn(events: readonly PublishedEvent[]): {
  agencies: boolean;
  vacancyIds: string[];
  organisationIds: string[];
} {
  let agencies = false;
  const vacancyIds = new Set<string>();
  const organisationIds = new Set<string>();
  for (const event of events) {
    // Any change of a licence may change which agencies are licensed today.
    if (event.subjectType === 'licence') agencies = true;
    else if (event.subjectType === 'vacancy') vacancyIds.add(event.subjectId);
    else if (event.subjectType === 'organisation') organisationIds.add(event.subjectId);
  }
  return { agencies, vacancyIds: [...vacancyIds], organisationIds: [...organisationIds] };
}

function closedReason(vacancy: PublicVacancyRecord, today: string): ClosedReason {
  if (vacancy.state === 'filled') return 'filled';
  if (vacancy.state === 'closed') return 'closed';
  if (vacancy.state === 'published' && vacancy.agencyLicensedToday === false) {
    return vacancy.applicationDeadline >= today ? 'licence' : 'expired';
  }
  return 'expired';
}
