import { defineModule } from '../manifest.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { ExchangeRatesService } from '../vacancies/exchange-rates.service.js';
import { remittancesApi } from './remittances.api.js';
import { seedDemoRemittances } from './remittances.demo.js';
import { RemittancesRepository } from './remittances.repository.js';
import { remittancesImportRoutes } from './remittances.import.routes.js';
import { remittancesRoutes } from './remittances.routes.js';
import { seedWorldBankAverages } from './remittances.seed.js';
import { RemittancesService } from './remittances.service.js';
import type { RemittancesTables } from './remittances.tables.js';

export const remittancesModule = defineModule<
  RemittancesTables,
  { reference: ReferenceService; exchangeRates: ExchangeRatesService },
  { remittances: RemittancesService }
>({
  name: 'remittances',
  summary:
    "remittance costs: providers, corridors and price quotes; the public comparison `/remittances/:from/:to` (total cost for USD 200 and for the reader's amount, sortable, the World Bank corridor average and the 3% SDG target, a chart drawn as SVG); officers' CSV price import `/remittances/import`; `/api/v1/remittances/…`",
  tables: [
    'remittance_provider',
    'remittance_corridor',
    'remittance_quote',
    'remittance_corridor_average',
  ],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['remittance.manage'],
  // Country names and currencies; the indicative exchange rates (the vacancies module's).
  needs: ['reference', 'exchangeRates'],
  services: ({ db, audit, events }, { reference, exchangeRates }) => ({
    remittances: new RemittancesService({
      repository: new RemittancesRepository(db),
      reference,
      exchangeRates,
      audit,
      events,
    }),
  }),
  pages: async (app, { remittances, reference }) => {
    await app.register(remittancesImportRoutes, { remittances });
    await app.register(remittancesRoutes, { remittances, reference });
  },
  api: async (app, { remittances }) => {
    await app.register(remittancesApi, { remittances });
  },
  menu: [
    {
      position: 85,
      href: '/remittances/import',
      labelKey: 'remittances.nav.import',
      permission: 'remittance.manage',
    },
  ],
  seed: async ({ db }) => seedWorldBankAverages(new RemittancesRepository(db)),
  demo: async ({ db }) => seedDemoRemittances(new RemittancesRepository(db)),
  events: { publishes: ['remittance_prices.imported'], consumes: [] },
});
