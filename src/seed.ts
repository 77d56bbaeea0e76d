import type { Config } from './config.js';
import type { Db } from './database.js';
import { seedDemo, type DemoReport } from './modules/demo/demo.seed.js';
import { seedDemoLicences } from './modules/licensing/licensing.demo.js';
import { OrganisationsRepository } from './modules/organisations/organisations.repository.js';
import { RolesRepository } from './modules/organisations/roles.repository.js';
import { loadReferenceData } from './modules/reference/reference.loader.js';
import { seedExchangeRates } from './modules/vacancies/exchange-rates.seed.js';
import { seedDemoVacancies } from './modules/vacancies/vacancies.demo.js';
import { createServices } from './services.js';

export interface SeedReport {
  reference: Awaited<ReturnType<typeof loadReferenceData>>;
  /** Indicative exchange rates upserted from data/reference/exchange-rates.csv. */
  exchangeRates: number;
  /** Null when demo data was not asked for, or the database already had organisations. */
  demo: DemoReport | null;
}

/**
 * Loads what a new database needs: reference data always (idempotent), and the demo
 * organisations and users when asked and the database has none (never in production).
 */
export async function seed(
  db: Db,
  options: { demo: false } | { demo: true; config: Config },
): Promise<SeedReport> {
  const reference = await loadReferenceData(db);
  const { exchangeRates } = await seedExchangeRates(db);
  if (!options.demo) return { reference, exchangeRates, demo: null };
  if (options.config.env === 'production')
    throw new Error('Demo data is never loaded in production');
  const services = createServices({ db, config: options.config });
  const organisations = new OrganisationsRepository(db);
  const roles = new RolesRepository(db);
  const demo = await seedDemo({
    db,
    audit: services.audit,
    hasOrganisations: () => organisations.any(),
    createOrganisation: async (executor, organisation) =>
      (await organisations.insert(executor, organisation)).id,
    createUser: (executor, user) => services.accounts.accounts.createUser(executor, user),
    assignRole: (executor, grant) => roles.assign(executor, grant),
    enableTwoFactor: (executor, userId, secret) =>
      services.accounts.twoFactor.enableWithSecret(executor, userId, secret),
  });
  if (demo) {
    await seedDemoLicences({ db, audit: services.audit });
    // After the licences: the demo job orders recruit through the licensed agency.
    await seedDemoVacancies({ db, audit: services.audit });
  }
  return { reference, exchangeRates, demo };
}
