import type { Kysely } from 'kysely';
import { publishedEventTypes } from '../../platform/lifecycle/lifecycle.js';
import { APPLICATION_LIFECYCLE } from '../applications/application.lifecycle.js';
import { LICENCE_LIFECYCLE } from '../licensing/licence.lifecycle.js';
import { VETTING_LIFECYCLE } from '../licensing/vetting.lifecycle.js';
import { defineModule } from '../manifest.js';
import { VACANCY_LIFECYCLE } from '../vacancies/vacancy.lifecycle.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { AggregatesRepository } from './aggregates.repository.js';
import { barChart } from './charts/bar-chart.js';
import { createChoropleth } from './charts/choropleth.js';
import { loadGeometry } from './charts/geometry.js';
import { loadWorldBankContext } from './context/world-bank.js';
import { statisticsApi } from './statistics.api.js';
import { statisticsPersonalData } from './statistics.privacy.js';
import {
  STATISTICS_MENU,
  statisticsRoutes,
  type StatisticsRoutesOptions,
} from './statistics.routes.js';
import { createDisclosureControl } from './disclosure/disclosure-control.js';
import { parseCellKeySecret } from './disclosure/record-key.js';
import { registerStatisticsJobs } from './statistics.jobs.js';
import { StatisticsService } from './statistics.service.js';
import type { StatisticsTables } from './statistics.tables.js';
import type {
  ChoroplethMap,
  ApplicationStatRecord,
  DecisionStatRecord,
  JobSeekerStatRecord,
  StatisticsSource,
  VacancyStatRecord,
} from './statistics.types.js';

/** The owning modules' sources of records (each module's `*.statistics.ts`), and labels. */
export interface StatisticsNeeds {
  reference: ReferenceService;
  organisations: OrganisationsService;
  vacancyStatistics: StatisticsSource<VacancyStatRecord>;
  jobSeekerStatistics: StatisticsSource<JobSeekerStatRecord>;
  applicationStatistics: StatisticsSource<ApplicationStatRecord>;
  decisionStatistics: StatisticsSource<DecisionStatRecord>;
}

/**
 * The charts, maps and World Bank figures, with their files read at the first page that draws
 * them (about half a second for the boundaries), not at start.
 */
function drawing(): Pick<StatisticsRoutesOptions, 'charts' | 'context'> {
  let choropleth: ChoroplethMap | null = null;
  const context = () => loadWorldBankContext();
  return {
    charts: {
      barChart,
      choropleth: (data, options) =>
        (choropleth ??= createChoropleth(loadGeometry()))(data, options),
    },
    context: {
      migrantStocks: (filter) => context().migrantStocks(filter),
      remittances: (filter) => context().remittances(filter),
      get source() {
        return context().source;
      },
    },
  };
}

export const statisticsModule = defineModule<
  StatisticsTables,
  StatisticsNeeds,
  { statistics: StatisticsService }
>({
  name: 'statistics',
  summary:
    'demand, supply, matching, time to fill and processing times, pre-aggregated from the domain events of job orders, job seekers, applications, licences and vettings, published with disclosure control (the cell-key method)',
  tables: ['statistics_fact', 'statistics_cell', 'statistics_state'],
  // Defined in platform/authz/catalogue.ts: within a jurisdiction, for officers and analysts of
  // origin and destination authorities (statistics.routes.ts, restrictedViewer).
  permissions: ['statistics.read'],
  needs: [
    'vacancyStatistics',
    'jobSeekerStatistics',
    'applicationStatistics',
    'decisionStatistics',
  ],
  services: ({ db, events, audit, config }, needs) => ({
    statistics: new StatisticsService({
      repository: new AggregatesRepository(db),
      sources: () => ({
        vacancies: needs.vacancyStatistics,
        jobSeekers: needs.jobSeekerStatistics,
        applications: needs.applicationStatistics,
        decisions: needs.decisionStatistics,
      }),
      secret: parseCellKeySecret(config.statisticsCellKeySecret),
      control: createDisclosureControl(),
      events,
      audit,
      auditDb: db as Kysely<unknown>,
    }),
  }),
  pages: async (app, { statistics, reference, organisations }, { config }) => {
    await app.register(statisticsRoutes, {
      statistics,
      reference,
      organisations,
      publicUrl: config.publicUrl,
      ...drawing(),
    });
  },
  api: async (app, { statistics, reference, organisations }) => {
    await app.register(statisticsApi, { statistics, reference, organisations, ...drawing() });
  },
  menu: STATISTICS_MENU,
  personalData: (_services, { db }) => statisticsPersonalData(new AggregatesRepository(db)),
  jobs: (jobs, services) => registerStatisticsJobs(jobs, services),
  events: {
    publishes: [],
    consumes: [
      ...publishedEventTypes(VACANCY_LIFECYCLE),
      'job_seeker.updated',
      'job_seeker.erased',
      ...publishedEventTypes(APPLICATION_LIFECYCLE),
      ...publishedEventTypes(LICENCE_LIFECYCLE),
      ...publishedEventTypes(VETTING_LIFECYCLE),
    ],
  },
});
