import { randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Database } from '../../database.js';
import { openBulkWriter, type BulkWriter } from '../../platform/db/copy.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { GenerateError } from './generate.js';
import { GenerateRepository } from './generate.repository.js';
import { OCCUPATIONS } from './occupations.js';
import { Random } from './prng.js';
import { generateSeeker, type SeekerContext } from './seekers-factory.js';
import { ORIGIN_COUNTRIES } from './seekers-names.js';
import {
  addSeeker,
  emptySeekerBatch,
  SEEKER_COLUMNS,
  SEEKER_TABLES,
  seekerCopyRows,
  type SeekerBatch,
} from './seekers-rows.js';

/**
 * `corridor generate seekers`: realistic synthetic job seekers (an account with the job seeker
 * role, a profile in their own script with a Latin form, education, experience, occupations
 * wanted coded to ESCO and ISCO-08, skills, languages with CEFR levels, destinations), written
 * by COPY in batches, one transaction a batch. The same seed gives the same people; ids and
 * addresses are fresh unless `ids: 'seeded'`, so that two runs add up instead of colliding.
 * Every account holds the same argon2id hash of a random password nobody is told: the
 * accounts are real rows for benchmarks, not for signing in.
 */

export const MAX_SEEKERS = 1_000_000;

export interface SeekerReport {
  seekers: number;
  rows: Record<keyof SeekerBatch, number>;
  seconds: number;
  seekersPerSecond: number;
}

export interface GenerateSeekersOptions {
  count: number;
  seed: number | string;
  now?: Date;
  batchSize?: number;
  ids?: 'random' | 'seeded';
  onProgress?: (progress: { written: number; count: number; seconds: number }) => void;
}

/** Writes one batch in one transaction. */
export function copySeekerBatch(writer: BulkWriter, batch: SeekerBatch): Promise<void> {
  return writer.transaction(async (session) => {
    for (const table of SEEKER_TABLES) {
      await session.copyRows(table, SEEKER_COLUMNS[table], seekerCopyRows(table, batch[table]));
    }
  });
}

export async function seekerContext(
  handle: DatabaseHandle<Database>,
  now: Date,
): Promise<SeekerContext> {
  const repository = new GenerateRepository(handle.kysely);
  const occupations = await repository.resolveOccupations(OCCUPATIONS);
  if (!occupations.some((occupation) => occupation.occupationId !== null)) {
    throw new GenerateError('ESCO occupations are not loaded: run corridor seed first.');
  }
  const homeRegions = await repository.homeRegions(ORIGIN_COUNTRIES.map((country) => country.code));
  return { occupations, homeRegions, now };
}

export async function generateSeekersIntoDatabase(
  handle: DatabaseHandle<Database>,
  options: GenerateSeekersOptions & { url?: string },
): Promise<SeekerReport> {
  const { count } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SEEKERS) {
    throw new GenerateError(
      `The count must be a whole number from 1 to ${MAX_SEEKERS.toLocaleString('en')}.`,
    );
  }
  const started = performance.now();
  const now = options.now ?? new Date();
  const context = await seekerContext(handle, now);
  const random = new Random(options.seed);
  const idRandom = Random.derive(options.seed, 'ids');
  const seeded = options.ids === 'seeded';
  const newId = seeded ? () => idRandom.uuid() : () => randomUUID();
  // Addresses must differ from one run to the next unless the ids are seeded too.
  const run = seeded ? `s${String(options.seed)}` : randomUUID().slice(0, 8);
  const emailDomain = `seekers-${run}.generated.example`.toLowerCase();
  const passwordHash = await hash(randomBytes(24).toString('base64'), {
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  const batchSize = options.batchSize ?? 5_000;
  const rows = Object.fromEntries(SEEKER_TABLES.map((table) => [table, 0])) as SeekerReport['rows'];
  const writer = await openBulkWriter(handle, options.url ? { url: options.url } : {});
  let written = 0;
  try {
    while (written < count) {
      const batch = emptySeekerBatch();
      const size = Math.min(batchSize, count - written);
      for (let i = 0; i < size; i += 1) {
        addSeeker(
          batch,
          generateSeeker(random, context, { userId: newId(), index: written + i, emailDomain }),
          passwordHash,
        );
      }
      await copySeekerBatch(writer, batch);
      for (const table of SEEKER_TABLES) rows[table] += batch[table].length;
      written += size;
      options.onProgress?.({ written, count, seconds: (performance.now() - started) / 1000 });
    }
  } finally {
    await writer.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    seekers: written,
    rows,
    seconds,
    seekersPerSecond: Math.round(written / Math.max(seconds, 0.001)),
  };
}

/** `--count` for seekers: a whole number from 1 to a million; "10_000" and "10,000" are fine. */
export function parseSeekerCount(text: string): number {
  const cleaned = text.trim().replace(/[_,]/g, '');
  const count = /^\d+$/.test(cleaned) ? Number(cleaned) : NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SEEKERS) {
    throw new GenerateError(
      `--count must be a whole number from 1 to ${MAX_SEEKERS.toLocaleString('en')} (got "${text}").`,
    );
  }
  return count;
}
