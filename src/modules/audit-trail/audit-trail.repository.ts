import type { AuditTrailDb } from './audit-trail.tables.js';

/** The auditor pages' transaction (verifying records an audit event, through AuditLog). */
export class AuditTrailRepository {
  constructor(private readonly db: AuditTrailDb) {}

  transaction<T>(work: (executor: AuditTrailDb) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
