import type { JobSeekersDb } from './job-seekers.tables.js';

export interface JobSeekersRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class JobSeekersRepository {
  constructor(private readonly db: JobSeekersDb) {}

  async list(page: { limit: number; offset: number }): Promise<JobSeekersRecord[]> {
    const rows = await this.db
      .selectFrom('job_seeker')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
