import type { AuditLog } from '../../platform/audit/audit.js';
import type { Outbox } from '../../platform/events/outbox.js';
import type { SeekerRecord, VacancyRecord } from './matching.types.js';
import { MatchingService } from './matching.service.js';

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

export interface MatchingDeps {
  events: Pick<Outbox, 'read' | 'head'>;
  audit: AuditLog;
  seekers: SeekerSource;
  vacancies: VacancySource;
  /** The agencies licensed on a day (licensing): an unlicensed agency's vacancies take no part. */
  licensing: { licensedAgencies(on: string): Promise<Set<string>> };
  /** The caller's organisations' kind (organisations). */
  organisations: {
    summaries(ids: readonly string[]): Promise<ReadonlyMap<string, { id: string; kind: string }>>;
  };
  /** 'worker' (default): the index in a worker thread; 'inline': in this thread (tests). */
  mode?: 'worker' | 'inline';
  clock?: () => Date;
}

/** The matching service as the module, the tests and the benchmark build it. */
export function createMatching(deps: MatchingDeps): MatchingService {
  void deps;
  return new MatchingService();
}
