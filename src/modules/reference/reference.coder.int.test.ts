import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { ReferenceRepository } from './reference.repository.js';
import { ReferenceService } from './reference.service.js';

/**
 * The occupation coder on the seeded database (issue 12): titles written for this test, not
 * taken from the benchmark, in the words people type.
 */

let database: TestDatabase;
let reference: ReferenceService;

beforeAll(async () => {
  database = await createTestDatabase();
  reference = new ReferenceService(new ReferenceRepository(database.kysely));
  // The first search builds the coder from the database's labels.
  await reference.searchOccupations('warm up', { language: 'en' });
}, 120_000);

afterAll(async () => {
  await database.close();
});

const first = async (query: string, language: string) =>
  (await reference.searchOccupations(query, { language, limit: 5 }))[0];

describe('the occupation coder on the database', () => {
  it.each([
    ['baker', 'en', /^baker$/, '7512'],
    ['Stonemasons', 'en', /^stonemason$/, '7113'],
    ['Maurer (m/w/d)', 'de', /^Maurer(\/Maurerin)?$/, '7112'],
    ['aide-soignante', 'fr', /aide-soignante/, '5321'],
    ['ممرضة', 'ar', /ممرضة/, '2221'],
    ['murarz', 'pl', /^murarz$/, '7112'],
    ['зидар', 'bg', /^зидар$/, '7112'],
    ['Muratori', 'it', /^muratore$/, '7112'],
  ])('%s (%s) finds its occupation first', async (query, language, label, unitGroup) => {
    const hit = await first(query, language);
    expect(hit?.kind).toBe('esco_occupation');
    expect(hit?.matchedLabel).toMatch(label);
    expect(hit?.iscoUnitGroup.code).toBe(unitGroup);
    expect(hit?.why.unmatchedWords).toEqual([]);
  });

  it('gives the ISCO group only when the query is its name, with the occupation next', async () => {
    const [group, occupation] = await reference.searchOccupations('ALBAÑILES', { language: 'es' });
    expect(group).toMatchObject({ kind: 'isco_unit_group', code: '7112' });
    expect(occupation).toMatchObject({ kind: 'esco_occupation', matchedLabel: 'albañil' });
    expect(occupation?.why.kind).toBe('stems');
  });

  it('does not correct a word that is spelt right', async () => {
    const hits = await reference.searchOccupations('baker', { language: 'en', limit: 5 });
    expect(hits[0]?.why.kind).toBe('exact');
    expect(hits.every((hit) => hit.why.corrected === undefined)).toBe(true);
    const [beekeeping] = await reference.searchOccupations('apicultura', { language: 'es' });
    expect(beekeeping?.matchedLabel).toMatch(/apicultur/i);
    expect(beekeeping?.why.corrected).toBeUndefined();
  });

  it('answers a 15-word title quickly, by its occupation words', async () => {
    const title =
      'experienced registered nurse for the intensive care unit of a large private hospital in Dubai';
    const started = performance.now();
    const hit = await first(title, 'en');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(hit?.iscoUnitGroup.code).toBe('2221');
    expect(hit?.why.matchedWords).toEqual(expect.arrayContaining(['nurse', 'intensive', 'care']));
    expect(hit?.why.unmatchedWords).toContain('Dubai');
  });

  it('corrects a typo and says so', async () => {
    const hit = await first('electricain', 'en');
    expect(hit?.code).toBe('7411.1');
    expect(hit?.why.corrected).toEqual([{ from: 'electricain', to: 'electrician' }]);
  });
});
