import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/helpers/client.js';
import type { Permission } from '../../platform/authz/catalogue.js';
import type { z } from 'zod';
import type { jobOrderView, minimumWageView } from './job-orders.api-view.js';
import {
  as,
  daysFromNow,
  jobOrdersFixture,
  type JobOrdersFixture,
} from './job-orders.test-support.js';

/** Employers' and agencies' systems post job orders with API keys; officers decide. */
type JobOrder = z.infer<typeof jobOrderView>;
type Problem = { errors: { pointer: string; detail: string }[] };
let f: JobOrdersFixture;
/** The agency's system: a real key made through the API-keys service. */
let key: { client: TestClient; keyId: string };
/** The origin officer, signed in (password, TOTP), calling the API with the session. */
let officer: TestClient;

/** A client calling with a new key of the organisation (the agency by default). */
function apiKey(permissions: Permission[], organisationId = f.agencyId) {
  return f.web.apiClient({ organisationId, permissions });
}

beforeAll(async () => {
  f = await jobOrdersFixture();
  key = await apiKey(['vacancy.read', 'vacancy.create', 'vacancy.submit']);
  officer = await f.web.signIn(f.users.officer);
});

afterAll(async () => {
  await f?.close();
});

const post = (
  client: TestClient,
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
) => client.json('POST', url, payload, headers);

