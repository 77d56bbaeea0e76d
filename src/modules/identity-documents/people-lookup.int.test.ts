import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/** Officers look people up by document, on the demo data, through real sign-in and keys. */
let h: Harness;
let seekerId: string;
let originId: string;
const LOOKUP = '/people/lookup';
const API = '/api/v1/person-lookups';
const NUMBER = 'AB1234567';
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 4);
const SEEKER = 'jobseeker@demo.corridor.example';
const ORIGIN_OFFICER = 'origin.officer@demo.corridor.example';
const EMBASSY_OFFICER = 'embassy.officer@demo.corridor.example';
const DESTINATION_OFFICER = 'destination.officer@demo.corridor.example';
const BORDER_OFFICER = 'border.officer@demo.corridor.example';

/** A demo user, signed in once per file (staff with their second factor). */
const signIn = async (email: string) => h.signIn(await h.demoUser(email));

const lookup = (overrides: Record<string, string | null> = {}) => ({
  documentType: 'passport',
  documentNumber: 'ab 123-4567',
  issuingCountry: 'KE',
  purpose: 'Exit clearance check',
  ...overrides,
});

async function viewedEvents(subjectUserId: string) {
  return (await h.services.audit.list({ action: 'person.viewed', limit: 100 })).filter(
    (event) => event.dataSubjectUserId === subjectUserId,
  );
}

beforeAll(async () => {
  h = await createHarness({ demo: true });
  seekerId = (await h.demoUser(SEEKER)).id;
  const origin = await h.db
    .selectFrom('organisation')
    .select('id')
    .where('kind', '=', 'origin_authority')
    .executeTakeFirstOrThrow();
  originId = origin.id;
  // The job seeker records their Kenyan passport, as they would on their page.
  const seeker = await signIn(SEEKER);
  await seeker.get('/account/identity-documents');
  const added = await seeker.post('/account/identity-documents', {
    documentType: 'passport',
    documentNumber: NUMBER,
    issuingCountry: 'KE',
    'expiryDate-day': '30',
    'expiryDate-month': '6',
    'expiryDate-year': FUTURE_YEAR,
  });
  expect(added.statusCode).toBe(303);
});
afterAll(async () => {
  await h?.close();
});

