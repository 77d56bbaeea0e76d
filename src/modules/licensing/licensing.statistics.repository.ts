import { sql } from 'kysely';
import { amongChildren, amongIds, type IdSelection } from '../../platform/db/id-selection.js';
import type { LicensingDb } from './licence.tables.js';

/**
 * The SQL of the decisions' statistics source (licensing.statistics.ts): licence and vetting ids,
 * then the events of each, in four queries for a list of ids or a page by id.
 *
 * A page is the first `limit` licences and the first `limit` vettings after `after`, merged by
 * id and cut at `limit`; its events are read for the page's closed range of ids (every licence
 * and vetting between its first and last id is in it). A list's events are read for the same
 * list (one array parameter). Sequential scans are off in the read's own transaction, so that
 * the primary keys and the (subject, id) indexes are used even on a database never analysed
 * (PGlite).
 */

export type DecisionKind = 'licence' | 'employer_vetting';

export interface DecisionEventRow {
  subjectId: string;
  event: string;
  occurredAt: Date;
  actorOrganisationId: string | null;
}

export interface DecisionRows {
  /** Licences and vettings, by id. */
  subjects: { id: string; kind: DecisionKind }[];
  /** By subject, then in the order written (licence_event and employer_vetting_event). */
  events: DecisionEventRow[];
}

/** Which records: these ids (UUIDs), or the first `limit` after `after` (null: from the first). */
export type DecisionSelection = IdSelection;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export class DecisionStatisticsRepository {
  constructor(private readonly db: LicensingDb) {}

  async rows(selection: DecisionSelection): Promise<DecisionRows> {
    const empty: DecisionRows = { subjects: [], events: [] };
    if ('ids' in selection && selection.ids.length === 0) return empty;
    const selected = amongIds(selection);
    const { among, limit } = selected;

    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      let licences = trx
        .selectFrom('licence')
        .select('id')
        .where(among('licence.id'))
        .orderBy('id');
      let vettings = trx
        .selectFrom('employer_vetting')
        .select('id')
        .where(among('employer_vetting.id'))
        .orderBy('id');
      if (limit !== null) {
        licences = licences.limit(limit);
        vettings = vettings.limit(limit);
      }
      const [licenceRows, vettingRows] = await Promise.all([
        licences.execute(),
        vettings.execute(),
      ]);
      let subjects = [
        ...licenceRows.map(({ id }) => ({ id, kind: 'licence' as const })),
        ...vettingRows.map(({ id }) => ({ id, kind: 'employer_vetting' as const })),
      ].sort(byId);
      if (limit !== null) subjects = subjects.slice(0, limit);
      if (subjects.length === 0) return empty;

      const children = amongChildren(selected, subjects[0]!.id, subjects.at(-1)!.id);
      const kinds = new Set(subjects.map((subject) => subject.kind));
      const [licenceEvents, vettingEvents] = await Promise.all([
        kinds.has('licence')
          ? trx
              .selectFrom('licence_event')
              .select(['licence_id as subject_id', 'event', 'occurred_at', 'actor_organisation_id'])
              .where(children('licence_event.licence_id'))
              .orderBy('licence_id')
              .orderBy('id')
              .execute()
          : [],
        kinds.has('employer_vetting')
          ? trx
              .selectFrom('employer_vetting_event')
              .select(['vetting_id as subject_id', 'event', 'occurred_at', 'actor_organisation_id'])
              .where(children('employer_vetting_event.vetting_id'))
              .orderBy('vetting_id')
              .orderBy('id')
              .execute()
          : [],
      ]);
      return {
        subjects,
        events: [...licenceEvents, ...vettingEvents].map((event) => ({
          subjectId: event.subject_id,
          event: event.event,
          occurredAt: asDate(event.occurred_at),
          actorOrganisationId: event.actor_organisation_id,
        })),
      };
    });
  }
}
