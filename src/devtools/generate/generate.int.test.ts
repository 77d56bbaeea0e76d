import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { withDatabase } from '../../../test/helpers/postgres.js';
import { loadConfig } from '../../config.js';
import { openBulkWriter } from '../../platform/db/copy.js';
import { isoDate } from '../../modules/vacancies/vacancy.states.js';
import { addToBatch, COLUMNS, emptyBatch, type VacancyRow } from './rows.js';
import { generateVacancies } from './generate.js';
import { generateIntoDatabase } from './run.js';
import { copySink } from './vacancy-batches.repository.js';

let database: TestDatabase;
let url: string | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  // On PostgreSQL, COPY streams on a connection of its own: to this test's database.
  const config = loadConfig();
  if (config.database.kind === 'postgres') {
    const { name } = await database.kysely
      .selectNoFrom((eb) => eb.fn<string>('current_database').as('name'))
      .executeTakeFirstOrThrow();
    url = withDatabase(config.database.url, name);
  }
});
afterAll(async () => database.close());

const countOf = async (
  table: 'vacancy' | 'vacancy_event' | 'vacancy_skill' | 'vacancy_position_fill',
) =>
  Number(
    (
      await database.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A generated vacancy's columns, to copy again with other values. */
async function aVacancy(): Promise<VacancyRow> {
  return database.kysely
    .selectFrom('vacancy')
    .select(COLUMNS.vacancy)
    .limit(1)
    .executeTakeFirstOrThrow();
}

async function copy(batch: ReturnType<typeof emptyBatch>, trustedReferences: boolean) {
  const writer = await openBulkWriter(database, url ? { url } : {});
  try {
    await copySink(writer, { trustedReferences }).write(batch);
  } finally {
    await writer.close();
  }
}

describe('generating vacancies through COPY', () => {
  it('writes 2,000 vacancies with their history, skills, languages and filled positions', async () => {
    const report = await generateIntoDatabase(database, {
      ...(url ? { url } : {}),
      count: 2000,
      seed: 99,
    });
    expect(report.vacancies).toBe(2000);
    expect(await countOf('vacancy')).toBe(2000);
    expect(await countOf('vacancy_event')).toBe(report.rows.vacancy_event);
    expect(await countOf('vacancy_skill')).toBe(report.rows.vacancy_skill);
    expect(await countOf('vacancy_position_fill')).toBe(report.rows.vacancy_position_fill);

    // Every history starts with 'create' and ends in the vacancy's state; fills match the counter.
    const vacancies = await database.kysely
      .selectFrom('vacancy')
      .select(['id', 'state', 'positions_filled', 'application_deadline'])
      .execute();
    const events = await database.kysely
      .selectFrom('vacancy_event')
      .select(['vacancy_id', 'event', 'to_state'])
      .orderBy('id')
      .execute();
    const fills = await database.kysely
      .selectFrom('vacancy_position_fill')
      .select('vacancy_id')
      .execute();
    const today = isoDate(new Date());
    for (const vacancy of vacancies) {
      const history = events.filter((event) => event.vacancy_id === vacancy.id);
      expect(history[0]?.event).toBe('create');
      expect(history.at(-1)?.to_state).toBe(vacancy.state);
      expect(fills.filter((fill) => fill.vacancy_id === vacancy.id)).toHaveLength(
        vacancy.positions_filled,
      );
      if (vacancy.state === 'published') expect(vacancy.application_deadline >= today).toBe(true);
    }
    // Synthetic employers and licensed agencies were made for the run.
    const pool = await database.kysely
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('registration_number', 'like', 'GEN-%')
      .executeTakeFirstOrThrow();
    expect(Number(pool.n)).toBeGreaterThan(50);
  });

  it('refers only to rows that exist, though the load skips the foreign-key triggers', async () => {
    const db = database.kysely;
    const orphans = await Promise.all([
      db
        .selectFrom('vacancy as v')
        .select('v.id')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('organisation as o')
                .select('o.id')
                .whereRef('o.id', '=', 'v.employer_organisation_id'),
            ),
          ),
        )
        .execute(),
      db
        .selectFrom('vacancy as v')
        .select('v.id')
        .where('v.agency_organisation_id', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('licence as l')
                .select('l.id')
                .whereRef('l.organisation_id', '=', 'v.agency_organisation_id')
                .where('l.state', '=', 'active'),
            ),
          ),
        )
        .execute(),
      db
        .selectFrom('vacancy as v')
        .select('v.id')
        .where('v.occupation_id', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('esco_occupation as o')
                .select('o.id')
                .whereRef('o.id', '=', 'v.occupation_id'),
            ),
          ),
        )
        .execute(),
      db
        .selectFrom('vacancy as v')
        .select('v.id')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('country_subdivision as s')
                .select('s.code')
                .whereRef('s.code', '=', 'v.destination_subdivision'),
            ),
          ),
        )
        .execute(),
      db
        .selectFrom('vacancy as v')
        .select('v.id')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('currency as c')
                .select('c.code')
                .whereRef('c.code', '=', 'v.wage_currency'),
            ),
          ),
        )
        .execute(),
      db
        .selectFrom('vacancy as v')
        .select('v.id')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('country as c')
                .select('c.code')
                .whereRef('c.code', '=', 'v.origin_country'),
            ),
          ),
        )
        .execute(),
      db
        .selectFrom('vacancy_skill as vs')
        .select('vs.vacancy_id')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('esco_skill as s').select('s.id').whereRef('s.id', '=', 'vs.skill_id'),
            ),
          ),
        )
        .execute(),
      db
        .selectFrom('vacancy_event as e')
        .select('e.id')
        .where('e.actor_organisation_id', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('organisation as o')
                .select('o.id')
                .whereRef('o.id', '=', 'e.actor_organisation_id'),
            ),
          ),
        )
        .execute(),
    ]);
    expect(orphans.map((rows) => rows.length)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps hostile text intact: quotes, tabs, line breaks, backslashes and other scripts', async () => {
    const hostile = `Cook "head" chef's\tassistant\\nnot a newline\r\nreal line\n\\.\n\\N ممرضة – 看護師 – 🧑‍🍳`;
    const id = '00000000-0000-4000-8000-000000000001';
    const batch = emptyBatch();
    addToBatch(batch, {
      vacancy: {
        ...(await aVacancy()),
        id,
        title: 'Tab\there "and" \\ back',
        description: hostile,
      },
      skills: [],
      languages: [],
      translations: [
        { vacancy_id: id, language: 'ar', title: 'طاهٍ\t"رئيسي"', description: hostile },
      ],
      events: [],
      fills: [],
    });
    await copy(batch, false);
    const back = await database.kysely
      .selectFrom('vacancy as v')
      .innerJoin('vacancy_translation as t', 't.vacancy_id', 'v.id')
      .select([
        'v.title',
        'v.description',
        't.title as translated',
        't.description as translatedDescription',
      ])
      .where('v.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(back).toEqual({
      title: 'Tab\there "and" \\ back',
      description: hostile,
      translated: 'طاهٍ\t"رئيسي"',
      translatedDescription: hostile,
    });
  });

  it('writes a batch all or nothing', async () => {
    const before = await countOf('vacancy');
    const row = await aVacancy();
    const batch = emptyBatch();
    // The second row breaks a check (positions_filled > positions): the first must not stay.
    batch.vacancy.push({ ...row, id: '00000000-0000-4000-8000-000000000002' });
    batch.vacancy.push({
      ...row,
      id: '00000000-0000-4000-8000-000000000003',
      positions: 1,
      positions_filled: 2,
    });
    await expect(copy(batch, true)).rejects.toThrow();
    expect(await countOf('vacancy')).toBe(before);
  });

  it('hands batches over in order while making the next, and stops at the first failed write', async () => {
    const sizes: number[] = [];
    let open = 0;
    const failing = {
      write: async (batch: ReturnType<typeof emptyBatch>) => {
        open += 1;
        expect(open).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 5));
        open -= 1;
        sizes.push(batch.vacancy.length);
        if (sizes.length === 2) throw new Error('disk full');
      },
    };
    await expect(
      generateVacancies({ db: database.kysely, sink: failing, count: 250, seed: 3, batchSize: 60 }),
    ).rejects.toThrow('disk full');
    // The third batch was being made when the second failed; it was never handed over.
    expect(sizes).toEqual([60, 60]);

    sizes.length = 0;
    const report = await generateVacancies({
      db: database.kysely,
      sink: { write: async (batch) => void sizes.push(batch.vacancy.length) },
      count: 250,
      seed: 3,
      batchSize: 60,
    });
    expect(sizes).toEqual([60, 60, 60, 60, 10]);
    expect(report.vacancies).toBe(250);
    expect(report.rows.vacancy).toBe(250);
  });
});