describe('looking a person up by document (pages)', () => {
  let officer: TestClient;
  beforeAll(async () => {
    officer = await signIn(ORIGIN_OFFICER);
  });

  it('finds the holder across spacing, case and dashes, masked, and records why', async () => {
    const form = await officer.get(LOOKUP);
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    const found = await officer.post(LOOKUP, lookup());
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Person found');
    expect(found.body).toContain('Wairimu');
    expect(found.body).toContain('••••••567');
    expect(found.body).toContain('Kenya');
    expect(found.body).not.toContain(NUMBER);
    expect(found.body).not.toContain('123-4567');

    const [event, ...more] = await viewedEvents(seekerId);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      action: 'person.viewed',
      subjectType: 'person',
      subjectIds: [seekerId],
      dataSubjectUserId: seekerId,
      purpose: 'Exit clearance check',
      actor: { role: 'origin_officer', organisationId: originId, apiKeyId: null },
    });
    expect(JSON.stringify(event)).not.toMatch(/AB ?123-?4567/i);
  });

  it('shows the look-up on the person’s "who has looked at my data" page', async () => {
    const seeker = await signIn(SEEKER);
    const page = await seeker.get('/account/access-log');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('National Employment Authority (demo)');
    expect(page.body).toContain('Exit clearance check');
    expect(page.body).toContain('Origin authority officer');
  });

  it('answers "No person found" alike for an unknown number and for another country’s officer', async () => {
    const before = (await viewedEvents(seekerId)).length;
    const unknown = await officer.post(LOOKUP, lookup({ documentNumber: 'ZZ9999999' }));
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('No person found');
    // Another type, or another issuing country, is another document.
    const others: Record<string, string>[] = [
      { documentType: 'national_id' },
      { issuingCountry: 'UG' },
    ];
    for (const other of others) {
      expect((await officer.post(LOOKUP, lookup(other))).body).toContain('No person found');
    }

    // The UAE's authority: a Kenyan passport is not within its jurisdiction.
    const emirati = await signIn(DESTINATION_OFFICER);
    const abroad = await emirati.submit(LOOKUP, lookup());
    expect(abroad.statusCode).toBe(200);
    expect(abroad.body).toContain('No person found');
    expect(abroad.body).not.toContain('Wairimu');
    const strip = (body: string) =>
      body
        .replace(/<header[\s\S]*<\/header>/, '')
        .replace(/name="_csrf" value="[^"]*"/g, '')
        .replace(/nonce="[^"]*"/g, '');
    const emiratiUnknown = await emirati.post(LOOKUP, lookup({ documentNumber: 'ZZ9999999' }));
    expect(strip(abroad.body).replace('ab 123-4567', 'ZZ9999999')).toBe(strip(emiratiUnknown.body));
    expect(await viewedEvents(seekerId)).toHaveLength(before);
  });

  it('finds the Kenyan holder for the embassy of Kenya in Abu Dhabi (its own state’s nationals)', async () => {
    const embassy = await signIn(EMBASSY_OFFICER);
    const found = await embassy.submit(LOOKUP, lookup({ purpose: 'Welfare case at the embassy' }));
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Wairimu');
    const [latest] = await viewedEvents(seekerId);
    expect(latest).toMatchObject({
      purpose: 'Welfare case at the embassy',
      actor: { role: 'embassy_officer' },
    });
  });

  it('finds the person for another officer of the same country', async () => {
    const border = await signIn(BORDER_OFFICER);
    const found = await border.submit(LOOKUP, lookup({ purpose: 'Departure check at JKIA' }));
    expect(found.body).toContain('Wairimu');
    const [latest] = await viewedEvents(seekerId);
    expect(latest).toMatchObject({
      purpose: 'Departure check at JKIA',
      actor: { role: 'border_officer' },
    });
  });

  it('is refused to job seekers (403) and visitors (sign in)', async () => {
    const seeker = await signIn(SEEKER);
    expect((await seeker.get(LOOKUP)).statusCode).toBe(403);
    await seeker.get('/account/identity-documents');
    expect((await seeker.post(LOOKUP, lookup())).statusCode).toBe(403);
    const visitor = await h.app.inject({ url: LOOKUP });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/sign-in?next=%2Fpeople%2Flookup');
  });

  it('explains bad input beside each field, never repeating the number, never a 500', async () => {
    const cases: [Record<string, string | null>, string[]][] = [
      [
        { documentType: null, documentNumber: '', issuingCountry: '', purpose: '' },
        [
          'Select the type of document',
          'Enter the document number',
          'Select the country that issued the document',
          'Enter the reason for looking up this person',
        ],
      ],
      [lookup({ purpose: 'why' }), ['The reason must be between 5 and 200 characters']],
      [lookup({ purpose: 'x'.repeat(201) }), ['The reason must be between 5 and 200 characters']],
      [
        lookup({ purpose: 'Check of AB 1234567' }),
        ['The reason must not include the document number'],
      ],
      [
        lookup({ documentNumber: 'ПАСПОРТ123' }),
        ['The document number must only include letters A to Z, numbers 0 to 9, spaces and dashes'],
      ],
      [
        lookup({ documentNumber: 'AB'.repeat(11) }),
        [
          'The document number must be between 5 and 20 letters and numbers, not counting spaces and dashes',
        ],
      ],
      [lookup({ issuingCountry: 'XX' }), ['Select the country that issued the document']],
    ];
    for (const [form, messages] of cases) {
      const response = await officer.post(LOOKUP, form);
      expect({ form, status: response.statusCode }).toEqual({ form, status: 400 });
      expect({ form, errors: errorSummary(response.body) }).toEqual({ form, errors: messages });
    }
    expect(h.logs.text).not.toMatch(/AB ?123-?4567|ПАСПОРТ/i);
  });
});

