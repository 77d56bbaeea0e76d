import type { VacancySearchService } from '../vacancies/search/search.service.js';
import { jobSeekersPersonalData } from './job-seekers.privacy.js';
import type { ConsentService } from '../consent/consent.service.js';
import type { IdentityDocumentsService } from '../identity-documents/identity-documents.service.js';
import type { LicensingService } from '../licensing/licensing.service.js';
import type { VettingService } from '../licensing/vetting.service.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { jobSeekersApi } from './job-seekers.api.js';
import type { ApplicationsPort, Recruiters } from './job-seekers.ports.js';
import { JobSeekersMatchingRepository } from './job-seekers.matching.repository.js';
import { JobSeekersRepository } from './job-seekers.repository.js';
import { jobSeekersRoutes } from './job-seekers.routes.js';
import { JobSeekersService } from './job-seekers.service.js';
import type { Accounts } from '../accounts/accounts.module.js';
import type { RolesRepository } from '../organisations/roles.repository.js';
import type { DuplicatesService } from './duplicates.service.js';
import {
  createDuplicates,
  demoJobSeekers,
  duplicatesPages,
  registerDuplicatesJobs,
} from './duplicates.wiring.js';
import type { JobSeekersTables } from './job-seekers.tables.js';
import type { JobSeekerStatRecord, StatisticsSource } from '../statistics/statistics.types.js';
import { JobSeekerStatisticsSource } from './job-seekers.statistics.js';
import { JobSeekerStatisticsRepository } from './job-seekers.statistics.repository.js';

/** What this module uses of the modules before it (and, in a closure, of applications). */
export interface JobSeekersNeeds {
  /** The demo people's accounts and roles (duplicates.wiring.ts). */
  accounts: Accounts;
  roles: RolesRepository;
  reference: ReferenceService;
  consent: ConsentService;
  organisations: OrganisationsService;
  identityDocuments: IdentityDocumentsService;
  licensing: LicensingService;
  vetting: VettingService;
  /** The open vacancies, for the demo's people who sign in (duplicates.wiring.ts). */
  vacancySearch: VacancySearchService;
  /** Built after this module: read only inside a closure, at request time. */
  applications?: ApplicationsPort;
}

/** Vetted employers and agencies licensed today, with their kind and country. */
function recruitersOf(needs: JobSeekersNeeds): Recruiters {
  return {
    async standing(organisationIds) {
      const result: Awaited<ReturnType<Recruiters['standing']>> = new Map();
      const summaries = await needs.organisations.summaries(organisationIds);
      const today = new Date().toISOString().slice(0, 10);
      for (const organisation of summaries.values()) {
        if (organisation.kind === 'employer') {
          if (await needs.vetting.employerVetted(organisation.id)) {
            result.set(organisation.id, {
              kind: 'employer',
              countryCode: organisation.countryCode,
            });
          }
        } else if (organisation.kind === 'recruitment_agency') {
          const standing = await needs.licensing.agencyStanding(organisation.id, today);
          if (standing.licensed) {
            result.set(organisation.id, {
              kind: 'recruitment_agency',
              countryCode: organisation.countryCode,
            });
          }
        }
      }
      return result;
    },
  };
}

export const jobSeekersModule = defineModule<
  JobSeekersTables,
  JobSeekersNeeds,
  {
    jobSeekers: JobSeekersService;
    duplicates: DuplicatesService;
    jobSeekerStatistics: StatisticsSource<JobSeekerStatRecord>;
  }
>({
  name: 'job-seekers',
  summary:
    "job seekers' profiles in steps (`/profile`: bio data, travel documents, education, experience, occupations wanted, skills, languages, destinations, visibility), the standard CV (`/profile/cv`), others' scoped and audited view (`/job-seekers/:userId`, `/api/v1/job-seekers/:userId`)",
  tables: [
    'job_seeker',
    'job_seeker_education',
    'job_seeker_experience',
    'job_seeker_occupation',
    'job_seeker_skill',
    'job_seeker_language',
    'job_seeker_destination',
    'job_seeker_duplicate',
    'job_seeker_duplicate_scan',
  ],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['job_seeker.read', 'job_seeker.assist', 'job_seeker.merge'],
  needs: [
    'reference',
    'consent',
    'organisations',
    'identityDocuments',
    'licensing',
    'vetting',
    'accounts',
    'roles',
    'vacancySearch',
  ],
  services: ({ db, audit, events }, needs) => ({
    jobSeekers: new JobSeekersService({
      repository: new JobSeekersRepository(db),
      matching: new JobSeekersMatchingRepository(db),
      audit,
      // Every change of a profile publishes `job_seeker.*` in its transaction (matching follows).
      events,
      ledger: needs.consent,
      documents: needs.identityDocuments,
      recruiters: recruitersOf(needs),
      // The applications module comes later: its service is read at request time.
      applications: () => needs.applications,
    }),
    duplicates: createDuplicates(db, audit),
    // The profiles as plain codes for the statistics (job-seekers.statistics.ts).
    jobSeekerStatistics: new JobSeekerStatisticsSource(new JobSeekerStatisticsRepository(db)),
  }),
  pages: async (app, services) => {
    await app.register(jobSeekersRoutes, {
      jobSeekers: services.jobSeekers,
      reference: services.reference,
    });
    await duplicatesPages(app, services);
  },
  api: async (app, { jobSeekers }) => {
    await app.register(jobSeekersApi, { jobSeekers });
  },
  jobs: (jobs, services) => registerDuplicatesJobs(jobs, services),
  demo: (context, services) => demoJobSeekers(context, services),
  menu: [
    { position: 61, href: '/profile', labelKey: 'jobSeekers.nav.profile', role: 'job_seeker' },
    {
      position: 62,
      href: '/job-seekers/duplicates',
      labelKey: 'jobSeekers.duplicates.nav',
      permission: 'job_seeker.merge',
      beyondOwn: true,
    },
  ],
  events: { publishes: ['job_seeker.updated', 'job_seeker.erased'], consumes: [] },
  personalData: ({ jobSeekers, duplicates }) => jobSeekersPersonalData(jobSeekers, duplicates),
});
