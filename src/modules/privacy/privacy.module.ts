import type { Accounts } from '../accounts/accounts.module.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { PersonalDataProvider } from './privacy.provider.js';
import { PrivacyRepository } from './privacy.repository.js';
import { privacyNoticeRoutes } from './privacy.notice.routes.js';
import { privacyRoutes } from './privacy.routes.js';
import { PrivacyService } from './privacy.service.js';
import type { PrivacyTables } from './privacy.tables.js';

/**
 * The data subject's rights. Listed after every module that holds personal data: it is given
 * their providers (`personalData` in each manifest), the account's last.
 */
export const privacyModule = defineModule<
  PrivacyTables,
  {
    accounts: Accounts;
    organisations: OrganisationsService;
    personalDataProviders: readonly PersonalDataProvider[];
  },
  { privacy: PrivacyService }
>({
  name: 'privacy',
  summary:
    'the data subject\'s rights: download (`/account/data/export`), erasure (`/account/data/erase`) and "who looked at my data" (`/account/access-log`); the privacy notice (`/privacy`), its retention periods from `retention.ts`; see [its README](../src/modules/privacy/README.md)',
  tables: [],
  permissions: ['person.export', 'person.erase', 'access_log.read_own'],
  needs: ['accounts', 'organisations', 'personalDataProviders'],
  services: ({ db, audit }, { accounts, organisations, personalDataProviders }) => ({
    privacy: new PrivacyService({
      repository: new PrivacyRepository(db),
      audit,
      providers: personalDataProviders,
      identity: {
        factorOf: async (userId) => ((await accounts.twoFactor.isOn(userId)) ? 'code' : 'password'),
        verifyPassword: (userId, password) => accounts.accounts.verifyPassword(userId, password),
        verifyCode: (userId, code) => accounts.twoFactor.confirmCode(userId, code),
      },
      organisationNames: (ids) => organisations.names(ids),
    }),
  }),
  pages: async (app, { privacy }, { config }) => {
    await app.register(privacyRoutes, { privacy });
    await app.register(privacyNoticeRoutes, { session: config.session });
  },
});
