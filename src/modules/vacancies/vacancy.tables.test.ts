import { describe, expect, it } from 'vitest';
import type { Executor } from './job-orders.repository.js';
import type { SearchDb } from './search/public-vacancy.repository.js';

/**
 * Table ownership in the types, for the vacancies module's repositories (job orders, minimum
 * wages, search): their Kysely names the module's own tables and the reference data only. The
 * `@ts-expect-error` lines are the test: `npm run typecheck` fails if one of them compiles.
 */
describe("the vacancies module's Kysely type", () => {
  it('names its own tables and the reference data, never another module’s', () => {
    // Never run: checked by the compiler only.
    const queries = (jobOrders: Executor, search: SearchDb) => [
      jobOrders.selectFrom('vacancy').select('id'),
      jobOrders.selectFrom('minimum_wage').select('id'),
      jobOrders.selectFrom('currency').select('code'),
      search.selectFrom('vacancy_translation').select('title'),
      // @ts-expect-error organisation is the organisations module's
      jobOrders.selectFrom('organisation'),
      // @ts-expect-error licence is the licensing module's
      jobOrders.selectFrom('licence'),
      // @ts-expect-error employer_vetting is the licensing module's
      jobOrders.selectFrom('employer_vetting'),
      // @ts-expect-error organisation is the organisations module's
      search.selectFrom('organisation'),
    ];
    expect(typeof queries).toBe('function');
  });
});
