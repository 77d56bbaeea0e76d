import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { MISS_LIMIT } from './identity-documents.service.js';

/**
 * A person lookup that finds nobody is audited (person.not_found: who, why, which kind of
 * document from which country, never the number, the same row whether the number is held out
 * of reach or by nobody) and counted: past MISS_LIMIT misses in the window, the officer (or
 * the key) is refused every lookup with a translated 429 until the oldest miss is old enough.
 */
let h: Harness;
const HELD = 'KE7770001';

const query = (documentNumber: string, issuingCountry = 'KE') => ({
  documentType: 'passport',
  documentNumber,
  issuingCountry,
  purpose: 'Exit clearance check',
});

async function missesOf(userId: string) {
  return (await h.services.audit.list({ action: 'person.not_found', limit: 200 })).filter(
    (event) => event.actor.userId === userId,
  );
}

beforeAll(async () => {
  h = await createHarness();
  const holder = await h.factories.people.user({ fullName: 'Njeri Kamau' });
  await h.services.identityDocuments.record(await h.factories.people.contextOf(holder), {
    documentType: 'passport',
    documentNumber: HELD,
    issuingCountry: 'KE',
    expiryDate: null,
  });
});
afterAll(async () => {
  await h?.close();
});

describe('lookups that find nobody', () => {
  it('are audited alike for an unknown number and for one out of reach, without the number', async () => {
    const officer = (await h.factories.licensing.authority('UG')).staff;
    const client = await h.signIn(officer);
    await client.get('/people/lookup');
    const unknown = await client.post('/people/lookup', query('UG0000001', 'UG'));
    expect(unknown.body).toContain('No person found');
    const outOfReach = await client.post('/people/lookup', query(HELD));
    expect(outOfReach.body).toContain('No person found');

    const [second, first] = await missesOf(officer.id);
    for (const [event, country] of [
      [first, 'UG'],
      [second, 'KE'],
    ] as const) {
      expect(event).toMatchObject({
        action: 'person.not_found',
        subjectType: 'person',
        subjectIds: [],
        dataSubjectUserId: null,
        purpose: 'Exit clearance check',
        actor: { userId: officer.id, role: 'origin_officer' },
        after: { via: 'identity_document', documentType: 'passport', issuingCountry: country },
      });
      expect(JSON.stringify(event)).not.toMatch(/UG0000001|KE7770001/);
    }
    // Out of reach tells the audit trail no more than nobody: no holder named, no row for them.
    expect(Object.keys(second?.after ?? {}).sort()).toEqual(Object.keys(first?.after ?? {}).sort());
  });

  it('are limited per officer: past the limit every lookup is refused with a translated 429', async () => {
    const officer = (await h.factories.licensing.authority('KE')).staff;
    const client = await h.signIn(officer);
    await client.get('/people/lookup');
    for (let n = 0; n < MISS_LIMIT.misses; n += 1) {
      const miss = await client.post('/people/lookup', query(`KE00000${10 + n}`));
      expect(miss.statusCode).toBe(200);
      expect(miss.body).toContain('No person found');
    }
    // Even a number that is held: the limit is not an oracle.
    const refused = await client.post('/people/lookup', query(HELD));
    expect(refused.statusCode).toBe(429);
    expect(refused.body).not.toContain('Njeri');
    expect(errorSummary(refused.body)).toEqual([
      `You have looked up too many document numbers that matched nobody. Check the numbers you have, and try again in ${MISS_LIMIT.windowMinutes} minutes.`,
    ]);
    const french = await client.post('/people/lookup?lang=fr', query(HELD));
    expect(french.statusCode).toBe(429);
    expect(errorSummary(french.body)[0]).toContain('Vous avez cherché trop de numéros');
    expect(await missesOf(officer.id)).toHaveLength(MISS_LIMIT.misses);
    const viewed = await h.services.audit.list({ action: 'person.viewed', limit: 50 });
    expect(viewed.filter((event) => event.actor.userId === officer.id)).toEqual([]);

    // Another officer of the same authority is not held back by the first one's misses.
    const colleague = await h.factories.people.user({
      role: 'origin_officer',
      organisationId: (await h.factories.licensing.authority('KE')).organisation.id,
    });
    const other = await h.signIn(colleague);
    await other.get('/people/lookup');
    expect((await other.post('/people/lookup', query(HELD))).body).toContain('Njeri Kamau');

    // Once the misses are older than the window, the officer may look again.
    await h.db
      .updateTable('person_lookup_miss')
      .set({ missed_at: new Date(Date.now() - (MISS_LIMIT.windowMinutes + 1) * 60_000) })
      .where('actor', '=', `user:${officer.id}`)
      .execute();
    await client.get('/people/lookup');
    expect((await client.post('/people/lookup', query(HELD))).body).toContain('Njeri Kamau');
  });

  it('are limited per API key in the API: 404 until the limit, then 429 problem details', async () => {
    const authority = await h.factories.licensing.authority('KE');
    const { client, keyId } = await h.apiClient({
      organisationId: authority.organisation.id,
      permissions: ['person.read'],
    });
    for (let n = 0; n < MISS_LIMIT.misses; n += 1) {
      const miss = await client.json('POST', '/api/v1/person-lookups', query(`KE11111${10 + n}`));
      expect(miss.statusCode).toBe(404);
    }
    const refused = await client.json('POST', '/api/v1/person-lookups', query(HELD));
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      status: 429,
      title: 'Too many lookups found nobody',
      detail: expect.stringContaining('matched nobody') as unknown,
    });
    const events = await h.services.audit.list({ action: 'person.not_found', limit: 200 });
    expect(events.filter((event) => event.actor.apiKeyId === keyId)).toHaveLength(
      MISS_LIMIT.misses,
    );
  });
});
