import type { EligibilityDb } from './eligibility.tables.js';

export interface EligibilityRecord {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class EligibilityRepository {
  constructor(private readonly db: EligibilityDb) {}

  async list(page: { limit: number; offset: number }): Promise<EligibilityRecord[]> {
    const rows = await this.db
      .selectFrom('eligibility')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
