import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import type { Database, Db } from '../../database.js';
import {
  loadReferenceData,
  REFERENCE_DATA_DIR,
  type ReferenceLoadReport,
} from './reference.loader.js';

let database: TestDatabase;
let db: Db;
let copy: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.kysely;
  copy = await fs.mkdtemp(path.join(os.tmpdir(), 'corridor-reference-'));
  await fs.cp(REFERENCE_DATA_DIR, copy, { recursive: true });
});

afterAll(async () => {
  await database.close();
  await fs.rm(copy, { recursive: true, force: true });
});

/** The number a `select count(*) as n …` query finds. */
async function count(query: {
  executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }>;
}) {
  return Number((await query.executeTakeFirstOrThrow()).n);
}
const rows = (table: keyof Database) =>
  count(db.selectFrom(table).select(db.fn.countAll().as('n')));
const countAll = () => db.fn.countAll().as('n');

const statuses = (report: ReferenceLoadReport) =>
  Object.fromEntries(report.datasets.map((dataset) => [dataset.name, dataset.status]));

describe('the reference data loaded into a new database', () => {
  it('has every country, with names in the four UI languages', async () => {
    expect(await rows('country')).toBe(249);
    for (const language of ['en', 'fr', 'es', 'ar']) {
      expect(
        await count(
          db.selectFrom('country_name').select(countAll()).where('language', '=', language),
        ),
      ).toBe(249);
    }
    expect(await rows('country_subdivision')).toBe(5070);
  });

  it('has ISO 639 languages and ISO 4217 currencies', async () => {
    expect(await rows('language')).toBe(7867);
    expect(
      await count(db.selectFrom('language').select(countAll()).where('iso639_1', 'is not', null)),
    ).toBe(184);
    expect(await rows('currency')).toBe(179);
  });

  it("has CLDR's names of languages, currencies and subdivisions", async () => {
    const named = async (table: 'language_name' | 'currency_name', language: string) =>
      count(db.selectFrom(table).select(countAll()).where('language', '=', language));
    for (const language of ['en', 'fr', 'es', 'ar', 'sw', 'fil', 'ne', 'bn', 'ur']) {
      expect(await named('language_name', language), language).toBeGreaterThan(170);
      expect(await named('currency_name', language), language).toBeGreaterThan(150);
      expect(
        await count(
          db.selectFrom('country_name').select(countAll()).where('language', '=', language),
        ),
        language,
      ).toBe(249);
    }
    expect(await rows('subdivision_name')).toBe(5028 + 134 + 3 * 7);
  });

  it('has the four levels of ISCO-08, armed forces included, as strings', async () => {
    expect(await rows('isco_group')).toBe(619);
    const levels = await db
      .selectFrom('isco_group')
      .select(['level', countAll()])
      .groupBy('level')
      .orderBy('level')
      .execute();
    expect(levels.map((row) => Number(row.n))).toEqual([10, 43, 130, 436]);
    const armed = await db
      .selectFrom('isco_group')
      .select('code')
      .where('code', 'like', '0%')
      .orderBy('code')
      .execute();
    expect(armed.map((row) => row.code)).toEqual([
      '0',
      '01',
      '011',
      '0110',
      '02',
      '021',
      '0210',
      '03',
      '031',
      '0310',
    ]);
    const nurses = await db
      .selectFrom('isco_group')
      .selectAll()
      .where('code', '=', '2221')
      .executeTakeFirstOrThrow();
    expect([nurses.title_en, nurses.title_fr, nurses.title_es]).toEqual([
      'Nursing professionals',
      'Cadres infirmiers',
      'Profesionales de enfermería',
    ]);
  });

  it('has every ESCO occupation in an ISCO unit group, with all its labels in eleven languages', async () => {
    expect(await rows('esco_occupation')).toBe(3039);
    const untrimmedTitles = db
      .selectFrom('esco_occupation')
      .select(countAll())
      .where((eb) =>
        eb('preferred_label_en', '<>', eb.fn<string>('btrim', ['preferred_label_en'])),
      );
    const untrimmedLabels = db
      .selectFrom('occupation_label')
      .select(countAll())
      .where((eb) => eb('label', '<>', eb.fn<string>('btrim', ['label'])));
    expect(await count(untrimmedTitles)).toBe(0);
    expect(await count(untrimmedLabels)).toBe(0);
    expect(await rows('occupation_label')).toBe(184_907);
    const languages = await db
      .selectFrom('occupation_label_group')
      .select('language')
      .distinct()
      .execute();
    expect(languages.map((row) => row.language).sort()).toEqual([
      'ar',
      'bg',
      'de',
      'en',
      'es',
      'fr',
      'it',
      'nl',
      'pl',
      'pt',
      'ro',
    ]);
    // Every occupation and every ISCO group has English labels, one of them its title.
    const english = db
      .selectFrom('occupation_label_group')
      .select(countAll())
      .where('language', '=', 'en');
    expect(await count(english)).toBe(3039 + 619);
    const gendered = await db
      .selectFrom('occupation_label')
      .select('label')
      .where('label', 'in', [
        'infirmier anesthésiste',
        'infirmière anesthésiste',
        'Krankenpfleger',
        'enfermera',
      ])
      .execute();
    expect(new Set(gendered.map((row) => row.label)).size).toBe(4);
  });

  it('has every ESCO skill and the relations whose skill label resolves', async () => {
    expect(await rows('esco_skill')).toBe(13_485);
    expect(await rows('occupation_skill')).toBe(117_656);
    const essential = db
      .selectFrom('occupation_skill')
      .select(countAll())
      .where('relation', '=', 'essential');
    expect(await count(essential)).toBeGreaterThan(55_000);
  });

  it('has ISCED 2011 levels, ISCED-F 2013 fields and CEFR levels described in four languages', async () => {
    expect(await rows('isced_level')).toBe(10);
    expect(await rows('isced_field')).toBe(220);
    const fields = await db
      .selectFrom('isced_field')
      .select(['level', countAll()])
      .groupBy('level')
      .orderBy('level')
      .execute();
    expect(Object.fromEntries(fields.map((row) => [row.level, Number(row.n)]))).toEqual({
      broad: 12,
      narrow: 58,
      detailed: 150,
    });
    expect(await rows('cefr_level')).toBe(6);
    expect(await rows('cefr_level_description')).toBe(24);
  });

  it('records each dataset with its version and checksum', async () => {
    const datasets = await db.selectFrom('reference_dataset').selectAll().orderBy('name').execute();
    expect(datasets).toHaveLength(11);
    expect(datasets.every((dataset) => /^[0-9a-f]{64}$/.test(dataset.checksum))).toBe(true);
  });
});

