import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { RolesRepository } from './roles.repository.js';

/** The roles a person holds in organisations, for their data download and erasure. */
export function rolesPersonalData(roles: RolesRepository): PersonalDataProvider {
  return {
    name: 'roles',
    descriptionKey: 'organisations.privacySection',
    export: (userId) => roles.grantsFor(userId),
    erase: (executor, userId) => roles.removeAll(executor, userId),
  };
}
