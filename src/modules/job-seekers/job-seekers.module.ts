import { defineModule } from '../manifest.js';
import { jobSeekersApi } from './job-seekers.api.js';
import { JobSeekersRepository } from './job-seekers.repository.js';
import { jobSeekersRoutes } from './job-seekers.routes.js';
import { JobSeekersService } from './job-seekers.service.js';
import type { JobSeekersTables } from './job-seekers.tables.js';

export const jobSeekersModule = defineModule<
  JobSeekersTables,
  object,
  { jobSeekers: JobSeekersService }
>({
  name: 'job-seekers',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['job_seeker'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['job_seeker.read', 'job_seeker.assist', 'job_seeker.merge'],
  needs: [],
  services: ({ db }) => ({
    jobSeekers: new JobSeekersService(new JobSeekersRepository(db)),
  }),
  pages: async (app, { jobSeekers }) => {
    await app.register(jobSeekersRoutes, { jobSeekers });
  },
  api: async (app, { jobSeekers }) => {
    await app.register(jobSeekersApi, { jobSeekers });
  },
});