describe('POST /api/v1/job-orders', () => {
  it('creates and submits with a key; the event row names the key', async () => {
    const before = await f.vacancyRows();
    const response = await post(key.client, '/api/v1/job-orders', {
      ...f.nurseOrder(),
      submit: true,
    });
    expect(response.statusCode).toBe(201);
    const after = await f.vacancyRows();
    expect(after.vacancy).toBe(before.vacancy! + 1);
    expect(after.vacancy_event).toBe(before.vacancy_event! + 2);
    expect(after.audit_event).toBe(before.audit_event! + 2);
    const body = response.json<JobOrder>();
    expect(body).toMatchObject({
      state: 'submitted',
      agency: { id: f.agencyId },
      wage: { amount: '7500.00', currency: 'AED', period: 'month' },
    });
    expect(body.reference).toMatch(/^JO-\d{6}$/);
    const events = await f.db
      .selectFrom('vacancy_event')
      .select(['event', 'actor_api_key_id'])
      .where('vacancy_id', '=', body.id)
      .orderBy('id')
      .execute();
    expect(events.map((row) => row.event)).toEqual(['create', 'submit']);
    expect(events[0]?.actor_api_key_id).toBe(key.keyId);

    const decided = await post(officer, `/api/v1/job-orders/${body.id}/decisions`, {
      event: 'approve',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'published', actions: { officer: ['close'] } });
  });

  it('a refused submission answers 400 and leaves no draft behind', async () => {
    const suspended = await f.granted('API Suspended Agency');
    await f.licensing.decide(as(f.officer), suspended.id, {
      event: 'suspend',
      reason: 'Charged workers recruitment fees',
    });
    const { client } = await apiKey(
      ['vacancy.read', 'vacancy.create', 'vacancy.submit'],
      suspended.organisationId,
    );
    const before = await f.vacancyRows();
    const response = await post(
      client,
      '/api/v1/job-orders',
      { ...f.nurseOrder(), submit: true },
      { 'accept-language': 'fr' },
    );
    expect(response.statusCode).toBe(400);
    const errors = response.json<Problem>().errors;
    expect(errors.map((error) => error.pointer)).toEqual(['/agency']);
    expect(errors[0]?.detail).toContain('suspendue');
    expect(await f.vacancyRows()).toEqual(before);
    const list = await client.json('GET', '/api/v1/job-orders');
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('a key without vacancy.submit may draft but not submit', async () => {
    const { client } = await apiKey(['vacancy.read', 'vacancy.create']);
    const before = await f.vacancyRows();
    expect(
      (await post(client, '/api/v1/job-orders', { ...f.nurseOrder(), submit: true })).statusCode,
    ).toBe(403);
    expect(await f.vacancyRows()).toEqual(before);
    const draft = await post(client, '/api/v1/job-orders', f.nurseOrder());
    expect(draft.statusCode).toBe(201);
    expect(
      (
        await post(client, `/api/v1/job-orders/${draft.json<JobOrder>().id}/events`, {
          event: 'submit',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('names each bad field in a 400 problem, in the caller’s language, and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await f.db
            .selectFrom('vacancy')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ positions: 0 }, '/positions'],
      [{ applicationDeadline: '2026-02-30' }, '/applicationDeadline'],
      [{ wage: { amount: '-5', currency: 'AED', period: 'month' } }, '/wage/amount'],
      [{ wage: { amount: '7000', currency: 'A1', period: 'month' } }, '/wage/currency'],
      [{ title: 'x'.repeat(10_000) }, '/title'],
      [{ occupation: "'; drop table vacancy; --" }, '/occupation'],
    ];
    for (const [override, pointer] of cases) {
      const response = await post(
        key.client,
        '/api/v1/job-orders',
        { ...f.nurseOrder(), ...override },
        { 'accept-language': 'fr' },
      );
      expect(response.statusCode, pointer).toBe(400);
      const errors = response.json<Problem>().errors;
      expect(errors.map((error) => error.pointer)).toContain(pointer);
      expect(errors.every((error) => !error.detail.startsWith('jobOrders.'))).toBe(true);
    }
    const below = await post(key.client, '/api/v1/job-orders', {
      ...f.nurseOrder(),
      wage: { amount: '5000', currency: 'AED', period: 'month' },
    });
    expect(below.statusCode).toBe(400);
    expect(below.json<Problem>().errors[0]).toMatchObject({ pointer: '/wage/amount' });
    expect(below.json<Problem>().errors[0]?.detail).toContain('6,000');
    expect(await count()).toBe(before);
  });

  it('PUT with "submit" saves and submits together; a refusal leaves the draft as it was', async () => {
    const { client } = await apiKey([
      'vacancy.read',
      'vacancy.create',
      'vacancy.update',
      'vacancy.submit',
    ]);
    const draft = (
      await post(client, '/api/v1/job-orders', f.nurseOrder({ title: 'Dialysis nurse' }))
    ).json<JobOrder>().id;
    const put = (payload: unknown) => client.json('PUT', `/api/v1/job-orders/${draft}`, payload);
    const before = await f.vacancyRows();
    const refused = await put({
      ...f.nurseOrder({ title: 'Dialysis nurse (cheaper)' }),
      wage: { amount: '3000', currency: 'AED', period: 'month' },
      submit: true,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().errors[0]).toMatchObject({ pointer: '/wage/amount' });
    expect(await f.vacancyRows()).toEqual(before);
    const accepted = await put({
      ...f.nurseOrder({ title: 'Dialysis nurse, days' }),
      submit: true,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<JobOrder>()).toMatchObject({
      state: 'submitted',
      title: 'Dialysis nurse, days',
    });
  });

  it('PUT refuses an agency or an authority as the employer, as POST does', async () => {
    const { client } = await apiKey(['vacancy.read', 'vacancy.create', 'vacancy.update']);
    const draft = (await post(client, '/api/v1/job-orders', f.nurseOrder())).json<JobOrder>().id;
    for (const employerId of [f.agencyId, f.authorityId]) {
      const created = await post(client, '/api/v1/job-orders', f.nurseOrder({ employerId }));
      expect(created.statusCode).toBe(400);
      const put = await client.json(
        'PUT',
        `/api/v1/job-orders/${draft}`,
        f.nurseOrder({ employerId }),
      );
      expect(put.statusCode).toBe(400);
      expect(put.json<Problem>().errors[0]?.pointer).toBe('/employerId');
    }
    const view = await client.json('GET', `/api/v1/job-orders/${draft}`);
    expect(view.json<JobOrder>().employer.id).toBe(f.employerId);
  });

  it('takes text in any script', async () => {
    const response = await post(key.client, '/api/v1/job-orders', {
      ...f.nurseOrder(),
      language: 'ar',
      title: 'ممرض/ممرضة — جناح عام 🏥',
      description: 'رعاية المرضى البالغين في دبي.\n\t"اقتباس" \\ \u0000'.replace('\u0000', ''),
      applicationDeadline: daysFromNow(10),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<JobOrder>().title).toBe('ممرض/ممرضة — جناح عام 🏥');
  });

  it('answers "not found" for another organisation’s job order and for malformed ids', async () => {
    const list = await officer.json('GET', '/api/v1/job-orders?state=submitted');
    expect(list.statusCode).toBe(200);
    const stranger = await f.web.signIn((await f.agency('API Stranger')).user);
    const anyId = (await f.db.selectFrom('vacancy').select('id').executeTakeFirstOrThrow()).id;
    expect((await stranger.json('GET', `/api/v1/job-orders/${anyId}`)).statusCode).toBe(404);
    expect((await stranger.json('GET', '/api/v1/job-orders/not-an-id')).statusCode).toBe(404);
  });
});

describe('minimum wages in the API', () => {
  it('the officer sets, lists and removes floors; others are refused', async () => {
    const set = await officer.json('PUT', '/api/v1/minimum-wages', {
      destinationCountry: 'QA',
      amount: '1800',
      currency: 'QAR',
      period: 'month',
    });
    expect(set.statusCode).toBe(200);
    const list = await officer.json('GET', '/api/v1/minimum-wages');
    expect(
      list
        .json<{ items: z.infer<typeof minimumWageView>[] }>()
        .items.map((item) => item.destinationCountry),
    ).toContain('QA');
    const bad = await officer.json('PUT', '/api/v1/minimum-wages', {
      destinationCountry: 'QA',
      iscoCode: '99999',
      amount: 'abc',
      currency: 'QAR',
      period: 'fortnight',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await officer.json('DELETE', `/api/v1/minimum-wages/${set.json<{ id: string }>().id}`))
        .statusCode,
    ).toBe(204);
    expect((await key.client.json('GET', '/api/v1/minimum-wages')).statusCode).toBe(403);
  });

  it('refuses the officer’s unsafe calls without the session’s CSRF token', async () => {
    const forged = await officer.json(
      'PUT',
      '/api/v1/minimum-wages',
      { destinationCountry: 'QA', amount: '1800', currency: 'QAR', period: 'month' },
      { 'x-csrf-token': 'forged' },
    );
    expect(forged.statusCode).toBe(403);
  });
});
