import type { DemoOutcome } from '../manifest.js';
import type { ApplicationsService } from './applications.service.js';

/** Demo applications: see README (needs the demo job seekers of the job-seekers module). */
export async function seedDemoApplications(deps: {
  applications: ApplicationsService;
  jobSeekers: unknown;
  vacancySearch: unknown;
}): Promise<DemoOutcome> {
  if (await deps.applications.anyApplication()) return { applications: 0 };
  return { applications: 0 };
}
