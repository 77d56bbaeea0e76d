import { NotFoundError } from '../../../platform/http/problem.js';
import { languageOf } from '../../reference/reference.service.js';
import { isoDate } from '../vacancy.states.js';
import { monthlyUsd } from './search-bands.js';
import { SearchIndex, type IndexStats, type IndexedVacancy } from './search-index.js';
import type { IndexRow, VacancySearchRepository } from './search-index.repository.js';
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
/** An event id not seen yet may belong to a transaction still open: look for it this long. */
const GAP_PATIENCE_MS = 5 * 60_000;

/** Identity values can commit out of order: ids skipped by a cursor are watched for a while. */
class Cursor {
  value = 0;
  private readonly gaps = new Map<number, number>();

  get pending(): number[] {
    return [...this.gaps.keys()];
  }

  /** Records the ids just read; returns whether any were new. */
  advance(ids: readonly number[], now: number): boolean {
    for (const [id, since] of this.gaps) if (now - since > GAP_PATIENCE_MS) this.gaps.delete(id);
    let changed = false;
    for (const id of ids) {
      changed = true;
      this.gaps.delete(id);
      if (id > this.value) {
        for (let missing = this.value + 1; missing < id && this.gaps.size < 1000; missing += 1) {
          this.gaps.set(missing, now);
        }
        this.value = id;
      }
    }
    return changed;
  }
}

/**
 * Public vacancy search (docs/adr/0008): an in-memory index of the publicly visible vacancies,
 * kept exactly in step with the database. Before every search, one query reads the change
 * cursors (the last vacancy_event and licence_event ids); what changed is read and applied
 * before the search runs, so a licence suspended in any process hides the agency's vacancies
 * from the next search in every process.
 */
export class VacancySearchService {
  private readonly repository: VacancySearchRepository;
  private readonly clock: () => Date;
  private index: SearchIndex | null = null;
  private replacement: { index: SearchIndex; vacancies: Cursor; licences: Cursor } | null = null;
  private rebuilding = false;
  private vacancies = new Cursor();
  private licences = new Cursor();
  private day = '';
  private rates = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private buildMs = 0;
  private builtAt: Date | null = null;

  constructor(deps: { repository: VacancySearchRepository; clock?: () => Date }) {
    this.repository = deps.repository;
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
    const rows = await this.repository.hits(result.numbers, languageOf(language));
    const hits: VacancyHit[] = rows.map(({ positionsFilled, ...row }) => ({
      ...row,
      positionsOpen: Math.max(0, row.positions - positionsFilled),
    }));
    return {
      total: result.total,
      corrections: result.corrections,
      page: query.page,
      pageSize,
      pageCount: Math.min(Math.ceil(result.total / pageSize), MAX_PAGE),
      hits,
      facets: result.facets,
    };
  }

  /**
   * The public page of one vacancy. Never public (a draft, a rejected job order, an unknown
   * number): not found. Public once but not now: "no longer open", with the reason.
   */
  async vacancy(number: number, language: string): Promise<PublicVacancyOutcome> {
    if (!Number.isSafeInteger(number) || number < 1) throw new NotFoundError();
    const today = isoDate(this.clock());
    const record = await this.repository.publicVacancy(number, languageOf(language), today);
    if (!record || !record.wasPublished) throw new NotFoundError();
    const vacancy: PublicVacancy = {
      ...record,
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

  isPubliclyVisible(number: number): Promise<boolean> {
    return this.repository.isPubliclyVisible(number, isoDate(this.clock()));
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
      ({
        index: this.index,
        vacancies: this.vacancies,
        licences: this.licences,
      } = this.replacement);
      this.replacement = null;
      this.day = '';
    }
    if (!this.index) {
      const built = await this.build();
      ({ index: this.index, vacancies: this.vacancies, licences: this.licences } = built);
      this.day = isoDate(this.clock());
    }
    const index = this.index;
    const cursors = await this.repository.cursors();
    const now = this.clock();
    const today = isoDate(now);

    const licenceIds =
      cursors.licenceEvent !== this.licences.value || this.licences.pending.length > 0
        ? await this.repository.licenceEventIdsSince(this.licences.value, this.licences.pending)
        : [];
    if (this.licences.advance(licenceIds, now.getTime()) || today !== this.day) {
      index.setActiveAgencies(await this.repository.activeAgencies(today));
      this.day = today;
    }

    if (cursors.vacancyEvent !== this.vacancies.value || this.vacancies.pending.length > 0) {
      const events = await this.repository.vacancyEventsSince(
        this.vacancies.value,
        this.vacancies.pending,
      );
      if (
        this.vacancies.advance(
          events.map((event) => event.id),
          now.getTime(),
        )
      ) {
        await this.apply(index, [...new Set(events.map((event) => event.number))], today);
      }
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

  /** A fresh index and the cursors it is complete up to. */
  private async build(): Promise<{ index: SearchIndex; vacancies: Cursor; licences: Cursor }> {
    const started = performance.now();
    // Cursors first: whatever changes while the rows are read is applied again afterwards.
    const cursors = await this.repository.cursors();
    const today = isoDate(this.clock());
    const labels = await this.repository.occupationLabels();
    const rates = await this.repository.exchangeRates();
    const agencies = await this.repository.activeAgencies(today);
    this.rates = rates;
    const index = new SearchIndex(labels);
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
    const vacancies = new Cursor();
    vacancies.value = cursors.vacancyEvent;
    const licences = new Cursor();
    licences.value = cursors.licenceEvent;
    this.buildMs = Math.round(performance.now() - started);
    this.builtAt = new Date();
    return { index, vacancies, licences };
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

function closedReason(vacancy: PublicVacancyRecord, today: string): ClosedReason {
  if (vacancy.state === 'filled') return 'filled';
  if (vacancy.state === 'closed') return 'closed';
  if (vacancy.state === 'published' && vacancy.agencyLicensedToday === false) {
    return vacancy.applicationDeadline >= today ? 'licence' : 'expired';
  }
  return 'expired';
}
