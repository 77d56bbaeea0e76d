import type { Kysely } from 'kysely';
import type { JobScheduleRecord } from '../../platform/jobs/job-schedules.repository.js';
import type {
  JobRecord,
  JobRunRecord,
  JobsRepository,
} from '../../platform/jobs/jobs.repository.js';
import type { JobTables } from '../../platform/jobs/jobs.tables.js';

export type { JobRecord, JobRunRecord, JobScheduleRecord };

/**
 * The system administrator's view of the job store. The job tables belong to the platform
 * (platform/jobs), whose repository holds their only SQL; this module owns no table and reads
 * and retries through it.
 */
export class SystemJobsRepository {
  constructor(private readonly jobs: JobsRepository) {}

  transaction<T>(work: (trx: Kysely<JobTables>) => Promise<T>): Promise<T> {
    return this.jobs.transaction(work);
  }

  schedules(): Promise<JobScheduleRecord[]> {
    return this.jobs.schedules.all();
  }

  failures(limit: number): Promise<JobRecord[]> {
    return this.jobs.failures(limit);
  }

  recentRuns(limit: number): Promise<JobRunRecord[]> {
    return this.jobs.recentRuns(limit);
  }

  lease(): Promise<{ holder: string | null; expiresAt: Date } | undefined> {
    return this.jobs.lease.current();
  }

  find(trx: Kysely<JobTables>, id: number): Promise<JobRecord | undefined> {
    return this.jobs.find(id, trx);
  }

  retry(trx: Kysely<JobTables>, id: number, now: Date): Promise<boolean> {
    return this.jobs.retry(trx, id, now);
  }
}
