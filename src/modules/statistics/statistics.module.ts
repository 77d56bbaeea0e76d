import type { Kysely } from 'kysely';
import { defineModule } from '../manifest.js';
import { AggregatesRepository } from './aggregates.repository.js';
import { createDisclosureControl } from './disclosure/disclosure-control.js';
import { parseCellKeySecret } from './disclosure/record-key.js';
import { registerStatisticsJobs } from './statistics.jobs.js';
import { StatisticsService } from './statistics.service.js';
import type { StatisticsTables } from './statistics.tables.js';
import type {
  ApplicationStatRecord,
  DecisionStatRecord,
  JobSeekerStatRecord,
  StatisticsSource,
  VacancyStatRecord,
} from './statistics.types.js';

/** The owning modules' sources of records (each module's `*.statistics.ts`). */
export interface StatisticsNeeds {
  vacancyStatistics: StatisticsSource<VacancyStatRecord>;
  jobSeekerStatistics: StatisticsSource<JobSeekerStatRecord>;
  applicationStatistics: StatisticsSource<ApplicationStatRecord>;
  decisionStatistics: StatisticsSource<DecisionStatRecord>;
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
  // Defined in platform/authz/catalogue.ts (analysts: all; origin and destination officers:
  // their jurisdiction).
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
  jobs: (jobs, services) => registerStatisticsJobs(jobs, services),
  events: {
    publishes: [],
    consumes: ['vacancy.*', 'job_seeker.*', 'application.*', 'licence.*', 'employer_vetting.*'],
  },
});
