import type { Kysely } from 'kysely';
import type { JobTables } from './jobs.tables.js';

/** The only SQL on job_runner_lease: which process's runner is the active one. */
export class JobRunnerLeaseRepository {
  constructor(private readonly db: Kysely<JobTables>) {}

  /** Takes or renews the lease; true when `holder` holds it until `until`. */
  async hold(holder: string, now: Date, until: Date): Promise<boolean> {
    const row = await this.db
      .updateTable('job_runner_lease')
      .set({ holder, expires_at: until })
      .where('id', '=', 1)
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', now)]))
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder;
  }

  async release(holder: string, now: Date): Promise<void> {
    await this.db
      .updateTable('job_runner_lease')
      .set({ holder: null, expires_at: now })
      .where('id', '=', 1)
      .where('holder', '=', holder)
      .execute();
  }

  async current(): Promise<{ holder: string | null; expiresAt: Date } | undefined> {
    return this.db
      .selectFrom('job_runner_lease')
      .select(['holder', 'expires_at as expiresAt'])
      .where('id', '=', 1)
      .executeTakeFirst();
  }
}
