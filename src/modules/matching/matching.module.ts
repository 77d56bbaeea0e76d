import type { JobSeekersService } from '../job-seekers/job-seekers.service.js';
import type { LicensingService } from '../licensing/licensing.service.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { VacancySearchService } from '../vacancies/search/search.service.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';
import { matchingApi } from './matching.api.js';
import { createMatching } from './matching.factory.js';
import { vacancyCards, type MatchingPagesDeps } from './matching.ports.js';
import { matchingPersonalData } from './matching.privacy.js';
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
  { matching: MatchingService; matchingInvitations: InvitationsService }
>({
  name: 'matching',
  summary:
    'ranked, explained candidates for a vacancy and vacancies for a job seeker from an in-memory index in a worker thread (`/recommended`, `/vacancies/:number/how-you-compare`, `/vacancies/:number/candidates`); invitations to apply, audited, told to the person by notifications; API `/api/v1/recommended-vacancies`, `/api/v1/vacancies/{number}/candidates`, `/comparison`, `/invitations`',
  tables: ['matching_invitation'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['matching.read', 'matching.invite'],
  needs: ['reference', 'licensing', 'organisations', 'jobSeekers', 'vacancySearch'],
  services: ({ audit, events, db, config }, needs) => {
    // The index lives in a worker thread, built at the first question (docs/matching.md).
    const matching = createMatching({
      // Only for the audit rows of a listing (audit_event is the platform's table).
      db,
      events,
      audit,
      seekers: needs.jobSeekers,
      vacancies: needs.vacancySearch,
      licensing: needs.licensing,
      weights: config.matching.weights,
      mode: config.matching.index,
      workers: config.matching.workers,
    });
    return {
      matching,
      matchingInvitations: new InvitationsService({
        repository: new InvitationsRepository(db),
        audit,
        events,
        isCandidate: (ctx, number, userId) => matching.isCandidate(ctx, number, userId),
        vacancy: async (number) => {
          const outcome = await needs.vacancySearch.vacancy(number, 'en');
          return { open: outcome.open, vacancy: outcome.vacancy };
        },
      }),
    };
  },
  pages: async (app, { matching, matchingInvitations, reference, jobSeekers, vacancySearch }) => {
    const deps: MatchingPagesDeps = {
      matching,
      invitations: matchingInvitations,
      reference,
      skillTitles: (ids) => jobSeekers.skillTitles(ids),
      cards: vacancyCards(vacancySearch),
    };
    await app.register(matchingRoutes, deps);
  },
  api: async (app, { matching, matchingInvitations, reference, jobSeekers, vacancySearch }) => {
    await app.register(matchingApi, {
      matching,
      invitations: matchingInvitations,
      reference,
      skillTitles: (ids) => jobSeekers.skillTitles(ids),
      cards: vacancyCards(vacancySearch),
    });
  },
  menu: [
    {
      position: 63,
      href: '/recommended',
      labelKey: 'matching.nav.recommended',
      role: 'job_seeker',
    },
  ],
  personalData: (_services, { db }) => matchingPersonalData(new InvitationsRepository(db)),
  events: { publishes: ['invitation.sent'], consumes: [] },
});
