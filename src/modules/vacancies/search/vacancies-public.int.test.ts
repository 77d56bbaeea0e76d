import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, searchFixture, type SearchFixture } from './search.test-support.js';

/** The public pages, the Atom feed and the JSON API over real SQL. */
let f: SearchFixture;
let nurse: { id: string; number: number };
let placed: { id: string; number: number };
let agencyId: string;

beforeAll(async () => {
  f = await searchFixture();
  nurse = await f.vacancy({
    translations: [
      {
        language: 'ar',
        title: 'ممرض/ممرضة، جناح عام',
        description: 'رعاية المرضى البالغين في جناح عام.',
      },
    ],
  });
  ({ agencyId } = await f.licensedAgency('Nairobi Care Recruiters'));
  placed = await f.vacancy({
    agency_organisation_id: agencyId,
    title: 'Cook <b>& baker</b> "night"',
    occupation_id: null,
    isco_code: '5120',
    destination_country: 'QA',
    destination_subdivision: null,
    wage_currency: 'QAR',
    wage_amount: '3500',
  });
  for (let i = 0; i < 25; i += 1) {
    await f.vacancy({ title: `Care assistant ${i}`, occupation_id: null, isco_code: '5322' });
  }
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  f.web.app.inject({ method: 'GET', url, headers });

/**
 * A small well-formedness check (no XML parser is a dependency): declaration, balanced tags,
 * quoted attributes, and no "&" or "<" that is not markup or a predefined entity.
 */
function parseXml(xml: string): { name: string; text: string }[] {
  const token =
    /<\?xml [^?]*\?>|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const stack: string[] = [];
  const elements: { name: string; text: string }[] = [];
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = token.exec(xml)) !== null) {
    end = token.lastIndex;
    const [, closing, name, attributes, selfClosing, text] = match;
    for (const part of [attributes ?? '', text ?? '']) {
      expect(part.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toMatch(/&/);
    }
    if (text !== undefined) {
      if (stack.length > 0) elements.push({ name: stack[stack.length - 1]!, text });
      continue;
    }
    if (!name) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name);
  }
  expect(end).toBe(xml.length);
  expect(stack).toEqual([]);
  return elements;
}

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('the search page', () => {
  it('shows results, facet counts, sorting, pagination and the feed link, light enough', async () => {
    const response = await get('/vacancies?lang=en');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('27 vacancies found');
    expect(html).toMatch(/name="destination" type="checkbox" value="AE"/);
    expect(html).toContain('United Arab Emirates (26)');
    expect(html).toContain('type="application/atom+xml" href="/vacancies/feed.atom"');
    expect(html).toContain('Subscribe to this search');
    expect(html).toContain('href="/vacancies?page=2"');
    const cook = (await get('/vacancies?q=cook&lang=en')).body;
    expect(cook).toContain('Cook &lt;b&gt;&amp; baker&lt;/b&gt;');
    expect(cook).not.toContain('<b>& baker');
    expect(zlib.gzipSync(html).length).toBeLessThan(50 * 1024);
  });

  it('marks a place name shown in English on a page in another language, and says so once', async () => {
    const nepali = (await get('/vacancies?destination=AE&lang=ne')).body;
    expect(nepali).toMatch(/<span lang="en">Dubai<\/span>, संयुक्त अरब इमिराट्स/);
    expect(nepali).toContain('अङ्ग्रेजीमा देखाइएका छन्');
    const arabic = (await get('/vacancies?destination=AE&lang=ar')).body;
    expect(arabic).not.toMatch(/lang="en"[^>]*>Dubai</);
    const english = (await get('/vacancies?destination=AE&lang=en')).body;
    expect(english).not.toMatch(/<span lang="en">/);
    expect(english).toContain('Dubai, United Arab Emirates');
  });

  it('keeps every filter in the URL, and counts each facet without its own filter', async () => {
    const html = (await get('/vacancies?destination=QA&group=5&sort=wage&lang=en')).body;
    expect(html).toContain('1 vacancy found');
    expect(html).toMatch(/value="QA" checked/);
    // Ticking AE as well would add the 25 care assistants (group 5) in the Emirates.
    expect(html).toContain('United Arab Emirates (25)');
    expect(html).toMatch(/<option value="wage" selected/);
  });

  it('finds an English nurse vacancy from a French word, and shows Arabic titles in Arabic', async () => {
    const fr = (await get(`/vacancies?q=${encodeURIComponent('infirmière')}&lang=fr`)).body;
    expect(fr).toContain('1 offre trouvée');
    expect(fr).toContain(`href="/vacancies/${nurse.number}"`);
    const ar = (await get('/vacancies?q=nurse&lang=ar')).body;
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain('ممرض/ممرضة، جناح عام');
    expect(ar).toContain('الإمارات');
  });

  it('searches a misspelt word as the nearest known one, and says so in the reader’s language', async () => {
    const fr = (await get(`/vacancies?q=${encodeURIComponent('infirmeire')}&lang=fr`)).body;
    expect(fr).toContain('1 offre trouvée');
    expect(fr).toContain(`href="/vacancies/${nurse.number}"`);
    expect(fr).toContain(
      // French spacing: narrow no-break spaces inside « », a no-break space before the colon.
      'Aucune offre ne contient le mot «\u202finfirmeire\u202f»\u00a0: voici les résultats pour «\u202finfirmier\u202f».',
    );
    const ar = (await get('/vacancies?q=nurze&lang=ar')).body;
    // The words are isolated inside the Arabic sentence (FSI … PDI), by the translator.
    expect(ar).toContain(
      'لا توجد وظيفة تحتوي على كلمة «\u2068nurze\u2069»، لذلك هذه نتائج «\u2068nurse\u2069».',
    );
    // The query's own text is escaped.
    const hostile = (await get(`/vacancies?q=${encodeURIComponent('<b>nurze</b>')}`)).body;
    expect(hostile).toContain('No vacancy has the word “nurze”');
    expect(hostile).not.toContain('<b>nurze');
    const api = (await get('/api/v1/vacancies?q=nurze')).json<{ corrections: unknown }>();
    expect(api.corrections).toEqual([{ from: 'nurze', to: 'nurse' }]);
  });

  it('answers bad parameters with a 400 and an error summary naming each field', async () => {
    const response = await get(
      `/vacancies?destination=ARE&duration=forever&page=9999&q=${'x'.repeat(300)}&lang=en`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#destination"');
    // The fields the summary links to are on the page, with the valid filters applied.
    expect(response.body).toContain('id="destination"');
    expect(response.body).toContain('27 vacancies found');
    expect(response.body).toContain('Enter 200 characters or fewer');
    expect(response.body).toContain('Enter a page number between 1 and 500');
  });
});

describe('the vacancy page', () => {
  it('shows every term in the reader’s language and the recruiter’s licence', async () => {
    const en = (await get(`/vacancies/${placed.number}?lang=en`)).body;
    expect(en).toContain('Qatar');
    expect(en).toContain('24 months');
    expect(en).toContain('English: B1');
    expect(en).toContain('Bachelor’s degree or equivalent');
    expect(en).toContain(`href="/recruiters/${agencyId}"`);
    expect(en).toContain('Nairobi Care Recruiters');
    expect(en).toContain('govuk-tag--green');
    const ar = await get(`/vacancies/${nurse.number}?lang=ar`);
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toContain('رعاية المرضى البالغين');
    expect(ar.body).toContain('الإمارات العربية المتحدة');
    expect(ar.body).toContain('يوظّف صاحب العمل مباشرةً');
  });

  it('isolates organisation names from the text around them on a right-to-left page', async () => {
    const ar = (await get(`/vacancies/${placed.number}?lang=ar`)).body;
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain('\u2068Gulf Care Hospitals\u2069');
    expect(ar).toContain('\u2068Nairobi Care Recruiters\u2069');
    const hits = (await get('/vacancies?lang=ar')).body;
    expect(hits).toContain('\u2068Gulf Care Hospitals\u2069');
    // The API gives names as written.
    const api = (await get(`/api/v1/vacancies/${placed.number}`)).body;
    expect(api).toContain('"Gulf Care Hospitals"');
    expect(api).not.toContain('\u2068');
  });

  it('says "no longer open" (410) once closed, and not found for anything else', async () => {
    const closed = await f.vacancy({ title: 'Closed job' });
    await f.changeVacancy(closed.id, { state: 'closed', ended_at: new Date() });
    const page = await get(`/vacancies/${closed.number}?lang=en`);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This vacancy is no longer open');
    const draft = await f.vacancy({ state: 'draft', published_at: null, approved_at: null });
    expect((await get(`/vacancies/${draft.number}`)).statusCode).toBe(404);
    expect((await get('/vacancies/not-a-number')).statusCode).toBe(404);
    expect((await get(`/vacancies/JO-${String(nurse.number).padStart(6, '0')}`)).statusCode).toBe(
      200,
    );
    const api = await get(`/api/v1/vacancies/${closed.number}`);
    expect(api.statusCode).toBe(410);
    expect(api.json()).toMatchObject({ status: 410, detail: 'The employer closed this vacancy.' });
  });
});

describe('the Atom feed', () => {
  it('is well-formed Atom, newest first, with absolute links and everything escaped', async () => {
    const response = await get('/vacancies/feed.atom?q=cook&lang=en');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const elements = parseXml(response.body);
    expect(response.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(response.body).toContain(`href="${PUBLIC_URL}/vacancies?q=cook"`);
    const titles = elements.filter((e) => e.name === 'title').map((e) => unescape(e.text));
    expect(titles).toContain('Cook <b>& baker</b> "night"');
    const ids = elements.filter((e) => e.name === 'id').map((e) => e.text);
    expect(ids).toContain(`${PUBLIC_URL}/vacancies/${placed.number}`);
    expect(elements.some((e) => e.name === 'updated')).toBe(true);

    const all = parseXml((await get('/vacancies/feed.atom')).body);
    expect(all.filter((e) => e.name === 'published')).toHaveLength(27);
  });
});

describe('the JSON API', () => {
  it('searches with facets and gives one vacancy, without an account', async () => {
    const response = await get('/api/v1/vacancies?q=nurse&destination=AE');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ total: number; hits: { number: number }[]; facets: unknown }>();
    expect(body.total).toBe(1);
    expect(body.hits[0]?.number).toBe(nurse.number);
    expect(body.facets).toMatchObject({ destination: [{ value: 'AE', count: 1 }] });
    const one = await get(`/api/v1/vacancies/${placed.number}`);
    expect(one.json()).toMatchObject({
      number: placed.number,
      agency: { id: agencyId, licensed: true },
      wage: { amount: '3500.00', currency: 'QAR', period: 'month' },
    });
  });

  it('answers bad parameters with 400 problem details naming each parameter', async () => {
    const response = await get('/api/v1/vacancies?destination=ARE&page=0&sort=best');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const pointers = response
      .json<{ errors: { pointer: string; detail: string }[] }>()
      .errors.map((error) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        expect.stringContaining('destination'),
        expect.stringContaining('page'),
        expect.stringContaining('sort'),
      ]),
    );
  });
});

describe('hostile input', () => {
  const inputs = [
    'ممرضة في دبي',
    '👩‍⚕️🏥 nurse 💉',
    "'; drop table vacancy; --",
    '%00%ff%fe',
    '\u0000\u0001\u007f',
    'x'.repeat(10_240),
    '<script>alert(1)</script>',
    '日本 看護師',
  ];
  it.each(inputs.map((input) => [input.slice(0, 30), input]))(
    'never gives a 500: %s',
    async (_name, input) => {
      const q = encodeURIComponent(input);
      for (const url of [
        `/vacancies?q=${q}`,
        `/vacancies/feed.atom?q=${q}`,
        `/api/v1/vacancies?q=${q}`,
        `/vacancies?destination=${q}&language=${q}&page=${q}`,
        `/api/v1/vacancies/${q}`,
        `/vacancies/${q}`,
      ]) {
        const response = await get(url);
        expect({ url, status: response.statusCode < 500 }).toEqual({ url, status: true });
        expect(response.body).not.toContain('<script>alert(1)</script>');
      }
    },
  );
});
