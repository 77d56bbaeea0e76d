import { publishedEventTypes } from '../../platform/lifecycle/lifecycle.js';
import type { Accounts } from '../accounts/accounts.module.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { RolesRepository } from '../organisations/roles.repository.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { GUIDE_LIFECYCLE } from './guide.lifecycle.js';
import { guidesApi } from './guides.api.js';
import { seedDemoGuides } from './guides.demo.js';
import { registerGuidesJobs } from './guides.jobs.js';
import { GuidesRepository } from './guides.repository.js';
import { guidesEditorRoutes } from './guides.editor.routes.js';
import { guidesRoutes } from './guides.routes.js';
import { GuidesService } from './guides.service.js';
import type { GuidesTables } from './guides.tables.js';

export const guidesModule = defineModule<
  GuidesTables,
  {
    reference: ReferenceService;
    accounts: Accounts;
    organisations: OrganisationsService;
    roles: RolesRepository;
  },
  { guides: GuidesService }
>({
  name: 'guides',
  summary:
    'country guides per destination and topic in nine languages, with fallback and a notice (`/guides`, `/api/v1/guides`); officers of the responsible organisation write them in Markdown, review (four eyes) and publish them, every version kept with a diff (`/editing/guides`); guides not verified within GUIDE_VERIFY_DAYS are flagged to readers and emailed to their editors; readable offline (a service worker scoped to /guides/) and in print',
  tables: ['guide', 'guide_version', 'guide_event'],
  permissions: ['guide.edit', 'guide.publish'],
  // Country names; offices (organisations); editors' names, emails and languages, and the mailer.
  needs: ['reference', 'accounts', 'organisations', 'roles'],
  services: ({ db, audit, events, config, translator }, needs) => ({
    guides: new GuidesService({
      repository: new GuidesRepository(db),
      audit,
      events,
      translator,
      verifyDays: config.guideVerifyDays,
      publicUrl: config.publicUrl,
      needs: {
        countryName: async (code, language) =>
          (await needs.reference.getCountry(code, language))?.name ?? null,
        countryList: async (language) =>
          (await needs.reference.listCountries(language)).map(({ code, name }) => ({ code, name })),
        offices: async (ids) => {
          const found = await needs.organisations.registrations(ids);
          return new Map(
            [...found].map(([id, office]) => [
              id,
              {
                name: office.name,
                // Shown as a link: only a web address.
                website:
                  office.website && /^https?:\/\//i.test(office.website) ? office.website : null,
              },
            ]),
          );
        },
        people: async (ids) => {
          const profiles = await needs.accounts.accounts.profiles(ids);
          return new Map(
            [...profiles].map(([id, profile]) => [
              id,
              {
                fullName: profile.fullName,
                email: profile.email,
                language: profile.preferredLanguage,
              },
            ]),
          );
        },
        stillMember: async (userId, organisationId) =>
          (await needs.roles.inOrganisation(userId, organisationId)).length > 0,
        enqueueEmail: (executor, message) => needs.accounts.mailer.enqueue(executor, message),
        deliverEmail: (id) => needs.accounts.mailer.deliver(id),
      },
    }),
  }),
  pages: async (app, { guides }) => {
    await app.register(guidesRoutes, { guides });
    await app.register(guidesEditorRoutes, { guides });
  },
  api: async (app, { guides }) => {
    await app.register(guidesApi, { guides });
  },
  menu: [
    { position: 15, href: '/guides', labelKey: 'guides.nav.guides' },
    {
      position: 75,
      href: '/editing/guides',
      labelKey: 'guides.nav.editing',
      permission: 'guide.edit',
    },
  ],
  jobs: (jobs, { guides }) => registerGuidesJobs(jobs, { guides }),
  demo: async ({ db, audit, events, progress }, { organisations, accounts }) =>
    seedDemoGuides({
      db,
      audit,
      events,
      progress,
      organisations,
      userIdByEmail: (email) => accounts.accounts.findActiveUserIdByEmail(email),
    }),
  events: {
    publishes: [...publishedEventTypes(GUIDE_LIFECYCLE), 'guide.due_for_verification'],
    consumes: [],
  },
});
