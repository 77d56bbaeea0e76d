import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import type { TestUser } from '../../../test/factories/people.js';

/**
 * Country guides on the real app: an officer writes a guide, submits it, cannot publish their
 * own submission (four eyes), a colleague publishes it and a reader sees it with its date; a new
 * version keeps the old one readable until published; a diff; the stale-guide job tells the
 * editors once per period; an officer of another organisation sees nothing.
 */

let h: Harness;
let author: TestUser;
let reviewer: TestUser;
let outsider: TestUser;

const TEXT = {
  title: 'Housing in the United Arab Emirates',
  summary: 'Where workers live and what the employer provides.',
  body: '## Employer housing\n\nYour employer must provide housing or an allowance.',
  sources: 'UAE portal | https://u.ae',
};

beforeAll(async () => {
  h = await createHarness();
  const office = await h.factories.people.organisation({
    kind: 'destination_authority',
    countryCode: 'AE',
  });
  author = await h.factories.people.user({
    role: 'destination_officer',
    organisationId: office.id,
  });
  reviewer = await h.factories.people.user({
    role: 'destination_officer',
    organisationId: office.id,
  });
  const other = await h.factories.people.organisation({
    kind: 'destination_authority',
    countryCode: 'QA',
  });
  outsider = await h.factories.people.user({
    role: 'destination_officer',
    organisationId: other.id,
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function guideIdOf(): Promise<string> {
  const row = await h.db
    .selectFrom('guide')
    .select('id')
    .where('country_code', '=', 'AE')
    .where('topic', '=', 'housing')
    .where('language', '=', 'en')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('country guides', () => {
  let id: string;

  it('an officer writes a guide; it is not public until published', async () => {
    const client = await h.signIn(author);
    const refused = await client.post('/editing/guides/new', { ...TEXT, title: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Enter a title');

    const tooMany = await client.post('/editing/guides/new', {
      countryCode: 'AE',
      topic: 'housing',
      language: 'en',
      ...TEXT,
      sources: Array.from({ length: 21 }, (_, i) => `S${i} | https://example.org/${i}`).join('\n'),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('Give 20 sources or fewer');

    const preview = await client.post('/editing/guides/new', {
      countryCode: 'AE',
      topic: 'housing',
      language: 'en',
      ...TEXT,
      body: '<script>alert(1)</script> [x](javascript:alert(1))',
      intent: 'preview',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('&lt;script&gt;');
    expect(preview.body).not.toContain('href="javascript:');
    expect(await h.db.selectFrom('guide').select('id').execute()).toEqual([]);

    const saved = await client.post('/editing/guides/new', {
      countryCode: 'AE',
      topic: 'housing',
      language: 'en',
      ...TEXT,
    });
    expect(saved.statusCode).toBe(303);
    id = await guideIdOf();
    expect(saved.headers.location).toBe(`/editing/guides/${id}?done=create`);
    expect((await h.app.inject({ url: '/guides/AE/housing' })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/guides' })).body).not.toContain('/guides/AE');
  });

  it('four eyes: the officer who submitted cannot publish; a colleague does', async () => {
    const client = await h.signIn(author);
    expect((await client.post(`/editing/guides/${id}`, { event: 'submit' })).statusCode).toBe(303);
    const own = await client.post(`/editing/guides/${id}`, { event: 'publish' });
    expect(own.statusCode).toBe(400);
    expect(own.body).toContain('another officer must publish it');
    expect((await h.app.inject({ url: '/guides/AE/housing' })).statusCode).toBe(404);

    const colleague = await h.signIn(reviewer);
    const page = await colleague.get(`/editing/guides/${id}`);
    expect(page.body).toContain('value="publish"');
    expect((await colleague.post(`/editing/guides/${id}`, { event: 'publish' })).statusCode).toBe(
      303,
    );
    const reader = await h.app.inject({ url: '/guides/AE/housing?lang=en' });
    expect(reader.statusCode).toBe(200);
    expect(reader.body).toContain('Housing in the United Arab Emirates');
    expect(reader.body).toContain('Last verified on');
    expect(reader.body).toContain('href="https://u.ae"');
    expect((await h.app.inject({ url: '/guides' })).body).toContain('/guides/AE');

    const events = await h.db
      .selectFrom('guide_event')
      .select(['event', 'actor_user_id', 'version'])
      .where('guide_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { event: 'create', actor_user_id: author.id, version: 1 },
      { event: 'submit', actor_user_id: author.id, version: 1 },
      { event: 'publish', actor_user_id: reviewer.id, version: 1 },
    ]);
    const audit = await h.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_type', '=', 'guide')
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.action)).toEqual([
      'guide.created',
      'guide.submitted',
      'guide.published',
    ]);
    const outbox = await h.db
      .selectFrom('domain_event')
      .select('type')
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute();
    expect(outbox.map((row) => row.type)).toEqual([
      'guide.created',
      'guide.submitted',
      'guide.published',
    ]);
  });

  it('a new version: readers keep the published one until it is published; versions and diff', async () => {
    const client = await h.signIn(author);
    const revised = await client.post(`/editing/guides/${id}/edit`, {
      ...TEXT,
      body: `${TEXT.body}\n\nRent caps apply in Dubai.`,
    });
    expect(revised.statusCode).toBe(303);
    expect((await h.app.inject({ url: '/guides/AE/housing' })).body).not.toContain('Rent caps');
    const diff = await client.get(`/editing/guides/${id}/diff?from=1&to=2`);
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toMatch(/<ins>.*Rent caps apply in Dubai\./s);
    await client.post(`/editing/guides/${id}`, { event: 'submit' });
    const colleague = await h.signIn(reviewer);
    await colleague.post(`/editing/guides/${id}`, { event: 'publish' });
    const reader = await h.app.inject({ url: '/guides/AE/housing' });
    expect(reader.body).toContain('Rent caps apply in Dubai.');
    const versions = await h.db
      .selectFrom('guide_version')
      .select('number')
      .where('guide_id', '=', id)
      .orderBy('number')
      .execute();
    expect(versions.map((row) => row.number)).toEqual([1, 2]);
  });

  it('a reader asking for Arabic gets the English text with a notice; unknown country or topic: 404', async () => {
    const reader = await h.app.inject({ url: '/guides/AE/housing?lang=ar' });
    expect(reader.statusCode).toBe(200);
    expect(reader.body).toContain('lang="en" dir="ltr"');
    // The page itself stays right to left (the guide's direction is its own, not the page's).
    expect(reader.body).toContain('<html lang="ar" dir="rtl"');
    expect(reader.body).toContain('corridor-guide__fallback');
    expect((await h.app.inject({ url: '/guides/ZZ' })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/guides/AE/nonsense' })).statusCode).toBe(404);
    const api = await h.app.inject({ url: '/api/v1/guides/AE/housing?lang=ar' });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ language: 'en', requestedLanguage: 'ar', version: 2 });
  });

  it('a signed-in reader’s page is never kept offline on the device; an anonymous reader’s is', async () => {
    const anonymous = await h.app.inject({ url: '/guides/AE/housing' });
    expect(anonymous.headers['cache-control'] ?? '').not.toContain('no-store');
    const client = await h.signIn(outsider);
    for (const url of ['/guides/AE/housing', '/guides/AE']) {
      const page = await client.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-store');
    }
  });

  it('an officer of another organisation sees none of it', async () => {
    const client = await h.signIn(outsider);
    expect((await client.get(`/editing/guides/${id}`)).statusCode).toBe(404);
    expect(
      (await client.post(`/editing/guides/${id}`, { event: 'withdraw', reason: 'x' })).statusCode,
    ).toBe(404);
  });

  it('the stale job tells the editors once per period, in their language', async () => {
    await h.db
      .updateTable('guide')
      .set({ verified_on: '2020-01-01' })
      .where('id', '=', id)
      .execute();
    expect(await h.services.guides.notifyStale()).toBe(1);
    expect(await h.services.guides.notifyStale()).toBe(0);
    const emails = await h.emailsTo(author.email);
    expect(emails.some((email) => email.subject.includes('due for checking'))).toBe(true);
    const page = await (await h.signIn(author)).get('/editing/guides');
    expect(page.body).toContain('Due for checking');
    const reader = await h.app.inject({ url: '/guides/AE/housing' });
    expect(reader.body).toContain('has not been checked for more than');

    const client = await h.signIn(author);
    expect((await client.post(`/editing/guides/${id}`, { event: 'verify' })).statusCode).toBe(303);
    const after = await h.app.inject({ url: '/guides/AE/housing' });
    expect(after.body).not.toContain('has not been checked for more than');
  });
});
