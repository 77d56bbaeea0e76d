import { inlinePortLazy, workerPool } from './index-port.js';
import { MatchingService, type MatchingServiceDeps } from './matching.service.js';
import type { MatchWeights } from './matching.weights.js';

export type { SeekerSource, VacancySource } from './matching.service.js';

/** The service's dependencies, with where its index lives instead of a ready port. */
export interface MatchingDeps extends Omit<MatchingServiceDeps, 'port'> {
  /** The weights (configuration: MATCHING_WEIGHTS); the defaults without. */
  weights?: MatchWeights;
  /** 'worker' (default): the index in worker threads; 'inline': in this thread (tests). */
  mode?: 'worker' | 'inline';
  /** How many worker threads, each with the whole index (default 2). */
  workers?: number;
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
