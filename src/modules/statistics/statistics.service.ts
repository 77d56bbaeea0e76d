import type { Kysely } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import { DurableConsumer } from '../../platform/events/consumers.js';
import { BEGINNING, type PublishedEvent } from '../../platform/events/domain-event.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { AggregatesRepository, RecordFact } from './aggregates.repository.js';
import type { DisclosureControl } from './disclosure/disclosure-control.js';
import type { CellKeySecret } from './disclosure/record-key.js';
import { FACTS_BY_SOURCE, type Fact } from './facts.js';
import { publishTable } from './publish.js';
import type { FactSource, StatisticsTables } from './statistics.tables.js';
import type {
  PublishedTable,
  StatisticsReader,
  StatisticsSource,
  StatisticsSources,
  StatisticsViewer,
  TableDefinition,
  TableId,
  TableQuery,
} from './statistics.types.js';
import { TABLE_SPECS, definitionOf } from './table-definitions.js';

export const STATISTICS_CONSUMER = 'statistics.aggregates';
const BATCH = 500;
const PAGE = 2000;

export interface StatisticsServiceOptions {
  repository: AggregatesRepository;
  /** The owning modules' sources (read when needed: they are built before this module). */
  sources: () => StatisticsSources;
  secret: CellKeySecret;
  control: DisclosureControl;
  events: Outbox;
  audit: AuditLog;
  /** For the audit rows of restricted reads (audit_event is the platform's table). */
  auditDb: Kysely<unknown>;
  now?: () => Date;
}

/** Which source an event's subject belongs to, by the subject's type. */
export function sourceOfEvent(event: Pick<PublishedEvent, 'subjectType'>): FactSource | null {
  switch (event.subjectType) {
    case 'vacancy':
      return 'vacancy';
    case 'job_seeker':
      return 'job_seeker';
    case 'application':
      return 'application';
    case 'licence':
    case 'employer_vetting':
      return 'decision';
    default:
      return null;
  }
}

const SOURCE_KEYS: Record<FactSource, keyof StatisticsSources> = {
  vacancy: 'vacancies',
  job_seeker: 'jobSeekers',
  application: 'applications',
  decision: 'decisions',
};

/** The facts read for a batch of events, before its transaction (PGlite has one connection). */
type Prepared = Map<FactSource, Map<string, Fact[]>>;

class FactsMissing extends Error {}

/**
 * The statistics (docs/statistics.md): aggregates kept up to date from the domain events, and
 * published tables read from them with disclosure control. A durable consumer (ADR 10) reads the
 * events of job orders, job seekers, applications, licences and vettings; for each subject it
 * asks the owning module for the record as it is now and replaces that record's facts, moving
 * the cells by the difference in the same transaction. The first start rebuilds everything
 * from the sources.
 */
