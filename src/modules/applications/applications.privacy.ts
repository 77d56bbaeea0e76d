import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { ApplicationsRepository } from './applications.repository.js';
import type { ApplicationsTables } from './applications.tables.js';

/**
 * The person's applications in their data download; erasure. An application is also the
 * organisation's record of its recruitment (who was shortlisted, offered, why one was
 * rejected): erasure keeps the application's state, history and the vacancy's terms, but
 * removes the link to the person (seeker_user_id), their note and the documents attached. The
 * organisation then sees "an erased applicant".
 */
export function applicationsPersonalData(
  repository: ApplicationsRepository,
  now: () => Date,
): PersonalDataProvider<ApplicationsTables> {
  return {
    name: 'applications',
    descriptionKey: 'applications.privacySection',
    export: async (userId) => {
      const applications = await repository.ofSeeker(userId);
      const history = await repository.history(applications.map((item) => item.id));
      return applications.map((item) => ({
        id: item.id,
        state: item.state,
        submittedAt: item.submittedAt.toISOString(),
        vacancy: item.terms,
        note: item.note,
        documentIds: item.documentIds,
        interviewAt: item.interviewAt?.toISOString() ?? null,
        interviewPlace: item.interviewPlace,
        interviewLink: item.interviewLink,
        rejectReason: item.rejectReason,
        offerTerms: item.offerTerms,
        offerStartDate: item.offerStartDate,
        history: history
          .filter((row) => row.subjectId === item.id)
          .map((row) => ({
            event: row.event,
            from: row.fromState,
            to: row.toState,
            reason: row.reason,
            at: row.occurredAt.toISOString(),
          })),
      }));
    },
    erase: async (executor, userId) => {
      await repository.eraseSeeker(executor, userId, now());
    },
  };
}
