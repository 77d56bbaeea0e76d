import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { InvitationsRepository } from './invitations.repository.js';
import type { MatchingTables } from './matching.tables.js';

/**
 * The invitations to apply a person received, in their data download; erasure deletes them
 * (the audit trail keeps that an invitation was sent). The index holds nothing of its own: it
 * is built from the job-seekers module's profiles, erased there.
 */
export function matchingPersonalData(
  repository: InvitationsRepository,
): PersonalDataProvider<MatchingTables> {
  return {
    name: 'matching',
    descriptionKey: 'matching.privacySection',
    export: async (userId) =>
      (await repository.ofUser(userId)).map((row) => ({
        id: row.id,
        vacancyNumber: row.vacancyNumber,
        organisationId: row.organisationId,
        invitedAt: row.createdAt.toISOString(),
      })),
    erase: async (executor, userId) => {
      await repository.eraseUser(executor, userId);
    },
  };
}
