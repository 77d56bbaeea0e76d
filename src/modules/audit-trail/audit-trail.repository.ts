import type { Db } from '../../database.js';

/** The auditor pages' transaction (verifying records an audit event). */
export class AuditTrailRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(work: (executor: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
