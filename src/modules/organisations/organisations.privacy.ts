import { ValidationError, type FieldProblem } from '../../platform/http/problem.js';
import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { InvitationsRepository } from './invitations.repository.js';
import type { OrganisationsTables } from './organisations.tables.js';
import type { RolesRepository } from './roles.repository.js';

/** An organisation's last administrator is asked to appoint another before erasing themselves. */
function lastAdministratorProblems(organisations: { organisationName: string }[]): FieldProblem[] {
  return organisations.map((organisation) => ({
    pointer: '/confirm',
    detail: 'members.errors.lastAdministratorErasure',
    values: { organisation: organisation.organisationName },
  }));
}

/**
 * The roles a person holds in organisations, for their data download and erasure. Erasure is
 * refused to an organisation's only administrator (it would leave the organisation unable to
 * manage its staff): checked before asking for the second factor, and again in the erasure's
 * transaction with the organisations locked.
 */
export function rolesPersonalData(
  roles: RolesRepository,
  invitations: InvitationsRepository,
): PersonalDataProvider<OrganisationsTables> {
  return {
    name: 'roles',
    descriptionKey: 'organisations.privacySection',
    export: (userId) => roles.grantsFor(userId),
    erasureRefusals: async (userId) =>
      lastAdministratorProblems(await roles.soleAdministrations(userId)),
    erase: async (executor, userId) => {
      await roles.lockAdministeredBy(executor, userId);
      const problems = lastAdministratorProblems(await roles.soleAdministrations(userId, executor));
      if (problems.length > 0) throw new ValidationError(problems);
      await roles.removeAll(executor, userId);
      await invitations.forgetEmail(executor, userId);
    },
  };
}
