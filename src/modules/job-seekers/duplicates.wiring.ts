import type { VacancySearchService } from '../vacancies/search/search.service.js';
import type { Transaction } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { App } from '../../platform/http/types.js';
import type { SeedContext } from '../manifest.js';
import type { Accounts } from '../accounts/accounts.module.js';
import type { RolesRepository } from '../organisations/roles.repository.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import { DuplicatesRepository } from './duplicates.repository.js';
import { duplicatesRoutes } from './duplicates.routes.js';
import { DuplicatesService } from './duplicates.service.js';
import { seedDemoSeekers } from './job-seekers.demo.js';
import type { JobSeekersDb, JobSeekersTables } from './job-seekers.tables.js';

/**
 * The duplicates' and the demo's parts of the job-seekers manifest, so that the manifest
 * names each in one line: the service, the officers' pages, the job, the demo people.
 */

export const DUPLICATES_SCAN_JOB = 'job_seekers.find_duplicates';

export function createDuplicates(db: JobSeekersDb, audit: AuditLog): DuplicatesService {
  return new DuplicatesService({ repository: new DuplicatesRepository(db), audit });
}

export async function duplicatesPages(
  app: App,
  services: { duplicates: DuplicatesService; reference: ReferenceService },
): Promise<void> {
  await app.register(duplicatesRoutes, {
    duplicates: services.duplicates,
    reference: services.reference,
  });
}

/** Every 10 minutes: the profiles changed since the last run are compared with the others. */
export function registerDuplicatesJobs(
  jobs: Jobs,
  services: { duplicates: DuplicatesService },
): void {
  jobs.define({
    name: DUPLICATES_SCAN_JOB,
    maxAttempts: 3,
    run: async () => {
      await services.duplicates.scan();
    },
  });
  jobs.schedule(DUPLICATES_SCAN_JOB, { cron: '*/10 * * * *' });
}

type Trx = Transaction<JobSeekersTables & ReferenceTables>;

export function demoJobSeekers(
  context: SeedContext<JobSeekersTables>,
  services: {
    accounts: Accounts;
    roles: RolesRepository;
    duplicates: DuplicatesService;
    vacancySearch: Pick<VacancySearchService, 'matchingVacancies'>;
  },
) {
  return seedDemoSeekers({
    db: context.db,
    audit: context.audit,
    progress: context.progress,
    createUser: (executor: Trx, user) => services.accounts.accounts.createUser(executor, user),
    assignJobSeeker: (executor: Trx, userId) =>
      services.roles.assign(executor, { userId, role: 'job_seeker', organisationId: null }),
    scanDuplicates: () => services.duplicates.scan(),
    // So that the demo's people who sign in have vacancies that fit them (docs/matching.md).
    openVacancies: async () =>
      (await services.vacancySearch.matchingVacancies({ afterNumber: 0, limit: 5000 })).map(
        (vacancy) => ({ origin: vacancy.originCountry, isco: vacancy.occupation.iscoCode ?? '' }),
      ),
  });
}
