import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { NotFoundError } from '../../platform/http/problem.js';

/**
 * An embassy serves its own state's nationals in its host country: the embassy of Kenya in
 * Abu Dhabi finds holders of Kenyan documents and never of Emirati ones (DESIGN.md §4), through
 * the service, the page and the API; an embassy not yet given its state finds nobody.
 */
let h: Harness;
let embassy: { organisation: { id: string }; staff: TestUser };
const KENYAN = 'KE5550001';
const EMIRATI = 'AE5550002';

const query = (documentNumber: string, issuingCountry: string) => ({
  documentType: 'passport' as const,
  documentNumber,
  issuingCountry,
  purpose: 'Welfare visit to a worker',
});

beforeAll(async () => {
  h = await createHarness();
  const { people, licensing } = h.factories;
  embassy = await licensing.embassy('AE');
  const holders: [string, string, string][] = [
    ['Achieng Otieno', KENYAN, 'KE'],
    ['Mariam Al Mansoori', EMIRATI, 'AE'],
  ];
  for (const [fullName, documentNumber, issuingCountry] of holders) {
    const holder = await people.user({ fullName });
    await h.services.identityDocuments.record(await people.contextOf(holder), {
      documentType: 'passport',
      documentNumber,
      issuingCountry,
      expiryDate: null,
    });
  }
});
afterAll(async () => {
  await h?.close();
});

describe('the embassy of Kenya in Abu Dhabi', () => {
  it('finds a Kenyan passport holder and not an Emirati one (service)', async () => {
    const ctx = await h.factories.people.contextOf(embassy.staff);
    const found = await h.services.identityDocuments.lookUp(ctx, query(KENYAN, 'KE'));
    expect(found.fullName).toBe('Achieng Otieno');
    await expect(h.services.identityDocuments.lookUp(ctx, query(EMIRATI, 'AE'))).rejects.toThrow(
      NotFoundError,
    );
  });

  it('finds the number however it is typed: Cyrillic look-alikes, Bengali digits, marks', async () => {
    const ctx = await h.factories.people.contextOf(embassy.staff);
    // К and Е from a Cyrillic keyboard, Bengali digits, a dash and a direction mark.
    const typed = '\u041a\u0415 \u09eb\u09eb\u09eb-\u09e6\u09e6\u09e6\u09e7\u200f';
    const found = await h.services.identityDocuments.lookUp(ctx, query(typed, 'KE'));
    expect(found.fullName).toBe('Achieng Otieno');
  });

  it('the same on the lookup page', async () => {
    const officer = await h.signIn(embassy.staff);
    await officer.get('/people/lookup');
    const kenyan = await officer.post('/people/lookup', query(KENYAN, 'KE'));
    expect(kenyan.body).toContain('Achieng Otieno');
    const emirati = await officer.post('/people/lookup', query(EMIRATI, 'AE'));
    expect(emirati.body).toContain('No person found');
    expect(emirati.body).not.toContain('Mansoori');
  });

  it('the same through the API, with the embassy’s key', async () => {
    const { client } = await h.apiClient({
      organisationId: embassy.organisation.id,
      permissions: ['person.read'],
    });
    const kenyan = await client.json('POST', '/api/v1/person-lookups', query(KENYAN, 'KE'));
    expect(kenyan.statusCode).toBe(200);
    expect(kenyan.json()).toMatchObject({ name: 'Achieng Otieno', issuingCountry: 'KE' });
    const emirati = await client.json('POST', '/api/v1/person-lookups', query(EMIRATI, 'AE'));
    expect(emirati.statusCode).toBe(404);
  });

  it('an embassy of another state in the same city finds neither', async () => {
    const nepal = await h.factories.people.organisation({
      kind: 'embassy',
      name: 'Embassy of Nepal in Abu Dhabi',
      countryCode: 'AE',
      representedCountryCode: 'NP',
    });
    const officer = await h.factories.people.user({
      role: 'embassy_officer',
      organisationId: nepal.id,
    });
    const ctx = await h.factories.people.contextOf(officer);
    for (const [number, country] of [
      [KENYAN, 'KE'],
      [EMIRATI, 'AE'],
    ] as const) {
      await expect(
        h.services.identityDocuments.lookUp(ctx, query(number, country)),
      ).rejects.toThrow(NotFoundError);
    }
  });

  it('an embassy not yet given its state finds nobody', async () => {
    const unset = await h.db
      .insertInto('organisation')
      .values({ kind: 'embassy', name: 'Embassy without a state', country_code: 'AE' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const officer = await h.factories.people.user({
      role: 'embassy_officer',
      organisationId: unset.id,
    });
    const ctx = await h.factories.people.contextOf(officer);
    await expect(h.services.identityDocuments.lookUp(ctx, query(KENYAN, 'KE'))).rejects.toThrow(
      NotFoundError,
    );
  });
});
