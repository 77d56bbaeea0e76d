import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { OrganisationsRepository } from './organisations.repository.js';

/** Organisations by name ("Check a recruiter"): the query and the names folded alike. */
let database: TestDatabase;
let repository: OrganisationsRepository;

beforeAll(async () => {
  database = await createTestDatabase();
  repository = new OrganisationsRepository(database.kysely);
});

afterAll(async () => {
  await database?.close();
});

async function agency(name: string): Promise<string> {
  return (
    await database.kysely
      .insertInto('organisation')
      .values({ kind: 'recruitment_agency', name, country_code: 'KE' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

const found = async (query: string) =>
  (await repository.searchByName(query, { kind: 'recruitment_agency', limit: 10 })).map(
    (row) => row.id,
  );

describe('searchByName', () => {
  it('finds a name typed exactly as registered, whatever its letters', async () => {
    const names = ['Agenția Ștefănescu', 'Søren Øberg Rekruttering', 'Công ty Nhân lực Đạt'];
    for (const name of names) {
      const id = await agency(name);
      for (const typed of [name, name.toUpperCase(), name.split(' ')[0] ?? name]) {
        expect(await found(typed), typed).toContain(id);
      }
    }
  });

  it('finds it typed without its accents, and with accents it does not have', async () => {
    const id = await agency('Agenția Brașov Muncă');
    for (const typed of ['agentia brasov', 'AGENTIA BRASOV MUNCA', 'Agénțiă Brașov']) {
      expect(await found(typed), typed).toContain(id);
    }
  });
});
