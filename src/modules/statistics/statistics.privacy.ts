import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { AggregatesRepository } from './aggregates.repository.js';
import { CUBES, DIM_COLUMNS, type CubeId } from './cubes.js';
import type { StatisticsTables } from './statistics.tables.js';

/**
 * How the person is counted in the statistics: the facts their profile contributes (which
 * cubes, which month, which values), in their data download. Erasure takes them out of every
 * cell in the erasure's transaction (the `job_seeker.erased` event would too, a moment later).
 * Applications and decisions are counted by their own ids, erased with them by their modules.
 */
export function statisticsPersonalData(
  repository: AggregatesRepository,
): PersonalDataProvider<StatisticsTables> {
  return {
    name: 'statistics',
    descriptionKey: 'statistics.privacySection',
    export: async (userId) =>
      (await repository.factsOf('job_seeker', userId)).map((fact) => ({
        table: fact.cube,
        month: fact.month,
        ...Object.fromEntries(
          CUBES[fact.cube as CubeId].dimensions.map((dimension, i) => [
            dimension,
            fact[DIM_COLUMNS[i]!],
          ]),
        ),
      })),
    erase: async (executor, userId) => {
      await repository.replaceFacts(executor, 'job_seeker', [userId], []);
    },
  };
}
