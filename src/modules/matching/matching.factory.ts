import type { Kysely } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Outbox } from '../../platform/events/outbox.js';
import { inlinePortLazy, workerPool } from './index-port.js';
import { MatchingService, type SeekerSource, type VacancySource } from './matching.service.js';
import type { MatchWeights } from './matching.weights.js';

export type { SeekerSource, VacancySource } from './matching.service.js';

export interface MatchingDeps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any module's Kysely (audit is the platform's)
  db: Kysely<any>;
  events: Pick<Outbox, 'read' | 'head'>;
  audit: AuditLog;
  seekers: SeekerSource;
  vacancies: VacancySource;
  /** The agencies licensed on a day (licensing): an unlicensed agency's vacancies take no part. */
  licensing: { licensedAgencies(on: string): Promise<Set<string>> };
  /** The weights (configuration: MATCHING_WEIGHTS); the defaults without. */
  weights?: MatchWeights;
  /** 'worker' (default): the index in a worker thread; 'inline': in this thread (tests). */
  mode?: 'worker' | 'inline';
  /** How many worker threads, each with the whole index (default 2). */
  workers?: number;
  clock?: () => Date;
}

/** Two: one per core of the reference machine (docs/benchmarks.md, "Matching"). */
export const DEFAULT_WORKERS = 2;

/** The matching service as the module, the tests and the benchmark build it. */
export function createMatching(deps: MatchingDeps): MatchingService {
  const { weights, mode, workers, ...rest } = deps;
  return new MatchingService({
    ...rest,
    port: (today) =>
      mode === 'inline'
        ? inlinePortLazy(weights, today)
        : workerPool(weights, today, workers ?? DEFAULT_WORKERS),
  });
}
