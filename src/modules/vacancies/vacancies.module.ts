import { publishedEventTypes } from '../../platform/lifecycle/lifecycle.js';
import { LICENCE_LIFECYCLE } from '../licensing/licence.lifecycle.js';
import type { LicensingService } from '../licensing/licensing.service.js';
import type { VettingService } from '../licensing/vetting.service.js';
import { defineModule } from '../manifest.js';
import { registerJobOrderJobs } from './job-orders.jobs.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { Accounts } from '../accounts/accounts.module.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import { ExchangeRatesRepository } from './exchange-rates.repository.js';
import { seedExchangeRates } from './exchange-rates.seed.js';
import { ExchangeRatesService } from './exchange-rates.service.js';
import { jobOrdersApi } from './job-orders.api.js';
import { JobOrdersRepository } from './job-orders.repository.js';
import { jobOrdersRoutes } from './job-orders.routes.js';
import { JobOrdersService } from './job-orders.service.js';
import { MinimumWagesRepository } from './minimum-wages.repository.js';
import { MinimumWagesService } from './minimum-wages.service.js';
import { createVacancySearch } from './search/search.factory.js';
import type { VacancySearchService } from './search/search.service.js';
import { vacanciesPublicApi } from './vacancies-public.api.js';
import { vacanciesPublicRoutes } from './vacancies-public.routes.js';
import { seedDemoVacancies } from './vacancies.demo.js';
import type { StatisticsSource, VacancyStatRecord } from '../statistics/statistics.types.js';
import { VacancyStatisticsSource } from './vacancies.statistics.js';
import { VacancyStatisticsRepository } from './vacancies.statistics.repository.js';
import { VACANCY_LIFECYCLE } from './vacancy.lifecycle.js';
import type { VacancyTables } from './vacancy.tables.js';

export const vacanciesModule = defineModule<
  VacancyTables,
  {
    reference: ReferenceService;
    licensing: LicensingService;
    vetting: VettingService;
    organisations: OrganisationsService;
    accounts: Accounts;
  },
  {
    jobOrders: JobOrdersService;
    minimumWages: MinimumWagesService;
    vacancySearch: VacancySearchService;
    exchangeRates: ExchangeRatesService;
    vacancyStatistics: StatisticsSource<VacancyStatRecord>;
  }
>({
  name: 'vacancies',
  summary:
    '**job orders**: an employer, or a licensed agency for a vetted employer, writes a vacancy in standard codes; the origin authority approves or rejects it; published, closed, filled or expired; the checks of licence, vetting and minimum wage; minimum wages per destination and occupation; pages `/job-orders`, `/job-orders/review`, `/minimum-wages`, API `/api/v1/job-orders`; the **public vacancy database**: an in-memory index kept in step with the database ([ADR 8](adr/0008-in-memory-vacancy-search-index.md)), `/vacancies`, `/vacancies/:number`, `/vacancies/feed.atom`, `/api/v1/vacancies`',
  tables: [
    'vacancy',
    'vacancy_skill',
    'vacancy_language',
    'vacancy_translation',
    'vacancy_event',
    'vacancy_position_fill',
    'minimum_wage',
    'exchange_rate',
  ],
  permissions: [
    'vacancy.create',
    'vacancy.read',
    'vacancy.update',
    'vacancy.submit',
    'vacancy.decide',
    'vacancy.publish',
    'vacancy.close',
    'minimum_wage.manage',
  ],
  needs: ['reference', 'licensing', 'vetting', 'organisations', 'accounts'],
  services: ({ db, audit, events }, { reference, licensing, vetting, organisations }) => {
    const minimumWagesRepository = new MinimumWagesRepository(db);
    return {
      jobOrders: new JobOrdersService({
        repository: new JobOrdersRepository(db),
        minimumWages: minimumWagesRepository,
        reference,
        audit,
        // Every transition publishes `vacancy.*` to the outbox, in its transaction.
        events,
        // Licences, vetting and names are asked of the modules that own them.
        licensing,
        vetting,
        organisations,
      }),
      minimumWages: new MinimumWagesService(minimumWagesRepository, reference, audit),
      // An in-memory index kept in step with the database through the outbox (ADRs 8 and 10).
      vacancySearch: createVacancySearch({
        db,
        events,
        licensing,
        organisations,
        occupations: reference,
      }),
      // The indicative rates, for the remittance costs.
      exchangeRates: new ExchangeRatesService(new ExchangeRatesRepository(db)),
      // Job orders, their fills and history for the statistics (vacancies.statistics.ts).
      vacancyStatistics: new VacancyStatisticsSource(new VacancyStatisticsRepository(db)),
    };
  },
  pages: async (app, services, { config }) => {
    const { reference } = services;
    await app.register(vacanciesPublicRoutes, {
      vacancySearch: services.vacancySearch,
      reference,
      licensing: services.licensing,
      publicUrl: config.publicUrl,
    });
    await app.register(jobOrdersRoutes, {
      jobOrders: services.jobOrders,
      minimumWages: services.minimumWages,
      reference,
    });
  },
  api: async (app, { vacancySearch, jobOrders, minimumWages }) => {
    await app.register(vacanciesPublicApi, { vacancySearch });
    await app.register(jobOrdersApi, { jobOrders, minimumWages });
  },
  menu: [
    { position: 10, href: '/vacancies', labelKey: 'vacancySearch.nav' },
    { position: 40, href: '/job-orders', labelKey: 'jobOrders.nav', permission: 'vacancy.update' },
    {
      position: 50,
      href: '/job-orders/review',
      labelKey: 'jobOrders.reviewNav',
      permission: 'vacancy.decide',
    },
  ],
  jobs: (jobs, services) => registerJobOrderJobs(jobs, services),
  seed: async ({ db }) => seedExchangeRates(db),
  events: {
    publishes: publishedEventTypes(VACANCY_LIFECYCLE),
    // The public search index follows them (search/search.service.ts).
    consumes: [
      ...publishedEventTypes(LICENCE_LIFECYCLE),
      ...publishedEventTypes(VACANCY_LIFECYCLE),
      'organisation.updated',
    ],
  },
  // After the licences: the demo job orders recruit through the licensed agency.
  demo: async ({ db, audit }, { organisations, accounts }) =>
    seedDemoVacancies({
      db,
      audit,
      organisationIds: (numbers) => organisations.idsByRegistration(numbers),
      userIds: async (emails) => {
        const ids = new Map<string, string>();
        for (const email of emails) {
          const id = await accounts.accounts.findActiveUserIdByEmail(email);
          if (id) ids.set(email, id);
        }
        return ids;
      },
    }),
});
