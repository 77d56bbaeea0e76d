import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { JobSeekersService } from './job-seekers.service.js';
import type { JobSeekersTables } from './job-seekers.tables.js';

/** The profile's part of a person's data download and erasure (every row of every table). */
export function jobSeekersPersonalData(
  jobSeekers: JobSeekersService,
): PersonalDataProvider<JobSeekersTables> {
  return {
    name: 'jobSeekerProfile',
    descriptionKey: 'jobSeekers.privacySection',
    export: async (userId) => {
      const profile = await jobSeekers.exportFor(userId);
      return profile
        ? {
            ...profile,
            createdAt: profile.createdAt.toISOString(),
            updatedAt: profile.updatedAt.toISOString(),
          }
        : null;
    },
    erase: (executor, userId) => jobSeekers.eraseFor(executor, userId),
  };
}
