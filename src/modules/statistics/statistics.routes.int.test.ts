import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/**
 * The statistics pages, downloads and API on real SQL with the demo's records (Kenya → United
 * Arab Emirates): status codes, what a public and a restricted reader see, content types and
 * file names of the downloads, bad and hostile queries answered on the form (400), never 500.
 */
let h: Harness;
let analyst: TestClient;
let officer: TestClient;
let seeker: TestClient;

beforeAll(async () => {
  h = await createHarness({ demo: true });
  analyst = await h.signIn(await h.factories.people.user({ role: 'analyst' }));
  officer = await h.signIn(
    await h.factories.people.user({ role: 'origin_officer', countryCode: 'KE' }),
  );
  seeker = await h.signIn(await h.factories.people.user({ role: 'job_seeker' }));
}, 120_000);
afterAll(async () => h?.close());

describe('the public pages', () => {
  it('shows the overview: the tables, the disclosure note, the maps’ figures', async () => {
    const page = await h.anonymous().get('/statistics');
    expect(page.statusCode).toBe(200);
    for (const table of ['demand', 'supply', 'matching', 'time-to-fill', 'processing']) {
      expect(page.body).toContain(`href="/statistics/${table}"`);
    }
    expect(page.body).toContain('changed slightly at random');
    expect(page.body).toContain('not the sum of the rows');
    expect(page.body).not.toContain('not for publication');
  });

  it('shows a table with its filter form, notes, the total last and downloads keeping the filters', async () => {
    const page = await h.anonymous().get('/statistics/demand?by=occupation&level=1&origin=KE');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="get" action="/statistics/demand"');
    expect(page.body).toContain('<tfoot>');
    expect(page.body).toContain(
      '/statistics/demand/data.csv?by=occupation&amp;level=1&amp;origin=KE',
    );
    expect(page.body).toContain(
      '/api/v1/statistics/tables/demand?by=occupation&amp;level=1&amp;origin=KE',
    );
    expect(page.body).toContain('govuk-table__cell--numeric');
  });

  it('marks an ISCO title in English on an Arabic page as English, for screen readers', async () => {
    const arabic = await h
      .anonymous({ lang: 'ar' })
      .get('/statistics/demand?by=occupation&level=1');
    expect(arabic.statusCode).toBe(200);
    expect(arabic.body).toMatch(/<th scope="row"[^>]*><bdi lang="en">[A-Z][a-z]/);
    const english = await h.anonymous().get('/statistics/demand?by=occupation&level=1');
    expect(english.body).not.toContain('<bdi lang="en">');
  });

  it('answers an unknown table 404, a bad or hostile query 400 on the form, never 500', async () => {
    const client = h.anonymous();
    expect((await client.get('/statistics/users')).statusCode).toBe(404);
    expect((await client.get('/statistics/users/data.csv')).statusCode).toBe(404);
    const bad = await client.get(
      '/statistics/supply?occupation=71120&from=2026-05&to=2026-01&origin=ZZ&by=wage',
    );
    expect(bad.statusCode).toBe(400);
    const summary = errorSummary(bad.body).join(' | ');
    expect(summary).toMatch(/Occupation \(ISCO code\): enter an ISCO code of 1 to 4 digits/);
    expect(summary).toMatch(/Show by: choose one of the breakdowns/);
    for (const hostile of [
      `occupation=${'9'.repeat(5000)}`,
      'origin=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'origin=NP&origin=QA',
      'from=%E0%A5%A8%E0%A5%A6%E0%A5%A8%E0%A5%AC-%E0%A5%A6%E0%A5%A9',
      'to=2026-03%00',
      `by=${'origin'.repeat(10)}`,
    ]) {
      const answer = await client.get(`/statistics/demand?${hostile}`);
      expect({ hostile, status: answer.statusCode }).toEqual({ hostile, status: 400 });
      expect(answer.body).not.toContain('<script>alert(1)');
    }
    // Processing takes no origin filter: the form says so.
    const processing = await client.get('/statistics/processing?origin=KE');
    expect(processing.statusCode).toBe(400);
    expect(errorSummary(processing.body).join(' ')).toMatch(/cannot be filtered/);
    // In Arabic the error is in Arabic.
    const arabic = await h.anonymous({ lang: 'ar' }).get('/statistics/demand?from=2026-13&lang=ar');
    expect(arabic.statusCode).toBe(400);
    expect(errorSummary(arabic.body).join(' ')).toMatch(/أدخل الشهر/);
  });
});

