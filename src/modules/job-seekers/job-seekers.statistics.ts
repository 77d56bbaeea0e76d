import type { JobSeekerStatRecord, StatisticsSource } from '../statistics/statistics.types.js';
import { highestIscedLevel } from './job-seekers.matching.js';
import type {
  JobSeekerStatisticsRepository,
  StatListRows,
  StatProfileRow,
} from './job-seekers.statistics.repository.js';

/**
 * The job seekers as the statistics module reads them (statistics.types.ts, JobSeekerStatRecord):
 * plain codes of each profile, never a name, a contact or free text. A profile counts as
 * registered once its personal details (the 'bio' step) are saved; no column records when that
 * step was first saved, so `registeredAt` is the profile's `created_at` (the profile is made by
 * its first saved step, the bio step in the pages' order) for profiles with 'bio' in
 * `steps_saved`, null for the others.
 *
 * Batched (job-seekers.statistics.repository.ts): a profile query and one query per list table
 * (education, occupations, languages, destinations) for up to 1,000 ids, or for a page. An
 * erased profile has no rows left, so it is simply absent.
 *
 * Changes are published as `job_seeker.updated` (every write of a step) and `job_seeker.erased`
 * (erasure), subject type `job_seeker`, subject id the user id (the record's id here).
 */

/** At most this many ids in one query. */
export const JOB_SEEKER_STATISTICS_BATCH = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class JobSeekerStatisticsSource implements StatisticsSource<JobSeekerStatRecord> {
  constructor(private readonly repository: JobSeekerStatisticsRepository) {}

  /** These people's records (unknown, malformed or erased ids are absent), in id order. */
  async byIds(ids: readonly string[]): Promise<JobSeekerStatRecord[]> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const records: JobSeekerStatRecord[] = [];
    for (let start = 0; start < wanted.length; start += JOB_SEEKER_STATISTICS_BATCH) {
      const rows = await this.repository.profiles(
        wanted.slice(start, start + JOB_SEEKER_STATISTICS_BATCH),
      );
      const ids = rows.map((row) => row.user_id);
      records.push(...toRecords(rows, await this.repository.lists(ids)));
    }
    return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The records with a user id greater than `after` (null: from the first), by id. */
  async page(after: string | null, limit: number): Promise<JobSeekerStatRecord[]> {
    if (after !== null && !UUID.test(after)) throw new RangeError(`Not a user id: ${after}`);
    if (!Number.isInteger(limit) || limit <= 0) return [];
    const rows = await this.repository.page(after, limit);
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.user_id);
    const lists = await this.repository.lists(ids, { first: ids[0]!, last: ids.at(-1)! });
    return toRecords(rows, lists);
  }
}

/** The records of these profiles and their lists' rows (pure). */
export function toRecords(rows: StatProfileRow[], lists: StatListRows): JobSeekerStatRecord[] {
  const by = new Map(
    rows.map((row) => [
      row.user_id,
      {
        levels: [] as string[],
        occupations: new Set<string>(),
        languages: new Set<string>(),
        destinations: new Set<string>(),
      },
    ]),
  );
  for (const [id, level] of lists.education) by.get(id)?.levels.push(level);
  for (const [id, isco] of lists.occupations) by.get(id)?.occupations.add(isco.trim());
  for (const [id, code] of lists.languages) by.get(id)?.languages.add(code.trim());
  for (const [id, code] of lists.destinations) by.get(id)?.destinations.add(code.trim());
  return rows.map((row) => {
    const list = by.get(row.user_id)!;
    const level = highestIscedLevel(list.levels);
    return {
      id: row.user_id,
      registeredAt: row.steps_saved.includes('bio') ? row.created_at : null,
      origin: row.nationality?.trim() ?? null,
      originSubdivision: row.home_subdivision,
      sex: row.sex,
      birthDate: row.birth_date,
      iscedLevel: level === null ? null : String(level),
      occupations: [...list.occupations],
      languages: [...list.languages],
      destinations: [...list.destinations],
      intendedStay: row.intended_stay,
    };
  });
}
