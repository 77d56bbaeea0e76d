import type { Kysely, Transaction } from 'kysely';

/**
 * A change that spans two modules by design commits as one: the module that starts it opens
 * the transaction and lends it to the other module's service (an invitation accepted opens the
 * account, in accounts, and gives the role, in organisations). The transaction is typed with
 * the lender's tables, which the borrower must not see. So the borrower's entry point takes it
 * typed with ANY tables (`assign<DB>(executor: Kysely<DB> | Transaction<DB>, …)`) and queries it only through its
 * own view, typed with its own tables: the one line `ownView<…>()` in its `*.tables.ts`
 * (`organisationsView`, `accountsView`). Neither module's types name the other's tables; the
 * SQL is checked by the table-ownership test (modules.test.ts).
 *
 * The view is the same connection, so the borrower's writes commit or roll back with the
 * lender's. It is a view of types only: at run time the transaction reaches every table, as
 * the database does.
 */
export function ownView<Own>(): <DB>(
  // Transaction<DB> listed too: TypeScript cannot infer DB from a Transaction otherwise.
  executor: Kysely<DB> | Transaction<DB>,
) => Kysely<Own> {
  return (executor) => executor as unknown as Kysely<Own>;
}
