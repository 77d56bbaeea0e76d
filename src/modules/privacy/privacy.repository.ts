import type { Db } from '../../database.js';

/** The only SQL of the privacy module: organisation names for the access log, and the transaction. */
export class PrivacyRepository {
  constructor(private readonly db: Db) {}

  /** Names by id; ids of organisations that no longer exist are simply missing. */
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

  /** One transaction for the whole erasure: every provider's part and the audit event. */
  transaction<T>(work: (executor: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
