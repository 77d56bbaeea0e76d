import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import { DEMO_ENTRIES } from './directory.demo.js';

/**
 * The directory through the real app on the demo data: the public pages and API (no account),
 * and officers keeping entries through the pages and the API, each within its scope, every
 * write audited and published.
 */
let h: Harness;
let origin: TestClient;
let embassy: TestClient;
let destination: TestClient;

const today = () => new Date().toISOString().slice(0, 10);

function form(overrides: Record<string, string | string[] | null> = {}) {
  return {
    kind: 'resource_centre',
    name: 'Eldoret Migrant Desk (test)',
    localName: '',
    countryCode: 'KE',
    subdivisionCode: 'KE-44',
    city: 'Eldoret',
    address: 'Uganda Road',
    phones: '+254 53 000 0009\n00254 53 000 0010',
    email: 'desk@eldoret.example',
    website: 'https://eldoret.example',
    openingHours: 'Monday to Friday, 9:00 to 16:00',
    languages: 'sw, EN',
    services: 'Advice before you leave.',
    serves: ['everyone', 'women'],
    latitude: '0.5143',
    longitude: '35.2698',
    lastCheckedOn: today(),
    ...overrides,
  };
}

async function entryId(name: string): Promise<string> {
  const row = await h.db
    .selectFrom('directory_entry')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function audited(action: string, id: string) {
  const rows = await h.db
    .selectFrom('audit_event')
    .select(['action', 'actor_role', 'after', 'subject_ids'])
    .where('action', '=', action)
    .execute();
  return rows.filter((row) => row.subject_ids.includes(id));
}

beforeAll(async () => {
  h = await createHarness({ demo: true });
  origin = await h.signInDemo('origin.officer@demo.corridor.example');
  embassy = await h.signInDemo('embassy.officer@demo.corridor.example');
  destination = await h.signInDemo('destination.officer@demo.corridor.example');
}, 120_000);

afterAll(async () => h?.close());

describe('the public directory', () => {
  it('lists the demo countries and sends a chosen country to its page', async () => {
    const visitor = h.anonymous();
    const index = await visitor.get('/directory');
    expect(index.statusCode).toBe(200);
    for (const code of ['KE', 'AE', 'SA', 'QA'])
      expect(index.body).toContain(`/directory/${code}"`);
    const chosen = await visitor.get('/directory?country=ke&kind=hotline&language=sw');
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/directory/KE?kind=hotline&language=sw');
  });

  it('shows a country: its entries, numbered, with tel: and mailto: links, and a small map', async () => {
    const page = await h.anonymous().get('/directory/KE');
    expect(page.statusCode).toBe(200);
    const kenyan = DEMO_ENTRIES.filter((entry) => entry.countryCode === 'KE');
    for (const entry of kenyan)
      expect(page.body).toContain(entry.name.replace('’', '&#8217;').split(' (')[0]);
    expect(page.body).toContain('href="tel:+254200000001"');
    expect(page.body).toContain('+254 20 000 0001');
    expect(page.body).toContain('href="mailto:labour.migration@nea.demo.example"');
    const svg = /<svg [^>]*class="corridor-map"[\s\S]*?<\/svg>/.exec(page.body)?.[0] ?? '';
    expect(svg).toContain('<title id="directory-map-title">Map of Kenya</title>');
    expect(svg).toContain('<desc id="directory-map-desc">');
    // Three Kenyan demo entries have coordinates: three markers.
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.length).toBeLessThan(60_000);
    // No external request: nothing loaded from another host.
    expect(page.body).not.toMatch(/(src|href)="https?:\/\/(?!nea\.demo\.example)/);
  });

  it('filters by kind and by language spoken', async () => {
    const hotlines = await h.anonymous().get('/directory/KE?kind=hotline');
    expect(hotlines.body).toContain('Safe Migration Helpline');
    expect(hotlines.body).not.toContain('Coast Migrant Resource Centre');
    const arabic = await h.anonymous().get('/directory/KE?language=ar');
    expect(arabic.body).toContain('Coast Migrant Resource Centre');
    expect(arabic.body).not.toContain('Safe Migration Helpline');
    const none = await h.anonymous().get('/directory/KE?language=fr');
    expect(none.body).toContain('No service matches these choices');
  });

  it('answers 404, translated, for an unknown country or entry, or an entry of another country', async () => {
    const unknown = await h.anonymous({ lang: 'fr' }).get('/directory/ZZ');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Ce pays n’existe pas');
    expect((await h.anonymous().get('/directory/KEN')).statusCode).toBe(404);
    expect(
      (await h.anonymous().get('/directory/KE/00000000-0000-0000-0000-000000000000')).statusCode,
    ).toBe(404);
    expect((await h.anonymous().get('/directory/KE/not-an-id')).statusCode).toBe(404);
    const emirati = await entryId('Gulf Women’s Shelter (demo)');
    expect((await h.anonymous().get(`/directory/KE/${emirati}`)).statusCode).toBe(404);
    const page = await h.anonymous({ lang: 'ar' }).get(`/directory/AE/${emirati}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('دار إيواء');
  });

  it('shows a country with no entries, with its map', async () => {
    const page = await h.anonymous().get('/directory/bh');
    expect(page.statusCode).toBe(301);
    const bahrain = await h.anonymous().get('/directory/BH');
    expect(bahrain.statusCode).toBe(200);
    expect(bahrain.body).toContain('No services are listed for this country yet.');
    expect(bahrain.body).toContain('<svg ');
  });

  it('gives the entries as JSON, by country and kind', async () => {
    const response = await h.anonymous().json('GET', '/api/v1/directory?country=AE&kind=shelter');
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: { name: string; phones: string[] }[] }>();
    expect(items.map((item) => item.name)).toEqual(['Gulf Women’s Shelter (demo)']);
    expect(items[0]?.phones).toEqual(['+97140000003']);
    const bad = await h.anonymous().json('GET', '/api/v1/directory?country=%3Cx%3E&kind=nope');
    expect(bad.statusCode).toBe(200);
  });
});

describe('keeping the directory', () => {
  it('lets an origin officer add an entry in their country: audited, published, shown', async () => {
    await origin.get('/directory/manage/new');
    const response = await origin.post('/directory/manage/new', form());
    expect(response.statusCode, errorSummary(response.body).join('; ')).toBe(303);
    const id = await entryId('Eldoret Migrant Desk (test)');
    const row = await h.db
      .selectFrom('directory_entry')
      .select(['phones', 'languages', 'serves', 'maintained_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.phones).toEqual(['+254530000009', '+254530000010']);
    expect(row.languages).toEqual(['sw', 'en']);
    expect(row.serves).toEqual(['everyone', 'women']);
    const [audit] = await audited('directory_entry.created', id);
    expect(audit?.actor_role).toBe('origin_officer');
    const events = await h.db
      .selectFrom('domain_event')
      .select('type')
      .where('subject_id', '=', id)
      .execute();
    expect(events.map((event) => event.type)).toEqual(['directory_entry.created']);
    const page = await h.anonymous().get(`/directory/KE/${id}`);
    expect(page.body).toContain('Eldoret Migrant Desk (test)');
  });

  it('names every bad field, translated', async () => {
    await origin.get('/directory/manage/new');
    const response = await origin.post(
      '/directory/manage/new',
      form({
        kind: 'castle',
        name: '',
        phones: '020 123 4567',
        email: 'not-an-email',
        website: 'javascript:alert(1)',
        languages: 'english',
        serves: null,
        latitude: '91',
        longitude: '',
        lastCheckedOn: '2026-02-30',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Select the kind of service',
      'Enter the name of the service',
      'Enter each phone number with its country code, like +254 20 123 4567',
      'Enter an email address like help@example.org',
      'Enter a website address starting with https://',
      'Enter two-letter language codes separated by commas, like en, sw, ar',
      'Select who the service is for',
      'Enter a latitude between -90 and 90, like -1.2864',
      'Enter the date it was last checked, like 2026-11-30',
    ]);
    expect(response.body).toContain('href="#phones"');
  });

  it('refuses what only the service can check: region, point, country, date', async () => {
    await origin.get('/directory/manage/new');
    const checks: [Record<string, string>, string][] = [
      [{ subdivisionCode: 'AE-DU' }, 'Enter a region code of this country'],
      [{ latitude: '48.85', longitude: '2.35' }, 'This point is outside the country'],
      [
        { countryCode: 'AE', subdivisionCode: '', latitude: '', longitude: '' },
        'You can only add services in the country you work for',
      ],
      [{ lastCheckedOn: '2999-01-01' }, 'must be today or in the past'],
      [{ latitude: '1.5', longitude: '' }, 'Enter both the latitude and the longitude'],
    ];
    for (const [overrides, message] of checks) {
      const response = await origin.post(
        '/directory/manage/new',
        form({ ...overrides, name: 'Refused (test)' }),
      );
      expect(response.statusCode).toBe(400);
      expect(errorSummary(response.body).join(' ')).toContain(message);
    }
    expect(
      await h.db
        .selectFrom('directory_entry')
        .select('id')
        .where('name', '=', 'Refused (test)')
        .execute(),
    ).toEqual([]);
  });

  it('keeps each officer to their scope: others’ entries are not found', async () => {
    const kenyan = await entryId('Eldoret Migrant Desk (test)');
    const attache = await entryId('Embassy of Kenya in Abu Dhabi, labour attaché (demo)');
    const shelter = await entryId('Gulf Women’s Shelter (demo)');
    expect((await embassy.get(`/directory/manage/${kenyan}`)).statusCode).toBe(404);
    expect((await embassy.get(`/directory/manage/${shelter}`)).statusCode).toBe(404);
    expect((await embassy.get(`/directory/manage/${attache}`)).statusCode).toBe(200);
    expect((await destination.get(`/directory/manage/${kenyan}`)).statusCode).toBe(404);
    const list = await embassy.get('/directory/manage');
    expect(list.body).toContain('labour attaché');
    expect(list.body).not.toContain('Gulf Women');
    const agency = await h.signInDemo('agency@demo.corridor.example');
    expect((await agency.get('/directory/manage')).statusCode).toBe(403);
    expect((await h.anonymous().get('/directory/manage')).statusCode).toBe(303);
  });

  it('lets the destination officer change and remove an entry of their country, audited', async () => {
    const shelter = await entryId('Gulf Women’s Shelter (demo)');
    await destination.get(`/directory/manage/${shelter}`);
    const changed = await destination.post(
      `/directory/manage/${shelter}`,
      form({
        kind: 'shelter',
        name: 'Gulf Women’s Shelter (demo)',
        countryCode: 'AE',
        subdivisionCode: 'AE-DU',
        city: 'Dubai',
        phones: '+971 4 000 0003',
        openingHours: 'Every day, day and night',
        latitude: '',
        longitude: '',
      }),
    );
    expect(changed.statusCode, errorSummary(changed.body).join('; ')).toBe(303);
    const [update] = await audited('directory_entry.updated', shelter);
    expect(update?.after).toMatchObject({ openingHours: 'Every day, day and night' });
    await destination.get(`/directory/manage/${shelter}`);
    const removed = await destination.post(`/directory/manage/${shelter}/remove`);
    expect(removed.statusCode).toBe(303);
    expect(await audited('directory_entry.removed', shelter)).toHaveLength(1);
    expect((await h.anonymous().get(`/directory/AE/${shelter}`)).statusCode).toBe(404);
  });

  it('takes writes from an API key with directory.manage, within its organisation’s country', async () => {
    const nea = await h.db
      .selectFrom('organisation')
      .select('id')
      .where('registration_number', '=', 'GOV-KE-001')
      .executeTakeFirstOrThrow();
    const { client } = await h.apiClient({
      organisationId: nea.id,
      permissions: ['directory.manage'],
    });
    const body = {
      kind: 'hotline',
      name: 'Kisumu helpline (test)',
      countryCode: 'KE',
      phones: ['+254 57 000 0011'],
      languages: ['sw', 'luo'.slice(0, 2)],
      serves: ['everyone'],
      lastCheckedOn: today(),
    };
    const created = await client.json('POST', '/api/v1/directory', body);
    expect(created.statusCode, created.body).toBe(201);
    const { id, phones } = created.json<{ id: string; phones: string[] }>();
    expect(phones).toEqual(['+254570000011']);
    const bad = await client.json('POST', '/api/v1/directory', { ...body, phones: ['12'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('phones');
    const elsewhere = await client.json('POST', '/api/v1/directory', {
      ...body,
      countryCode: 'QA',
    });
    expect(elsewhere.statusCode).toBe(400);
    const doha = await entryId('Doha Workers’ Rights Centre (demo)');
    expect((await client.json('PUT', `/api/v1/directory/${doha}`, body)).statusCode).toBe(404);
    expect((await client.json('DELETE', `/api/v1/directory/${doha}`)).statusCode).toBe(404);
    expect((await client.json('DELETE', `/api/v1/directory/${id}`)).statusCode).toBe(204);
    const anonymous = await h.anonymous().json('POST', '/api/v1/directory', body);
    expect(anonymous.statusCode).toBe(401);
  });
});
