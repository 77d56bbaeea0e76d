import { publishedEventTypes } from '../../platform/lifecycle/lifecycle.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { eligibilityApi } from './eligibility.api.js';
import { seedDemoSchemes } from './eligibility.demo.js';
import { registerEligibilityJobs } from './eligibility.jobs.js';
import { EligibilityRepository } from './eligibility.repository.js';
import { eligibilityRoutes } from './eligibility.routes.js';
import { schemesRoutes } from './schemes.routes.js';
import { EligibilityService } from './eligibility.service.js';
import type { EligibilityTables } from './eligibility.tables.js';
import { SCHEME_LIFECYCLE } from './scheme.lifecycle.js';

export const eligibilityModule = defineModule<
  EligibilityTables,
  { reference: ReferenceService; organisations: OrganisationsService },
  { eligibility: EligibilityService; assessmentLinks: EligibilityService }
>({
  name: 'eligibility',
  summary:
    'eligibility self-assessment: schemes defined by destination authorities as data (versions; draft, published, retired), answered anonymously in a few steps at `/eligibility`, scored with the points per criterion and hints; a reference code keeps the answers 90 days and carries them into registration; `/eligibility/schemes` for officers, `/api/v1/eligibility/schemes`',
  tables: [
    'eligibility_scheme',
    'eligibility_scheme_version',
    'eligibility_scheme_event',
    'eligibility_assessment',
  ],
  permissions: ['eligibility.manage'],
  // The occupation search codes the reader's words; the demo finds its authority's id.
  needs: ['reference', 'organisations'],
  services: ({ db, audit, events }) => {
    const eligibility = new EligibilityService({
      repository: new EligibilityRepository(db),
      audit,
      events,
    });
    // assessmentLinks: what accounts calls, through a closure, when someone registers with a code.
    return { eligibility, assessmentLinks: eligibility };
  },
  pages: async (app, { eligibility, reference }) => {
    await app.register(eligibilityRoutes, { eligibility, reference });
    await app.register(schemesRoutes, { eligibility, reference });
  },
  api: async (app, { eligibility }) => {
    await app.register(eligibilityApi, { eligibility });
  },
  menu: [
    {
      position: 78,
      href: '/eligibility/schemes',
      labelKey: 'eligibility.nav.schemes',
      permission: 'eligibility.manage',
    },
  ],
  jobs: (jobs, services) => registerEligibilityJobs(jobs, services),
  demo: async ({ db, audit, events }, { organisations }) =>
    seedDemoSchemes({
      db,
      audit,
      events,
      organisationIds: (numbers) => organisations.idsByRegistration(numbers),
    }),
  events: {
    publishes: [...publishedEventTypes(SCHEME_LIFECYCLE), 'eligibility_scheme.revised'],
    consumes: [],
  },
});
