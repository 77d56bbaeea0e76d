import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { consentApi } from './consent.api.js';
import { consentPersonalData } from './consent.privacy.js';
import { ConsentRepository } from './consent.repository.js';
import { consentRoutes } from './consent.routes.js';
import { ConsentService } from './consent.service.js';
import type { ConsentTables } from './consent.tables.js';

export const consentModule = defineModule<
  ConsentTables,
  { organisations: OrganisationsService; reference: ReferenceService },
  { consent: ConsentService }
>({
  name: 'consent',
  summary:
    "the consent ledger: a job seeker grants and withdraws `profile.view` or `profile.contact` to an employer or recruitment agency, and `profile.visible` per destination (the profile's visibility step); `/account/consents`, `/api/v1/me/consents`",
  tables: ['consent'],
  permissions: ['consent.read', 'consent.grant', 'consent.withdraw'],
  needs: ['organisations', 'reference'],
  services: ({ db, audit }, { organisations }) => ({
    consent: new ConsentService(new ConsentRepository(db), audit, organisations),
  }),
  pages: async (app, { consent, reference }) => {
    await app.register(consentRoutes, { consent, reference });
  },
  api: async (app, { consent }) => {
    await app.register(consentApi, { consent });
  },
  personalData: ({ consent }) => consentPersonalData(consent),
});
