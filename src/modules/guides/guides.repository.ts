import type { GuidesDb } from './guides.tables.js';

export interface GuidesRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class GuidesRepository {
  constructor(private readonly db: GuidesDb) {}

  async list(page: { limit: number; offset: number }): Promise<GuidesRecord[]> {
    const rows = await this.db
      .selectFrom('guide')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
