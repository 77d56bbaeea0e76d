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
  progress: (line: string) => void = () => {},
): Promise<SeedReport> {
  const audit = new AuditLog(db);
  const events = new Outbox(db);
  const config = options.demo ? options.config : null;
  const seeded: SeedReport['seeded'] = {};
  for (const module of modules) {
    if (!module.seed) continue;
    const started = performance.now();
    let told = false;
    const tell = (line: string) => {
      told = true;
      progress(line);
    };
    seeded[module.name] = await module.seed({ db, audit, events, config, progress: tell });
    // A module that said nothing itself gets one line from its report's counts.
    if (!told) progress(`${module.name}: ${counts(seeded[module.name])} (${since(started)})`);
  }
  if (!options.demo) return { seeded, demo: null };
  if (options.config.env === 'production')
    throw new Error('Demo data is never loaded in production');
  const started = performance.now();
  const services = createServices({ db, config: options.config });
  const demo: NonNullable<SeedReport['demo']> = {};
  for (const module of modules) {
    if (!module.demo) continue;
    const context = { db, audit, events, config, progress };
    const outcome: unknown = await module.demo(context, services);
    if (outcome === 'not-empty') {
      progress(`demo data: none added, the database already has some (${since(started)})`);
      return { seeded, demo: null };
    }
    if (outcome && typeof outcome === 'object')
      demo[module.name] = outcome as Record<string, unknown>;
  }
  progress(
    `demo data: ${counts(Object.values(demo).reduce((all, report) => ({ ...all, ...report }), {}))} (${since(started)})`,
  );
  return { seeded, demo };
}

const since = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** "9 organisations, 10 users, 200 vacancies" from a report's numbers and lists. */
function counts(report: Record<string, unknown> = {}): string {
  const words = Object.entries(report).flatMap(([key, value]) => {
    const n = typeof value === 'number' ? value : Array.isArray(value) ? value.length : null;
    if (n === null || key.endsWith('Ms')) return [];
    return [`${n.toLocaleString('en')} ${key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`];
  });
  return words.length > 0 ? words.join(', ') : 'done';
}
