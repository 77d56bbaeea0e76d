import { defineModule } from '../manifest.js';
import { JobSeekersRepository } from './job-seekers.repository.js';
import { JobSeekersService } from './job-seekers.service.js';
import type { JobSeekersTables } from './job-seekers.tables.js';

export const jobSeekersModule = defineModule<
  JobSeekersTables,
  object,
  { jobSeekers: JobSeekersService }
>({
  name: 'job-seekers',
  summary: 'TODO: one line for docs/architecture.md',
  tables: [
    'job_seeker',
    'job_seeker_education',
    'job_seeker_experience',
    'job_seeker_occupation',
    'job_seeker_skill',
    'job_seeker_language',
    'job_seeker_destination',
    'job_seeker_duplicate',
    'job_seeker_duplicate_scan',
  ],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['job_seeker.read', 'job_seeker.assist', 'job_seeker.merge'],
  needs: [],
  services: ({ db }) => ({
    jobSeekers: new JobSeekersService(new JobSeekersRepository(db)),
  }),
});
