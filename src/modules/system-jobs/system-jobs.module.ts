import { defineModule } from '../manifest.js';
import { registerSystemJobs } from './system-jobs.jobs.js';
import { SystemJobsRepository } from './system-jobs.repository.js';
import { systemJobsRoutes } from './system-jobs.routes.js';
import { SystemJobsService } from './system-jobs.service.js';
import type { SystemJobsTables } from './system-jobs.tables.js';

/**
 * Background jobs: the app's `jobs` (platform/jobs, ADR 11) for the modules that define jobs,
 * and the system administrator's page of runs, failures and schedules.
 */
export const systemJobsModule = defineModule<
  SystemJobsTables,
  Record<string, never>,
  { systemJobs: SystemJobsService }
>({
  name: 'system-jobs',
  summary:
    'background jobs (platform/jobs, [ADR 11](adr/0011-background-jobs.md)), which every module defines in its manifest: `/system/jobs` for the system administrator: recent runs, failures with their error and "retry now", scheduled jobs with their next run',
  // The job tables belong to the platform (platform/jobs); this module reads them through it.
  tables: [],
  permissions: ['job.manage'],
  needs: [],
  services: ({ jobs, audit }) => ({
    systemJobs: new SystemJobsService({
      repository: new SystemJobsRepository(jobs.repository),
      jobs,
      audit,
    }),
  }),
  pages: async (app, { systemJobs }) => {
    await app.register(systemJobsRoutes, { systemJobs });
  },
  jobs: (jobs) => registerSystemJobs(jobs),
  menu: [
    { position: 95, href: '/system/jobs', labelKey: 'systemJobs.nav', permission: 'job.manage' },
  ],
});
