import type { AbuseReportsDb } from './abuse-reports.tables.js';

export interface AbuseReportsRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class AbuseReportsRepository {
  constructor(private readonly db: AbuseReportsDb) {}

  async list(page: { limit: number; offset: number }): Promise<AbuseReportsRecord[]> {
    const rows = await this.db
      .selectFrom('abuse_report')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
