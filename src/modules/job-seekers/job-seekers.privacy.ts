import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { DuplicatesService } from './duplicates.service.js';
import type { JobSeekersService } from './job-seekers.service.js';
import type { JobSeekersTables } from './job-seekers.tables.js';

/**
 * The profile's part of a person's data download and erasure (every row of every table), with
 * the duplicate flags about the person (erased with the profile: their keys cascade).
 */
export function jobSeekersPersonalData(
  jobSeekers: JobSeekersService,
  duplicates: DuplicatesService,
): PersonalDataProvider<JobSeekersTables> {
  return {
    name: 'jobSeekerProfile',
    descriptionKey: 'jobSeekers.privacySection',
    export: async (userId) => {
      const profile = await jobSeekers.exportFor(userId);
      if (!profile) return null;
      const flags = await duplicates.exportFor(userId);
      return {
        ...profile,
        createdAt: profile.createdAt.toISOString(),
        updatedAt: profile.updatedAt.toISOString(),
        duplicateFlags: flags.map((flag) => ({
          ...flag,
          flaggedAt: flag.flaggedAt.toISOString(),
          decidedAt: flag.decidedAt?.toISOString() ?? null,
        })),
      };
    },
    erase: (executor, userId) => jobSeekers.eraseFor(executor, userId),
  };
}
