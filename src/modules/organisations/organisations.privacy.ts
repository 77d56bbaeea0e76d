import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { InvitationsRepository } from './invitations.repository.js';
import type { OrganisationsTables } from './organisations.tables.js';
import type { RolesRepository } from './roles.repository.js';

/** The roles a person holds in organisations, for their data download and erasure. */
export function rolesPersonalData(
  roles: RolesRepository,
  invitations: InvitationsRepository,
): PersonalDataProvider<OrganisationsTables> {
  return {
    name: 'roles',
    descriptionKey: 'organisations.privacySection',
    export: (userId) => roles.grantsFor(userId),
    erase: async (executor, userId) => {
      await roles.removeAll(executor, userId);
      await invitations.forgetEmail(executor, userId);
    },
  };
}