describe('the downloads', () => {
  it('gives the CSV as an attachment named for what it holds, with a short public cache', async () => {
    const file = await h.anonymous().get('/statistics/demand/data.csv?origin=KE');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    // open-data/downloads.ts: the table, its breakdown, exact or not, and the day of its figures.
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="corridor-demand-by-destination-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(file.headers['cache-control']).toBe('public, max-age=300');
    const restricted = await analyst.get('/statistics/restricted/demand/data.csv');
    expect(restricted.statusCode).toBe(200);
    expect(restricted.headers['content-disposition']).toMatch(
      /^attachment; filename="corridor-demand-by-destination-exact-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(restricted.headers['cache-control']).toBe('private, no-store');
    expect((await h.anonymous().get('/statistics/demand/data.csv?from=x')).statusCode).toBe(400);
  });

  it('gives SDMX-CSV, SDMX-JSON and the structure with their content types', async () => {
    const client = h.anonymous();
    const csv = await client.get('/statistics/supply/data.sdmx.csv?by=sex&origin=KE');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe(
      'application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8',
    );
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="corridor-supply-by-sex-\d{4}-\d{2}-\d{2}\.sdmx\.csv"$/,
    );
    // Every dimension of the structure: the breakdown's code, the filter's value, _T elsewhere.
    expect(csv.body.split('\r\n')[0]).toBe(
      'DATAFLOW,ORIGIN,ORIGIN_SUBDIVISION,OCCUPATION,EDUCATION_LEV,LANGUAGE,SEX,AGE,PREF_DESTINATION,INTENDED_STAY,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS',
    );
    expect(csv.body.split('\r\n')[1]).toMatch(
      /^CORRIDOR:DF_SUPPLY\(1\.0\),KE,_T,_T,_T,_T,[FMX_U]+,_T,_T,_T,JOB_SEEKERS,_T,/,
    );
    const json = await client.get('/statistics/supply/data.sdmx.json?by=sex');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe(
      'application/vnd.sdmx.data+json; version=1.0.0; charset=utf-8',
    );
    expect(JSON.parse(json.body)).toHaveProperty('data.dataSets');
    // Its links point at the structure on this site (PUBLIC_URL), not only at URNs.
    expect(json.body).toMatch(/"href":"https?:\/\/[^"]+\/statistics\/supply\/structure"/);
    const structure = await h.anonymous({ lang: 'fr' }).get('/statistics/supply/structure?lang=fr');
    expect(structure.statusCode).toBe(200);
    expect(structure.headers['content-disposition']).toBe(
      'attachment; filename="corridor-supply-structure.json"',
    );
    expect(structure.body).toContain('Demandeurs d’emploi');
    expect(structure.body).toMatch(/"href":"https?:\/\/[^"]+\/statistics\/supply\/structure"/);
    expect((await client.get('/statistics/users/structure')).statusCode).toBe(404);
  });
});

describe('the restricted pages', () => {
  it('send the anonymous to sign in, refuse a job seeker, show an analyst exact figures', async () => {
    const anonymous = await h.anonymous().get('/statistics/restricted');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
    expect((await seeker.get('/statistics/restricted')).statusCode).toBe(403);
    expect((await seeker.get('/statistics/restricted/demand')).statusCode).toBe(403);
    expect((await seeker.get('/statistics/restricted/demand/data.csv')).statusCode).toBe(403);

    const overview = await analyst.get('/statistics/restricted');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Exact figures — not for publication.');
    // An origin authority's analyst: the corridors from Kenya, exact, and no other country's.
    expect(overview.body).toMatch(/You see the figures of people and jobs from .*Kenya/);
    const table = await analyst.get('/statistics/restricted/supply?by=sex');
    expect(table.statusCode).toBe(200);
    expect(table.body).toContain('Exact figures — not for publication.');
    expect(table.headers['cache-control']).toBe('private, no-store');
  });

  it('show an origin officer the figures of their country, and say so', async () => {
    const page = await officer.get('/statistics/restricted/demand');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/You see the figures of people and jobs from .*Kenya/);
  });
});

describe('the API', () => {
  it('lists the tables, and answers a public table with labels and suppressed values', async () => {
    const list = await h.anonymous().json('GET', '/api/v1/statistics/tables');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: { id: string }[] }>().items;
    expect(items.map((item) => item.id)).toEqual([
      'demand',
      'supply',
      'matching',
      'time-to-fill',
      'processing',
    ]);
    const table = await h.anonymous().json('GET', '/api/v1/statistics/tables/demand?by=origin');
    expect(table.statusCode).toBe(200);
    const body = table.json<{
      audience: string;
      rows: { code: string; label: string; values: ({ value: number } | { status: string })[] }[];
      total: { code: string };
    }>();
    expect(body.audience).toBe('public');
    expect(body.total.code).toBe('_T');
    for (const row of body.rows) {
      for (const value of row.values) {
        if ('value' in value) expect([1, 2]).not.toContain(value.value);
        else expect(value).toEqual({ status: 'suppressed' });
      }
    }
    const kenya = body.rows.find((row) => row.code === 'KE');
    if (kenya) expect(kenya.label).toBe('Kenya');
  });

  it('refuses a bad query with problem details, and an unknown table with 404', async () => {
    const bad = await h.anonymous().json('GET', '/api/v1/statistics/tables/demand?occupation=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await h.anonymous().json('GET', '/api/v1/statistics/tables/users')).statusCode).toBe(
      404,
    );
  });

  it('gives exact figures to a session or key with statistics.read, and no one else', async () => {
    const path = '/api/v1/statistics/restricted/tables/demand';
    expect((await h.anonymous().json('GET', path)).statusCode).toBe(401);
    expect((await seeker.json('GET', path)).statusCode).toBe(403);
    const exact = await analyst.json('GET', path);
    expect(exact.statusCode).toBe(200);
    expect(exact.json<{ audience: string }>().audience).toBe('restricted');
    const authority = await h.factories.people.organisation({
      kind: 'origin_authority',
      countryCode: 'KE',
    });
    const { client } = await h.apiClient({
      organisationId: authority.id,
      permissions: ['statistics.read'],
    });
    const byKey = await client.json('GET', path);
    expect(byKey.statusCode).toBe(200);
    // An origin authority's key acts with its organisation's roles, the analyst's among them.
    expect(byKey.json<{ audience: string }>().audience).toBe('restricted');
    // … within its country only: the origin is forced to Kenya, and another one is refused.
    const byOrigin = await client.json('GET', `${path}?by=origin`);
    const rows = byOrigin.json<{ rows: { code: string }[] }>().rows;
    expect(rows.map((row) => row.code)).toEqual(['KE']);
    const elsewhere = await client.json('GET', `${path}?by=origin&origin=NP`);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('origin');
    const { client: other } = await h.apiClient({
      organisationId: authority.id,
      permissions: ['organisation.read'],
    });
    expect((await other.json('GET', path)).statusCode).toBe(403);
  });
});
