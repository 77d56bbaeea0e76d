import type { Accounts } from '../accounts/accounts.module.js';
import { defineModule } from '../manifest.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { ApiKeysService } from './api-keys.service.js';
import { InvitationsRepository } from './invitations.repository.js';
import { invitationRoutes } from './invitations.routes.js';
import { InvitationsService } from './invitations.service.js';
import { memberRoutes } from './members.routes.js';
import { MembersService } from './members.service.js';
import { organisationsApi } from './organisations.api.js';
import { rolesPersonalData } from './organisations.privacy.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { organisationRoutes } from './organisations.routes.js';
import { OrganisationsService } from './organisations.service.js';
import type { OrganisationsTables } from './organisations.tables.js';
import { RolesRepository } from './roles.repository.js';

export const organisationsModule = defineModule<
  OrganisationsTables,
  { reference: ReferenceService; accounts: Accounts },
  {
    roles: RolesRepository;
    organisations: OrganisationsService;
    invitations: InvitationsService;
    members: MembersService;
    apiKeys: ApiKeysService;
  }
>({
  name: 'organisations',
  summary:
    "organisations (created by a system administrator, read within the caller's scope); **members** (an administrator changes a member's role or removes them; one administrator always stays); **invitations** (an emailed link that opens an account or adds a role); **API keys** (shown once, stored hashed, revocable); `/api/v1/organisations`",
  tables: ['organisation', 'role_assignment', 'invitation', 'api_key'],
  permissions: [
    'organisation.create',
    'organisation.read',
    'organisation.update',
    'member.invite',
    'member.read',
    'member.update_role',
    'api_key.create',
    'api_key.read',
    'api_key.revoke',
  ],
  needs: ['reference', 'accounts'],
  services: ({ db, audit, config, events }, { reference, accounts }) => {
    const roles = new RolesRepository(db);
    const organisations = new OrganisationsService(
      new OrganisationsRepository(db),
      audit,
      { countryExists: async (code: string) => (await reference.getCountry(code)) !== null },
      accounts.accounts,
      events,
    );
    return {
      roles,
      organisations,
      invitations: new InvitationsService(
        new InvitationsRepository(db),
        roles,
        organisations,
        accounts.accounts,
        accounts.mailer,
        audit,
        { publicUrl: config.publicUrl },
      ),
      members: new MembersService({
        db,
        roles,
        organisations,
        audit,
        twoFactor: accounts.twoFactor,
      }),
      apiKeys: new ApiKeysService(new ApiKeysRepository(db), organisations, audit),
    };
  },
  pages: async (app, services) => {
    const { organisations } = services;
    await app.register(organisationRoutes, { organisations, reference: services.reference });
    await app.register(invitationRoutes, { invitations: services.invitations, organisations });
    await app.register(memberRoutes, { members: services.members, organisations });
    await app.register(apiKeyRoutes, { apiKeys: services.apiKeys });
  },
  api: async (app, { organisations }) => {
    await app.register(organisationsApi, { organisations });
  },
  menu: [
    {
      position: 80,
      href: '/organisations',
      labelKey: 'nav.organisations',
      permission: 'organisation.read',
    },
  ],
  events: { publishes: ['organisation.updated'], consumes: [] },
  personalData: ({ roles }, { db }) => rolesPersonalData(roles, new InvitationsRepository(db)),
});
