import type { JobSeekersDb } from './job-seekers.tables.js';

/** The only SQL of the module's profile, on its own tables. */
export class JobSeekersRepository {
  constructor(private readonly db: JobSeekersDb) {}

  /** Accounts that have a profile, oldest first (demo and tests). */
  async userIdsWithProfiles(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('job_seeker')
      .select('user_id')
      .orderBy('created_at')
      .orderBy('user_id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.user_id);
  }
}
