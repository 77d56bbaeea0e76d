import type { Db } from './database.js';
import { loadReferenceData } from './modules/reference/reference.loader.js';

export interface SeedReport {
  reference: Awaited<ReturnType<typeof loadReferenceData>>;
}

/**
 * Loads what a new database needs: reference data always (idempotent), and demo records when
 * the caller asks for them. Each later module adds its own demo data here.
 */
export async function seed(db: Db, options: { demo: boolean }): Promise<SeedReport> {
  const reference = await loadReferenceData(db);
  if (options.demo) {
    // Demo organisations, users and vacancies arrive with their modules (issues 3 and 4).
  }
  return { reference };
}
