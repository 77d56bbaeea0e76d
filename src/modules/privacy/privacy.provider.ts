import type { Kysely } from 'kysely';
import type { FieldProblem } from '../../platform/http/problem.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

/**
 * What a module holds about a person, for the data download and for erasure. Each module that
 * stores personal data declares one (`personalData` in its manifest); the privacy module never
 * reads another module's tables itself.
 *
 * Erasure is one transaction across modules by design (a failure anywhere leaves nothing
 * half-erased), yet each provider sees that transaction typed with its OWN tables only:
 * `Tables` is the module's tables, as in its manifest (`personalData` returns a
 * `PersonalDataProvider<Tables>`), so naming another module's table in `erase` is a type
 * error. The privacy module opens the transaction and hands it on without looking into it;
 * the composition (services.ts), which alone holds the whole database, is where one
 * connection is seen as each module's tables, exactly as it hands each module its `db`.
 */
export interface PersonalDataProvider<Tables = object> {
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
   * Why the person's data cannot be erased yet, each a translated message with what to do (an
   * organisation's only administrator must appoint another first); none when it can. Shown on
   * the page and checked before the second factor is asked. `erase` must check again in its
   * transaction and throw a ValidationError, since things change between the two.
   */
  erasureRefusals?(userId: string): Promise<FieldProblem[]>;
  /**
   * Erase or anonymise the person's data, using only `executor`: it is the one transaction in
   * which every provider runs, so that a failure anywhere leaves nothing half-erased. Never
   * touch audit_event (it is append-only and holds ids only).
   */
  erase(executor: Kysely<Tables & ReferenceTables>, userId: string): Promise<void>;
}
