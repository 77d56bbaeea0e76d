import type { Db } from '../../database.js';

/**
 * What a module holds about a person, for the data download and for erasure. Each module that
 * stores personal data registers one (in src/services.ts); the privacy module never reads
 * another module's tables itself.
 */
export interface PersonalDataProvider {
  /** The section's name in the download: a stable identifier, e.g. 'account', 'consent'. */
  name: string;
  /**
   * Optional locale key of a sentence saying what the section holds, for the "your data" page.
   * Without it the page looks for `privacy.sections.<name>`.
   */
  descriptionKey?: string;
  /** Everything held about the person, as plain JSON (ISO dates, no secrets such as hashes). */
  export(userId: string): Promise<unknown>;
  /**
   * Erase or anonymise the person's data, using only `executor`: it is the one transaction in
   * which every provider runs, so that a failure anywhere leaves nothing half-erased. Never
   * touch audit_event (it is append-only and holds ids only).
   */
  erase(executor: Db, userId: string): Promise<void>;
}
