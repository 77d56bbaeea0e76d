import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
it('smoke', async () => {
  const rows = await database.kysely.selectFrom('country').select((eb) => eb.fn.countAll<number>().as('n')).execute();
  expect(rows[0]?.n).toBe(249);
});
