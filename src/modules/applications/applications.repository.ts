import type { ApplicationsDb } from './applications.tables.js';

export interface ApplicationsRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class ApplicationsRepository {
  constructor(private readonly db: ApplicationsDb) {}

  async list(page: { limit: number; offset: number }): Promise<ApplicationsRecord[]> {
    const rows = await this.db
      .selectFrom('application')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
