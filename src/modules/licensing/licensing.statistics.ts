import type { DecisionStatRecord, StatisticsSource } from '../statistics/statistics.types.js';
import type {
  DecisionRows,
  DecisionSelection,
  DecisionStatisticsRepository,
} from './licensing.statistics.repository.js';

/**
 * The licensing decisions as the statistics module reads them (statistics.types.ts,
 * DecisionStatRecord): every licence (kind 'licence', its history from licence_event: apply,
 * grant, refuse, renew, suspend, reinstate, revoke, expire) and every employer vetting (kind
 * 'employer_vetting', from employer_vetting_event: submit, vet, reject), each step with when it
 * happened and the organisation of the person who took it. No names, no reasons.
 *
 * One source for both kinds, in ONE order: by id across both tables (licences and vettings
 * interleaved; their ids are UUIDs, so this is a stable total order). `page(after, limit)` gives
 * the first `limit` of either kind with an id greater than `after`. The domain events that tell
 * of a change are `licence.*` (subject: the licence id) and `employer.*` (the vetting lifecycle
 * is named 'employer': employer.submitted / vetted / rejected; subject type 'employer_vetting',
 * subject: the vetting id).
 *
 * Four queries (licensing.statistics.repository.ts) per batch of 1,000 ids or per page.
 */

/** At most this many ids in one query (the contract's batches are of 1,000). */
export const DECISION_STATISTICS_ID_BATCH = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class DecisionStatisticsSource implements StatisticsSource<DecisionStatRecord> {
  constructor(private readonly repository: DecisionStatisticsRepository) {}

  /** These licences and vettings (unknown or malformed ids are absent), in id order. */
  async byIds(ids: readonly string[]): Promise<DecisionStatRecord[]> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const records: DecisionStatRecord[] = [];
    for (let start = 0; start < wanted.length; start += DECISION_STATISTICS_ID_BATCH) {
      const batch = wanted.slice(start, start + DECISION_STATISTICS_ID_BATCH);
      records.push(...(await this.read({ ids: batch })));
    }
    return records.sort(byId);
  }

  /** Licences and vettings with an id greater than `after` (null: from the first), by id. */
  async page(after: string | null, limit: number): Promise<DecisionStatRecord[]> {
    if (after !== null && !UUID.test(after)) throw new RangeError(`Not a record id: ${after}`);
    if (!Number.isInteger(limit) || limit <= 0) return [];
    return this.read({ after, limit });
  }

  private async read(selection: DecisionSelection): Promise<DecisionStatRecord[]> {
    return assembleDecisions(await this.repository.rows(selection));
  }
}

/** The records from the rows, each with its events in order. */
export function assembleDecisions({ subjects, events }: DecisionRows): DecisionStatRecord[] {
  const records = new Map<string, DecisionStatRecord>(
    subjects.map(({ id, kind }) => [id, { id, kind, history: [] }]),
  );
  for (const event of events) {
    records.get(event.subjectId)?.history.push({
      event: event.event,
      at: event.occurredAt,
      actorOrganisationId: event.actorOrganisationId,
    });
  }
  return [...records.values()];
}
