import { publishedEventTypes } from '../../platform/lifecycle/lifecycle.js';
import { defineModule } from '../manifest.js';
import { registerLicensingJobs } from './licensing.jobs.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import { LICENCE_LIFECYCLE } from './licence.lifecycle.js';
import type { LicensingTables } from './licence.tables.js';
import { licensingApi } from './licensing.api.js';
import { seedDemoLicences } from './licensing.demo.js';
import { LicensingRepository } from './licensing.repository.js';
import { licensingRoutes } from './licensing.routes.js';
import { LicensingService } from './licensing.service.js';
import { DecisionStatisticsSource } from './licensing.statistics.js';
import { DecisionStatisticsRepository } from './licensing.statistics.repository.js';
import type { DecisionStatRecord, StatisticsSource } from '../statistics/statistics.types.js';
import { recruitersApi } from './recruiters.api.js';
import { RecruitersRepository } from './recruiters.repository.js';
import { recruitersRoutes } from './recruiters.routes.js';
import { VETTING_LIFECYCLE } from './vetting.lifecycle.js';
import { VettingRepository } from './vetting.repository.js';
import { vettingRoutes } from './vetting.routes.js';
import { VettingService } from './vetting.service.js';

export const licensingModule = defineModule<
  LicensingTables,
  { organisations: OrganisationsService },
  {
    licensing: LicensingService;
    vetting: VettingService;
    decisionStatistics: StatisticsSource<DecisionStatRecord>;
  }
>({
  name: 'licensing',
  summary:
    'recruitment agencies\' licences (apply, grant, refuse, renew, suspend, reinstate, revoke, expire) and employers\' vetting, each with its history; the public "Check a recruiter" (`/recruiters`, `/api/v1/recruiters`); `/licences`, `/employers/vetting`, `/api/v1/licences`',
  tables: ['licence', 'licence_event', 'employer_vetting', 'employer_vetting_event'],
  permissions: ['licence.read', 'licence.decide', 'employer.vet'],
  // Agencies', authorities' and employers' names, kinds and countries: the organisations'.
  needs: ['organisations'],
  // Every transition publishes `licence.*` / `employer.*` to the outbox, in its transaction.
  services: ({ db, audit, events }, { organisations }) => {
    const licences = new LicensingRepository(db, organisations);
    return {
      licensing: new LicensingService({
        repository: licences,
        recruiters: new RecruitersRepository(licences, organisations),
        audit,
        events,
      }),
      vetting: new VettingService(new VettingRepository(db, organisations), audit, events),
      // Licences' and vettings' histories for the statistics (licensing.statistics.ts).
      decisionStatistics: new DecisionStatisticsSource(new DecisionStatisticsRepository(db)),
    };
  },
  pages: async (app, { licensing, vetting }) => {
    await app.register(recruitersRoutes, { licensing });
    await app.register(licensingRoutes, { licensing });
    await app.register(vettingRoutes, { vetting });
  },
  api: async (app, { licensing, vetting }) => {
    await app.register(recruitersApi, { licensing });
    await app.register(licensingApi, { licensing, vetting });
  },
  menu: [
    { position: 20, href: '/recruiters', labelKey: 'licensing.nav.recruiters' },
    {
      position: 30,
      href: '/licences',
      labelKey: 'licensing.nav.licences',
      permission: 'licence.decide',
    },
    { position: 60, href: '/licences', labelKey: 'licensing.nav.ourLicence', role: 'agency_staff' },
    {
      position: 70,
      href: '/employers/vetting',
      labelKey: 'licensing.nav.vetting',
      permission: 'employer.vet',
    },
  ],
  jobs: (jobs, services) => registerLicensingJobs(jobs, services),
  demo: async ({ db, audit, events }, { organisations }) =>
    seedDemoLicences({ db, audit, organisations, events }),
  events: {
    publishes: [
      ...publishedEventTypes(LICENCE_LIFECYCLE),
      ...publishedEventTypes(VETTING_LIFECYCLE),
    ],
    consumes: [],
  },
});
