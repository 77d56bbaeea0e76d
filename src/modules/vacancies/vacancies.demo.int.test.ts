import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { seed } from '../../seed.js';
import { createServices } from '../../services.js';
import { applicableFloor } from '../../devtools/generate/wages.js';
import { DEMO_VACANCY_COUNT, seedDemoVacancies } from './vacancies.demo.js';
import { isoDate } from './vacancy.states.js';
import { meetsMinimum } from './wage.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.kysely, { demo: true, config: testConfig() });
});
afterAll(async () => database.close());

describe('demo job orders', () => {
  it('seeds 200 vacancies, most published and publicly visible, some waiting for the Kenyan officer', async () => {
    const vacancies = await database.kysely
      .selectFrom('vacancy as v')
      .leftJoin('licence as l', (join) =>
        join
          .onRef('l.organisation_id', '=', 'v.agency_organisation_id')
          .on('l.state', '=', 'active'),
      )
      .select([
        'v.state',
        'v.origin_country',
        'v.application_deadline',
        'v.agency_organisation_id',
        'l.valid_to',
      ])
      .execute();
    expect(vacancies).toHaveLength(DEMO_VACANCY_COUNT);
    const inState = (state: string) => vacancies.filter((v) => v.state === state);
    expect(inState('published').length).toBeGreaterThanOrEqual(150);
    expect(inState('draft').length).toBeGreaterThan(0);
    // The review queue of the Kenyan origin officer: submitted job orders recruited from Kenya.
    expect(inState('submitted').length).toBeGreaterThan(0);
    expect(inState('submitted').every((v) => v.origin_country === 'KE')).toBe(true);

    // The public visibility rule (search.types.ts) holds for every published one.
    const today = isoDate(new Date());
    for (const vacancy of inState('published')) {
      expect(vacancy.application_deadline >= today).toBe(true);
      if (vacancy.agency_organisation_id) expect((vacancy.valid_to ?? '') >= today).toBe(true);
    }
  });

  it('meets the Kenyan minimum wages, in their currency, everywhere', async () => {
    const floors = (await database.kysely.selectFrom('minimum_wage').selectAll().execute()).map(
      (row) => ({
        originCountry: row.origin_country,
        destinationCountry: row.destination_country,
        iscoCode: row.isco_code,
        amount: Number(row.amount),
        currency: row.currency,
        period: row.period,
      }),
    );
    expect(floors.map((f) => `${f.destinationCountry}${f.iscoCode ?? ''}`).sort()).toEqual([
      'AE',
      'AE2221',
      'QA',
      'QA2221',
      'SA',
      'SA2221',
    ]);
    const vacancies = await database.kysely.selectFrom('vacancy').selectAll().execute();
    let nurses = 0;
    for (const vacancy of vacancies) {
      const floor = applicableFloor(
        floors,
        vacancy.origin_country,
        vacancy.destination_country,
        vacancy.isco_code,
      );
      expect(floor, `${vacancy.destination_country} ${vacancy.isco_code}`).not.toBeNull();
      if (!floor) continue;
      if (floor.iscoCode === '2221') nurses += 1;
      expect(vacancy.wage_currency).toBe(floor.currency);
      expect(
        meetsMinimum(
          { amount: Number(vacancy.wage_amount), period: vacancy.wage_period },
          floor,
          Number(vacancy.hours_per_week),
        ),
      ).toBe(true);
    }
    expect(nurses).toBeGreaterThan(0);
  });

  it('recruits through the licensed agency only for vetted employers', async () => {
    const rows = await database.kysely
      .selectFrom('vacancy as v')
      .innerJoin('organisation as e', 'e.id', 'v.employer_organisation_id')
      .leftJoin('organisation as a', 'a.id', 'v.agency_organisation_id')
      .leftJoin('employer_vetting as ev', 'ev.organisation_id', 'e.id')
      .select(['a.registration_number as agency', 'ev.state as vetting'])
      .execute();
    const viaAgency = rows.filter((row) => row.agency !== null);
    expect(viaAgency.length).toBeGreaterThan(0);
    for (const row of viaAgency) {
      expect(row.agency).toBe('PVT-KE-10231');
      expect(row.vetting).toBe('vetted');
    }
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const services = createServices({ db: database.kysely, config: testConfig() });
    const again = await seedDemoVacancies({
      db: database.kysely,
      audit: services.audit,
      organisationIds: (numbers) => services.organisations.idsByRegistration(numbers),
      userIds: async () => new Map(),
    });
    expect(again).toEqual({ vacancies: 0, minimumWages: 0 });
    await seed(database.kysely, { demo: true, config: testConfig() });
    const total = await database.kysely
      .selectFrom('vacancy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(DEMO_VACANCY_COUNT);
  });

  it('is reproducible: the same titles in the same order on another database', async () => {
    const other = await createTestDatabase();
    try {
      await seed(other.kysely, { demo: true, config: testConfig() });
      const titles = (db: TestDatabase) =>
        db.kysely
          .selectFrom('vacancy')
          .select(['id', 'title', 'wage_amount'])
          .orderBy('id')
          .execute();
      expect(await titles(other)).toEqual(await titles(database));
    } finally {
      await other.close();
    }
  });
});
