import type { RemittancesDb } from './remittances.tables.js';

export interface RemittancesRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class RemittancesRepository {
  constructor(private readonly db: RemittancesDb) {}

  async list(page: { limit: number; offset: number }): Promise<RemittancesRecord[]> {
    const rows = await this.db
      .selectFrom('remittance')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
