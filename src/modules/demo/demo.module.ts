import type { Accounts } from '../accounts/accounts.module.js';
import { defineModule } from '../manifest.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { RolesRepository } from '../organisations/roles.repository.js';
import { seedDemo } from './demo.seed.js';
import type { DemoTables } from './demo.tables.js';

/**
 * Invented organisations and one user per role, loaded outside production into a database that
 * has no organisation yet. Listed before the modules whose demo data builds on them.
 */
export const demoModule = defineModule<
  DemoTables,
  { organisations: OrganisationsService; accounts: Accounts; roles: RolesRepository },
  object
>({
  name: 'demo',
  summary:
    'invented organisations and one user per role, loaded outside production into a database that has no organisation yet; the accounts are printed at the start that creates them',
  tables: [],
  permissions: [],
  needs: ['organisations', 'accounts', 'roles'],
  services: () => ({}),
  demo: async ({ db, audit }, { organisations, accounts, roles }) => {
    const report = await seedDemo({
      db,
      audit,
      hasOrganisations: () => organisations.any(),
      createOrganisation: (executor, organisation) =>
        organisations.insertForSeed(executor, organisation),
      createUser: (executor, user) => accounts.accounts.createUser(executor, user),
      assignRole: (executor, grant) => roles.assign(executor, grant),
      enableTwoFactor: (executor, userId, secret) =>
        accounts.twoFactor.enableWithSecret(executor, userId, secret),
    });
    return report ? { ...report } : 'not-empty';
  },
});
