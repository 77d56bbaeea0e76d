import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../test/helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../test/helpers/database.js';
import { seed } from './seed.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

// A newcomer starting Corridor on a slow machine sees each step with its count (issue 11: the
// first start was silent for 90 s under load).
describe('seed progress', () => {
  it('says one line per step with its count and time, then that a second seed adds nothing', async () => {
    const lines: string[] = [];
    await seed(database.kysely, { demo: true, config: testConfig() }, (line) => lines.push(line));
    expect(lines).toEqual([
      expect.stringMatching(/^reference data: 11 datasets up to date \(\d+\.\d s\)$/),
      expect.stringMatching(/^vacancies: 52 exchange rates \(\d+\.\d s\)$/),
      expect.stringMatching(/^remittances: 10,322 corridor averages, 95 skipped \(\d+\.\d s\)$/),
      expect.stringMatching(
        /^job seekers: 500 demo people; 24 sign in with the demo password, e\.g\. \S+@seekers\.demo\.corridor\.example/,
      ),
      expect.stringMatching(/^notifications: \d+ application events told in the app/),
      expect.stringMatching(
        /^demo data: 9 organisations, 10 users, 2 licences, 3 vettings, 200 vacancies, 6 minimum wages, 121 guides, 6 remittance providers, 64 remittance quotes, 15 directory entries, 2 eligibility schemes, 4 abuse reports, 500 job seekers, \d+ duplicate flags, \d+ applications \(\d+\.\d s\)$/,
      ),
    ]);
    const again: string[] = [];
    await seed(database.kysely, { demo: true, config: testConfig() }, (line) => again.push(line));
    expect(again.at(-1)).toMatch(/^demo data: none added, the database already has some/);
  });
});
