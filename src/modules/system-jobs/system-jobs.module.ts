import type { Jobs } from '../../platform/jobs/jobs.js';
import { defineModule } from '../manifest.js';
import { createJobs } from './system-jobs.jobs.js';
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
  { jobs: Jobs; systemJobs: SystemJobsService }
>({
  name: 'system-jobs',
  summary:
    'background jobs (platform/jobs, [ADR 11](adr/0011-background-jobs.md)): the `jobs` other modules define and enqueue theirs on; `/system/jobs` for the system administrator: recent runs, failures with their error and "retry now", scheduled jobs with their next run',
  // The job tables belong to the platform (platform/jobs); this module reads them through it.
  tables: [],
  permissions: ['job.manage'],
  needs: [],
  services: ({ db, audit }) => {
    const jobs = createJobs(db);
    const repository = new SystemJobsRepository(jobs.repository);
    return { jobs, systemJobs: new SystemJobsService({ repository, jobs, audit }) };
  },
  pages: async (app, { systemJobs }) => {
    await app.register(systemJobsRoutes, { systemJobs });
  },
  menu: [
    { position: 95, href: '/system/jobs', labelKey: 'systemJobs.nav', permission: 'job.manage' },
  ],
});