export class StatisticsService implements StatisticsReader {
  private readonly consumer: DurableConsumer<StatisticsTables>;
  private prepared: Prepared | null = null;
  private running: Promise<number> | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: StatisticsServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.consumer = new DurableConsumer<StatisticsTables>(
      options.events,
      STATISTICS_CONSUMER,
      (trx, events) => this.handle(trx, events),
      { start: 'beginning', batchSize: BATCH },
    );
  }

  definitions(): readonly TableDefinition[] {
    return Object.values(TABLE_SPECS).map(definitionOf);
  }

  /**
   * A published table: perturbed for the public, exact within the reader's scope for a
   * restricted reader (whose read is audited). The aggregates take in the events committed
   * before the question first.
   */
  async table(id: TableId, query: TableQuery, viewer: StatisticsViewer): Promise<PublishedTable> {
    await this.refresh();
    const { refreshedAt } = await this.options.repository.state();
    const table = await publishTable(TABLE_SPECS[id], query, viewer, {
      repository: this.options.repository,
      control: this.options.control,
      asOf: refreshedAt ?? this.now(),
    });
    if (viewer.audience === 'restricted') {
      await this.options.audit.record(this.options.auditDb, {
        action: 'statistics.restricted_read',
        actor: {
          userId: viewer.userId,
          role: viewer.role ?? null,
          organisationId: viewer.organisationId ?? null,
          apiKeyId: viewer.apiKeyId ?? null,
          permission: 'statistics.read',
        },
        subjectType: 'statistics_table',
        subjectIds: [id],
        purpose: JSON.stringify({ by: table.query.by, ...table.query.filters }).slice(0, 500),
      });
    }
    return table;
  }

  /**
   * Brings the aggregates up to date: a full rebuild the first time, then the events not yet
   * taken in. One run at a time in a process; another process finds the consumer's row taken.
   */
  async refresh(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    const { rebuiltAt } = await this.options.repository.state();
    if (!rebuiltAt) return this.rebuild();
    let total = 0;
    for (let round = 0; round < 10_000; round += 1) {
      this.prepared = await this.prepare();
      let handled: number;
      try {
        handled = await this.consumer.runOnce();
      } catch (error) {
        if (error instanceof FactsMissing) continue;
        throw error;
      } finally {
        this.prepared = null;
      }
      total += handled;
      if (handled === 0) return total;
    }
    return total;
  }

  /**
   * Recomputes every fact from every source (the first start, or `corridor statistics
   * rebuild`): reads the sources page by page, then replaces facts and cells and moves the
   * consumer to the position read before the first page in one transaction (events after it
   * are taken in again: harmless, a record's facts are replaced, not added).
   */
  async rebuild(force = false): Promise<number> {
    const head = await this.options.events.head();
    const all: { source: FactSource; facts: RecordFact[] }[] = [];
    let records = 0;
    for (const source of Object.keys(SOURCE_KEYS) as FactSource[]) {
      const reader = this.source(source);
      const facts: RecordFact[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await reader.page(after, PAGE);
        for (const record of page) {
          records += 1;
          for (const fact of this.factsOf(source, record))
            facts.push({ ...fact, recordId: record.id });
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.id;
      }
      all.push({ source, facts });
    }
    const { repository } = this.options;
    await this.options.events.repository.ensureConsumer(STATISTICS_CONSUMER, head);
    await repository.transaction(async (trx) => {
      // Another process may have rebuilt meanwhile: then its facts stand.
      const { rebuiltAt } = await repository.lockState(trx);
      if (rebuiltAt && !force) return;
      await repository.clear(trx);
      for (const { source, facts } of all) await repository.replaceFacts(trx, source, [], facts);
      await repository.markRebuilt(trx, this.now());
      await this.options.events.repository.moveConsumer(trx as never, STATISTICS_CONSUMER, head);
    });
    return records;
  }

  private source(source: FactSource): StatisticsSource<{ id: string }> {
    return this.options.sources()[SOURCE_KEYS[source]];
  }

  private factsOf(source: FactSource, record: { id: string }): Fact[] {
    const facts = FACTS_BY_SOURCE[source] as (secret: CellKeySecret, r: unknown) => Fact[];
    return facts(this.options.secret, record);
  }

  /** Reads the records behind the next batch of events and computes their facts. */
  private async prepare(): Promise<Prepared> {
    const from = (await this.consumer.position()) ?? BEGINNING;
    const batch = await this.options.events.read(from, { limit: BATCH });
    return this.factsFor(batch.settled, new Map());
  }

  private async factsFor(events: readonly PublishedEvent[], into: Prepared): Promise<Prepared> {
    const wanted = new Map<FactSource, Set<string>>();
    for (const event of events) {
      const source = sourceOfEvent(event);
      if (!source || into.get(source)?.has(event.subjectId)) continue;
      let ids = wanted.get(source);
      if (!ids) wanted.set(source, (ids = new Set()));
      ids.add(event.subjectId);
    }
    for (const [source, ids] of wanted) {
      let facts = into.get(source);
      if (!facts) into.set(source, (facts = new Map<string, Fact[]>()));
      for (const id of ids) facts.set(id, []);
      const records = await this.source(source).byIds([...ids]);
      for (const record of records) facts.set(record.id, this.factsOf(source, record));
    }
    return into;
  }

  /** In the consumer's transaction: replaces the facts of every subject of the batch. */
  private async handle(
    trx: Parameters<AggregatesRepository['replaceFacts']>[0],
    events: readonly PublishedEvent[],
  ): Promise<void> {
    const prepared = this.prepared;
    if (!prepared) throw new FactsMissing();
    const subjects = new Map<FactSource, Set<string>>();
    for (const event of events) {
      const source = sourceOfEvent(event);
      if (!source) continue;
      if (!prepared.get(source)?.has(event.subjectId)) throw new FactsMissing();
      let ids = subjects.get(source);
      if (!ids) subjects.set(source, (ids = new Set()));
      ids.add(event.subjectId);
    }
    for (const [source, ids] of subjects) {
      const facts: RecordFact[] = [];
      for (const id of ids) {
        for (const fact of prepared.get(source)!.get(id)!) facts.push({ ...fact, recordId: id });
      }
      await this.options.repository.replaceFacts(trx, source, [...ids], facts);
    }
    await this.options.repository.markRefreshed(trx, this.now());
  }
}
