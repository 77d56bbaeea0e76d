import type { Config } from './config.js';
import type { Db } from './database.js';
import { AuditLog } from './platform/audit/audit.js';
import { Outbox } from './platform/events/outbox.js';
import { createServices, modules } from './services.js';

export interface SeedReport {
  /** Each module's seed report, by module name (reference data, exchange rates…). */
  seeded: Record<string, Record<string, unknown>>;
  /**
   * Each module's demo report, by module name; null when demo data was not asked for, or the
   * database already had data.
   */
  demo: Record<string, Record<string, unknown>> | null;
}

/**
 * Loads what a new database needs: every module's seed, always (idempotent), in the order of
 * modules/index.ts; then, when asked and never in production, every module's demo data in the
 * same order, unless a module finds the database not empty.
 */
export async function seed(
  db: Db,
  options: { demo: false } | { demo: true; config: Config },
): Promise<SeedReport> {
  const audit = new AuditLog(db);
  const events = new Outbox(db);
  const config = options.demo ? options.config : null;
  const seeded: SeedReport['seeded'] = {};
  for (const module of modules) {
    if (module.seed) seeded[module.name] = await module.seed({ db, audit, events, config });
  }
  if (!options.demo) return { seeded, demo: null };
  if (options.config.env === 'production')
    throw new Error('Demo data is never loaded in production');
  const services = createServices({ db, config: options.config });
  const demo: NonNullable<SeedReport['demo']> = {};
  for (const module of modules) {
    if (!module.demo) continue;
    const outcome: unknown = await module.demo({ db, audit, events, config }, services);
    if (outcome === 'not-empty') return { seeded, demo: null };
    if (outcome && typeof outcome === 'object')
      demo[module.name] = outcome as Record<string, unknown>;
  }
  return { seeded, demo };
}
