import type { JobSeekersService } from '../job-seekers/job-seekers.service.js';
import type { LicensingService } from '../licensing/licensing.service.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { VacancySearchService } from '../vacancies/search/search.service.js';
import { matchingApi } from './matching.api.js';
import { createMatching } from './matching.factory.js';
import { matchingRoutes } from './matching.routes.js';
import type { MatchingService } from './matching.service.js';
import type { MatchingTables } from './matching.tables.js';

export interface MatchingNeeds {
  reference: ReferenceService;
  licensing: LicensingService;
  organisations: OrganisationsService;
  jobSeekers: JobSeekersService;
  vacancySearch: VacancySearchService;
}

export const matchingModule = defineModule<
  MatchingTables,
  MatchingNeeds,
  { matching: MatchingService }
>({
  name: 'matching',
  summary:
    'ranked, explained candidates for a vacancy and vacancies for a job seeker from an in-memory index in a worker thread (`/recommended`, `/vacancies/:number/how-you-compare`, `/vacancies/:number/candidates`)',
  tables: ['matching'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['matching.read', 'matching.invite'],
  needs: ['reference', 'licensing', 'organisations', 'jobSeekers', 'vacancySearch'],
  services: ({ audit, events }, needs) => ({
    matching: createMatching({
      events,
      audit,
      seekers: needs.jobSeekers as never,
      vacancies: needs.vacancySearch as never,
      licensing: needs.licensing,
      organisations: needs.organisations,
    }),
  }),
  pages: async (app, { matching }) => {
    await app.register(matchingRoutes, { matching });
  },
  api: async (app, { matching }) => {
    await app.register(matchingApi, { matching });
  },
});
