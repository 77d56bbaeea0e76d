import type { Db } from '../../database.js';

/** The only SQL of the auditor pages: organisation names for the table. */
export class AuditTrailRepository {
  constructor(private readonly db: Db) {}

  async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  transaction<T>(work: (executor: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