describe('loading again', () => {
  it('changes nothing when no file changed, with one query after hashing the files', async () => {
    const report = await loadReferenceData(db);
    expect(new Set(Object.values(statuses(report)))).toEqual(new Set(['unchanged']));
    // Hashing 6 MB of files and one query; a generous bound for a busy machine.
    expect(report.durationMs).toBeLessThan(3000);
    expect(await rows('occupation_label')).toBe(184_907);
  });

  it('reloads only a dataset whose file changed, in place', async () => {
    const file = path.join(copy, 'cefr/cefr_levels.csv');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('A1,1,basic,en,Beginner,', 'A1,1,basic,en,Newcomer,'));

    const report = await loadReferenceData(db, { directory: copy });
    expect(statuses(report)).toMatchObject({
      cefr: 'loaded',
      iso639: 'unchanged',
      'esco-occupations': 'unchanged',
    });
    expect(Object.values(statuses(report)).filter((status) => status === 'loaded')).toHaveLength(1);
    const a1 = await db
      .selectFrom('cefr_level_description')
      .select('name')
      .where('level_code', '=', 'A1')
      .where('language', '=', 'en')
      .executeTakeFirstOrThrow();
    expect(a1.name).toBe('Newcomer');
    expect(await rows('cefr_level_description')).toBe(24);

    const again = await loadReferenceData(db, { directory: copy });
    expect(Object.values(statuses(again)).every((status) => status === 'unchanged')).toBe(true);
  });

  // Reloads some 300,000 rows (labels and relations): over 30 s on a busy two-core machine.
  it('reloads the datasets that depend on a changed one, keeping keys and counts', async () => {
    const file = path.join(copy, 'isco08/isco08_structure.csv.gz');
    const text = zlib.gunzipSync(await fs.readFile(file)).toString('utf8');
    const changed = text.replace(
      'Nursing professionals provide treatment',
      'Nursing professionals give treatment',
    );
    expect(changed).not.toBe(text);
    await fs.writeFile(file, zlib.gzipSync(changed));

    const report = await loadReferenceData(db, { directory: copy });
    expect(statuses(report)).toMatchObject({
      isco08: 'loaded',
      'esco-occupations': 'loaded',
      'esco-occupation-skills': 'loaded',
      'esco-skills': 'unchanged',
      iso639: 'unchanged',
    });
    const nurses = await db
      .selectFrom('isco_group')
      .select('definition_en')
      .where('code', '=', '2221')
      .executeTakeFirstOrThrow();
    expect(nurses.definition_en).toMatch(/^Nursing professionals give treatment/);
    expect(await rows('esco_occupation')).toBe(3039);
    expect(await rows('occupation_label')).toBe(184_907);
    expect(await rows('occupation_skill')).toBe(117_656);

    // The foreign keys and unique indexes dropped for the load are back.
    const group = await db
      .selectFrom('occupation_label_group')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const label = { label: 'x', search_text: 'x', is_title: true };
    await expect(
      db
        .insertInto('occupation_label')
        .values({ ...label, group_id: -1 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('occupation_label')
        .values({ ...label, group_id: group.id })
        .execute(),
    ).rejects.toThrow();
  }, 120_000);
});