describe('POST /api/v1/person-lookups', () => {
  let key: string;
  let keyId: string;
  const call = (body: unknown, bearer = key) =>
    h.app.inject({
      method: 'POST',
      url: API,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  const body = (overrides: Record<string, unknown> = {}) => ({
    documentType: 'passport',
    documentNumber: 'AB-1234-567',
    issuingCountry: 'ke',
    purpose: 'Contract verification',
    ...overrides,
  });

  beforeAll(async () => {
    const admin = await signIn(ORIGIN_OFFICER);
    await admin.get(`/organisations/${originId}/api-keys`);
    const created = await admin.post(`/organisations/${originId}/api-keys`, {
      name: 'Exit clearance system',
      permissions: 'person.read',
    });
    expect(created.statusCode).toBe(200);
    key = /crd_[a-z0-9]{8}_[A-Za-z0-9_-]{43}/.exec(created.body)![0];
    const row = await h.db
      .selectFrom('api_key')
      .select('id')
      .where('name', '=', 'Exit clearance system')
      .executeTakeFirstOrThrow();
    keyId = row.id;
  });

  it('finds the person with a key holding person.read; the audit row names the key', async () => {
    const response = await call(body());
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      name: 'Wairimu',
      documentType: 'passport',
      documentNumberMasked: '••••••567',
      issuingCountry: 'KE',
      expiryDate: `${FUTURE_YEAR}-06-30`,
      expired: false,
    });
    const [latest] = await viewedEvents(seekerId);
    expect(latest).toMatchObject({
      purpose: 'Contract verification',
      subjectIds: [seekerId],
      actor: { userId: null, apiKeyId: keyId, organisationId: originId },
    });
  });

  it('answers 404 problem details for nobody, 400 naming each bad field, 401 and 403', async () => {
    const missing = await call(body({ documentNumber: 'QQ0000000' }));
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 404, detail: 'No person found' });

    const bad = await call({ documentType: 'visa', documentNumber: 'АБ123', purpose: 'x' });
    expect(bad.statusCode).toBe(400);
    const problems = bad.json<{ errors: { pointer: string; detail: string }[] }>().errors;
    expect(problems.map((problem) => problem.pointer).sort()).toEqual([
      '/documentNumber',
      '/documentType',
      '/issuingCountry',
      '/purpose',
    ]);
    expect(JSON.stringify(problems)).not.toContain('АБ123');
    expect((await call(body({ issuingCountry: 'XX' }))).statusCode).toBe(400);
    expect((await call('not an object')).statusCode).toBe(400);

    expect((await call(body(), 'crd_nope')).statusCode).toBe(401);
    const anonymous = await h.app.inject({ method: 'POST', url: API, payload: body() });
    expect(anonymous.statusCode).toBe(401);

    const admin = await signIn(ORIGIN_OFFICER);
    await admin.get(`/organisations/${originId}/api-keys`);
    const created = await admin.post(`/organisations/${originId}/api-keys`, {
      name: 'Statistics only',
      permissions: 'statistics.read',
    });
    const statisticsKey = /crd_[a-z0-9]{8}_[A-Za-z0-9_-]{43}/.exec(created.body)![0];
    expect((await call(body(), statisticsKey)).statusCode).toBe(403);
    expect(h.logs.text).not.toMatch(/AB-?1234-?567|АБ123/i);
  });

  it('is refused to a job seeker’s session (403), before the body is looked at', async () => {
    const seeker = await signIn(SEEKER);
    const response = await h.app.inject({
      method: 'POST',
      url: API,
      headers: {
        cookie: `corridor_session=${seeker.session()}`,
        'x-csrf-token': seeker.csrf ?? '',
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ nothing: true }),
    });
    expect(response.statusCode).toBe(403);
  });

  it('is described in the OpenAPI document under People', async () => {
    const document = (await h.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, { post?: { tags?: string[] } }>;
    }>();
    expect(document.paths[API]?.post?.tags).toEqual(['People']);
  });
});
