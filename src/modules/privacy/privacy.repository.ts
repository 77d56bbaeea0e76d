import type { Db } from '../../database.js';

/** The privacy module's one transaction: every provider's erasure and the audit event. */
export class PrivacyRepository {
  constructor(private readonly db: Db) {}

  /** One transaction for the whole erasure: every provider's part and the audit event. */
  transaction<T>(work: (executor: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
