import { publishedEventTypes } from '../../platform/lifecycle/lifecycle.js';
import type { DocumentsService } from '../documents/documents.service.js';
import type { JobSeekersService } from '../job-seekers/job-seekers.service.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { VacancySearchService } from '../vacancies/search/search.service.js';
import { APPLICATION_LIFECYCLE } from './application.lifecycle.js';
import { applicationsApi } from './applications.api.js';
import { seedDemoApplications } from './applications.demo.js';
import { applicationsPersonalData } from './applications.privacy.js';
import { ApplicationsRepository } from './applications.repository.js';
import { applicationsRoutes } from './applications.routes.js';
import {
  ApplicationsService,
  type DocumentsPort,
  type JobSeekersPort,
} from './applications.service.js';
import type { ApplicationsTables } from './applications.tables.js';
import { ApplicationStatisticsSource } from './applications.statistics.js';
import { ApplicationStatisticsRepository } from './applications.statistics.repository.js';
import type {
  ApplicationStatRecord,
  StatisticsSource,
  VacancyStatRecord,
} from '../statistics/statistics.types.js';

/**
 * The job-seekers and documents modules are being built alongside this one: what this module
 * needs of them is typed in applications.service.ts (JobSeekersPort, DocumentsPort) and read
 * through these adapters, which answer "nothing" while a method is missing.
 */
function jobSeekersPort(service: JobSeekersService): JobSeekersPort {
  const port = service as unknown as Partial<JobSeekersPort>;
  return {
    summaries: async (ids) => (port.summaries ? port.summaries(ids) : new Map()),
  };
}

function documentsPort(service: DocumentsService): DocumentsPort {
  const port = service as unknown as Partial<DocumentsPort>;
  return {
    listOwn: async (userId) => (port.listOwn ? port.listOwn(userId) : []),
    ownedBy: async (userId, ids) => (port.ownedBy ? port.ownedBy(userId, ids) : []),
    openForApplication: async (ctx, input) => {
      if (!port.openForApplication) throw new Error('documents.openForApplication is missing');
      return port.openForApplication(ctx, input);
    },
  };
}

export const applicationsModule = defineModule<
  ApplicationsTables,
  {
    reference: ReferenceService;
    organisations: OrganisationsService;
    vacancySearch: VacancySearchService;
    jobSeekers: JobSeekersService;
    documents: DocumentsService;
    vacancyStatistics: StatisticsSource<VacancyStatRecord>;
  },
  {
    applications: ApplicationsService;
    applicationStatistics: StatisticsSource<ApplicationStatRecord>;
  }
>({
  name: 'applications',
  summary:
    'applications of job seekers to published vacancies (`/vacancies/:number/apply`), one per vacancy, with the vacancy’s terms as they were; the person follows each (`/applications`), withdraws, accepts or declines an offer; the employer or agency works its applicants (`/applicants`): shortlist, interview, select, offer, reject with a reason; API `/api/v1/applications`',
  tables: ['application', 'application_event'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['application.create', 'application.read', 'application.decide'],
  // The public vacancy (vacancySearch), employers' ids and names (organisations), the person's
  // profile summary (jobSeekers) and documents (documents), country names (reference).
  // The job orders' origin and approval time for the statistics (vacancyStatistics).
  needs: [
    'reference',
    'organisations',
    'vacancySearch',
    'jobSeekers',
    'documents',
    'vacancyStatistics',
  ],
  services: (
    { db, audit, events },
    { organisations, vacancySearch, jobSeekers, documents, vacancyStatistics },
  ) => {
    const repository = new ApplicationsRepository(db);
    return {
      applications: new ApplicationsService({
        repository,
        audit,
        events,
        vacancies: () => vacancySearch,
        jobSeekers: () => jobSeekersPort(jobSeekers),
        documents: () => documentsPort(documents),
        organisationNames: (ids) => organisations.names(ids),
        now: () => new Date(),
      }),
      // The applications as plain codes and times for the statistics (applications.statistics.ts).
      applicationStatistics: new ApplicationStatisticsSource(
        new ApplicationStatisticsRepository(db),
        () => vacancyStatistics,
      ),
    };
  },
  pages: async (app, { applications, reference }) => {
    await app.register(applicationsRoutes, { applications, reference });
  },
  api: async (app, { applications }) => {
    await app.register(applicationsApi, { applications });
  },
  menu: [
    {
      position: 62,
      href: '/applications',
      labelKey: 'applications.nav.mine',
      permission: 'application.create',
    },
    {
      position: 63,
      href: '/applicants',
      labelKey: 'applications.nav.applicants',
      permission: 'application.decide',
    },
  ],
  demo: async (_context, { applications, jobSeekers, vacancySearch, organisations }) =>
    seedDemoApplications({ applications, jobSeekers, vacancySearch, organisations }),
  personalData: (_services, { db }) =>
    applicationsPersonalData(new ApplicationsRepository(db), () => new Date()),
  events: { publishes: publishedEventTypes(APPLICATION_LIFECYCLE), consumes: [] },
});
