import { randomUUID } from 'node:crypto';
import type { Db } from '../../database.js';
import { isoDate } from '../../modules/vacancies/vacancy.states.js';
import { GenerateRepository } from './generate.repository.js';
import { OCCUPATIONS } from './occupations.js';
import { poolSize } from './organisations.js';
import { PoolRepository } from './pool.repository.js';
import { Random } from './prng.js';
import { addToBatch, BATCH_TABLES, emptyBatch, type VacancyBatch } from './rows.js';
import type { BatchSink } from './vacancy-batches.repository.js';
import { generateVacancy, type GenerationContext } from './vacancy-factory.js';

/**
 * `corridor generate vacancies`: realistic synthetic job orders, written in batches through a
 * sink (COPY for volume). The same seed gives the same vacancies against the same reference
 * data and organisations; ids are fresh UUIDs unless `ids: 'seeded'`, so that two runs add up
 * instead of colliding.
 */
export interface GenerateOptions {
  db: Db;
  sink: BatchSink;
  count: number;
  seed: number | string;
  now?: Date;
  batchSize?: number;
  /** Whose job orders: existing employers and agencies, a synthetic pool, or auto (pool for 10,000 and more, or when there is no employer). */
  organisations?: 'auto' | 'existing' | 'synthetic';
  ids?: 'random' | 'seeded';
  onProgress?: (progress: { written: number; count: number; seconds: number }) => void;
}

export interface GenerateReport {
  vacancies: number;
  rows: Record<keyof VacancyBatch, number>;
  organisationsCreated: number;
  seconds: number;
  vacanciesPerSecond: number;
}

export class GenerateError extends Error {}

export const MAX_COUNT = 10_000_000;

/** How many vacancies are generated between two turns of the event loop. */
const YIELD_EVERY = 100;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads what the vacancies refer to; creates the synthetic pool when asked to. */
export async function loadGenerationContext(
  db: Db,
  options: { count: number; now: Date; organisations: 'auto' | 'existing' | 'synthetic' },
): Promise<{ context: GenerationContext; organisationsCreated: number }> {
  const repository = new GenerateRepository(db);
  const missing = await repository.missingSubdivisions();
  if (missing.length > 0) {
    throw new GenerateError(
      `Reference data is missing subdivisions ${missing.join(', ')}: run corridor seed first.`,
    );
  }
  const usdPerUnit = await repository.exchangeRates();
  if (usdPerUnit.size === 0) throw new GenerateError('No exchange rates: run corridor seed first.');
  const today = isoDate(options.now);
  let synthetic = options.organisations === 'synthetic';
  let existing = await repository.organisations(today, false);
  if (options.organisations === 'auto') {
    synthetic = options.count >= 10_000 || existing.employers.length === 0;
  }
  let organisationsCreated = 0;
  if (synthetic) {
    organisationsCreated = await new PoolRepository(db).ensurePool(
      poolSize(options.count),
      options.now,
    );
    existing = await repository.organisations(today, true);
  }
  if (existing.employers.length === 0) {
    throw new GenerateError('There is no employer to recruit for in a known destination.');
  }
  return {
    context: {
      occupations: await repository.resolveOccupations(OCCUPATIONS),
      ...existing,
      usdPerUnit,
      minimumWages: await repository.minimumWages(),
      now: options.now,
    },
    organisationsCreated,
  };
}

export async function generateVacancies(options: GenerateOptions): Promise<GenerateReport> {
  const { count } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new GenerateError(
      `The count must be a whole number from 1 to ${MAX_COUNT.toLocaleString('en')}.`,
    );
  }
  const started = performance.now();
  const now = options.now ?? new Date();
  const { context, organisationsCreated } = await loadGenerationContext(options.db, {
    count,
    now,
    organisations: options.organisations ?? 'auto',
  });
  const random = new Random(options.seed);
  const idRandom = Random.derive(options.seed, 'ids');
  const newId = options.ids === 'seeded' ? () => idRandom.uuid() : () => randomUUID();
  const batchSize = options.batchSize ?? 50_000;
  const rows = Object.fromEntries(
    BATCH_TABLES.map((table) => [table, 0]),
  ) as GenerateReport['rows'];

  // Two batches in flight: while the database takes one (COPY), the next is generated. The
  // generator yields to the event loop every hundred vacancies so that the socket keeps
  // streaming the batch before it.
  let generated = 0;
  let written = 0;
  let writing: Promise<void> = Promise.resolve();
  while (generated < count) {
    const batch = emptyBatch();
    const size = Math.min(batchSize, count - generated);
    for (let i = 0; i < size; i += 1) {
      addToBatch(batch, generateVacancy(random, context, { id: newId() }));
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToIo();
    }
    generated += size;
    await writing;
    writing = options.sink.write(batch).then(() => {
      for (const table of BATCH_TABLES) rows[table] += batch[table].length;
      written += size;
      options.onProgress?.({ written, count, seconds: (performance.now() - started) / 1000 });
    });
    // A failure is thrown at the next `await writing`; this keeps it from counting as unhandled
    // meanwhile.
    writing.catch(() => undefined);
  }
  await writing;
  const seconds = (performance.now() - started) / 1000;
  return {
    vacancies: written,
    rows,
    organisationsCreated,
    seconds,
    vacanciesPerSecond: Math.round(written / Math.max(seconds, 0.001)),
  };
}
