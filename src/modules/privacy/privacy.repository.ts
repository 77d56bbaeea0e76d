import type { PrivacyDb } from './privacy.tables.js';

/** The privacy module's one transaction: every provider's erasure and the audit event. */
export class PrivacyRepository {
  constructor(private readonly db: PrivacyDb) {}

  /**
   * One transaction for the whole erasure: every provider's part and the audit event. Typed
   * with the privacy module's tables (none but reference data): the providers see it with
   * theirs, AuditLog with audit_event (see PersonalDataProvider).
   */
  transaction<T>(work: (executor: PrivacyDb) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(trx));
  }
}
