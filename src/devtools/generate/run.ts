import type { Database } from '../../database.js';
import { openBulkWriter } from '../../platform/db/copy.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { generateVacancies, GenerateError, MAX_COUNT, type GenerateReport } from './generate.js';
import { canSkipTriggers, copySink } from './vacancy-batches.repository.js';

/** What `corridor generate vacancies` and the search benchmark call: COPY into the handle. */
export async function generateIntoDatabase(
  handle: DatabaseHandle<Database>,
  options: {
    /** The PostgreSQL URL (COPY streams on a connection of its own); unused on PGlite. */
    url?: string;
    count: number;
    seed: number | string;
    organisations?: 'auto' | 'existing' | 'synthetic';
    onProgress?: (progress: { written: number; count: number; seconds: number }) => void;
  },
): Promise<GenerateReport & { referencesChecked: boolean }> {
  const writer = await openBulkWriter(handle, options.url ? { url: options.url } : {});
  try {
    const trusted = await canSkipTriggers(handle.kysely);
    const report = await generateVacancies({
      db: handle.kysely,
      sink: copySink(writer, { trustedReferences: trusted }),
      count: options.count,
      seed: options.seed,
      batchSize: 20_000,
      ...(options.organisations ? { organisations: options.organisations } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { ...report, referencesChecked: !trusted };
  } finally {
    await writer.close();
  }
}

/** `--count`: a whole number from 1 to 10 million; "1_000_000" and "1,000,000" are fine. */
export function parseCount(text: string): number {
  const cleaned = text.trim().replace(/[_,]/g, '');
  const count = /^\d+$/.test(cleaned) ? Number(cleaned) : NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new GenerateError(
      `--count must be a whole number from 1 to ${MAX_COUNT.toLocaleString('en')} (got "${text}").`,
    );
  }
  return count;
}

/** `--seed`: a whole number from 0 to 4,294,967,295. */
export function parseSeed(text: string): number {
  const seed = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw new GenerateError(
      `--seed must be a whole number from 0 to 4,294,967,295 (got "${text}").`,
    );
  }
  return seed;
}
