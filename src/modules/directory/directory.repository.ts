import type { DirectoryDb } from './directory.tables.js';

export interface DirectoryRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class DirectoryRepository {
  constructor(private readonly db: DirectoryDb) {}

  async list(page: { limit: number; offset: number }): Promise<DirectoryRecord[]> {
    const rows = await this.db
      .selectFrom('directory')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
