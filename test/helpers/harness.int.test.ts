import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

/** The harness itself: real sign-in (password, then TOTP), real sessions, real API keys. */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('the test harness', () => {
  it('signs staff in with a password and a TOTP code; the session holds their role', async () => {
    const officer = await h.factories.people.user({ role: 'origin_officer' });
    expect(officer.totpSecret).not.toBeNull();
    const client = await h.signIn(officer);
    expect(client.session()).toBeDefined();
    expect(client.csrf).not.toBeNull();
    const page = await client.get('/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(officer.email);
    expect(await h.signIn(officer)).toBe(client);
    const [session] = await h.db
      .selectFrom('user_session')
      .select(['two_factor_verified', 'stage'])
      .where('user_id', '=', officer.id)
      .execute();
    expect(session).toMatchObject({ two_factor_verified: true, stage: 'active' });
    const actions = await h.services.audit.list({ limit: 100 });
    expect(actions.map((event) => event.action)).toEqual(
      expect.arrayContaining(['two_factor.enabled', 'session.created']),
    );
  });

  it('gives a second session with a later TOTP step when asked for one', async () => {
    const auditor = await h.factories.people.user({ role: 'auditor' });
    const first = await h.signIn(auditor);
    const second = await h.signIn(auditor, { fresh: true });
    expect(second).not.toBe(first);
    expect(second.session()).not.toBe(first.session());
    expect((await second.get('/audit')).statusCode).toBe(200);
  });

  it('signs job seekers in without a second factor', async () => {
    const seeker = await h.factories.people.user();
    expect(seeker.totpSecret).toBeNull();
    const client = await h.signIn(seeker);
    expect((await client.get('/account/consents')).statusCode).toBe(200);
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const seeker = await h.factories.people.user();
    const client = await h.signIn(seeker);
    const forged = await client.post('/account/consents', {
      _csrf: 'forged',
      organisationId: 'x',
      purpose: 'profile.view',
    });
    expect(forged.statusCode).toBe(403);
  });

  it('calls the API with a key made through the API-keys service, within its permissions', async () => {
    const agency = await h.factories.people.organisation({ kind: 'recruitment_agency' });
    const { client, keyId } = await h.apiClient({
      organisationId: agency.id,
      permissions: ['organisation.read'],
    });
    const own = await client.json('GET', `/api/v1/organisations/${agency.id}`);
    expect(own.statusCode).toBe(200);
    const [created] = await h.services.audit.list({ action: 'api_key.created', limit: 1 });
    expect(created?.subjectIds).toEqual([keyId]);
    expect((await client.json('GET', '/api/v1/job-orders')).statusCode).toBe(403);
    expect((await h.withKey('crd_nope').json('GET', '/api/v1/job-orders')).statusCode).toBe(401);
  });

  it('sends visitors to sign in', async () => {
    const page = await h.anonymous().get('/account');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/sign-in');
  });
});
