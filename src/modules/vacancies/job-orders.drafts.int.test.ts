import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/helpers/client.js';
import { NotFoundError } from '../../platform/http/problem.js';
import { as, jobOrdersFixture, type JobOrdersFixture } from './job-orders.test-support.js';

/**
 * A draft is its authors' (and the employer it names) until it is submitted: the origin
 * officers who decide on job orders see it neither in their lists (whatever the filter) nor by
 * its id, through the service, the pages or the API; once submitted, they do.
 */
let f: JobOrdersFixture;
let officer: TestClient;
let agency: TestClient;
let draftId: string;

beforeAll(async () => {
  f = await jobOrdersFixture();
  officer = await f.web.signIn(f.users.officer);
  agency = await f.web.signIn(f.users.agencyStaff);
  draftId = (await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder())).id;
});

afterAll(async () => {
  await f?.close();
});

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('an agency’s draft', () => {
  it('is not the origin officer’s to read, in a list or by its id (service)', async () => {
    expect(ids(await f.jobOrders.list(as(f.agencyStaff)))).toContain(draftId);
    expect(ids(await f.jobOrders.list(as(f.officer)))).not.toContain(draftId);
    expect(ids(await f.jobOrders.list(as(f.officer), 'draft'))).not.toContain(draftId);
    const page = await f.jobOrders.page(as(f.officer), {
      state: 'draft',
      sort: 'changed',
      page: 1,
    });
    expect(page.total).toBe(0);
    await expect(f.jobOrders.get(as(f.officer), draftId)).rejects.toThrow(NotFoundError);
    await expect(f.jobOrders.decide(as(f.officer), draftId, { event: 'approve' })).rejects.toThrow(
      NotFoundError,
    );
    // The employer it names sees it, as designed.
    expect((await f.jobOrders.get(as(f.employerStaff), draftId)).vacancy.id).toBe(draftId);
  });

  it('is not on the officer’s pages: the list, the draft filter, the job order itself', async () => {
    expect((await agency.get('/job-orders?state=draft')).body).toContain(draftId);
    expect((await officer.get('/job-orders')).body).not.toContain(draftId);
    expect((await officer.get('/job-orders?state=draft')).body).not.toContain(draftId);
    expect((await officer.get(`/job-orders/${draftId}`)).statusCode).toBe(404);
  });

  it('is not in the officer’s API answers: the list, the draft filter, the job order', async () => {
    const mine = await agency.json('GET', '/api/v1/job-orders?state=draft');
    expect(ids(mine.json<{ items: { id: string }[] }>().items)).toContain(draftId);
    for (const path of ['/api/v1/job-orders', '/api/v1/job-orders?state=draft']) {
      const list = await officer.json('GET', path);
      expect(list.statusCode).toBe(200);
      expect(ids(list.json<{ items: { id: string }[] }>().items)).not.toContain(draftId);
    }
    expect((await officer.json('GET', `/api/v1/job-orders/${draftId}`)).statusCode).toBe(404);
  });

  it('is the officer’s to read once submitted, and no longer once withdrawn', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder(), { submit: true });
    expect(ids(await f.jobOrders.list(as(f.officer)))).toContain(order.id);
    expect((await officer.get(`/job-orders/${order.id}`)).statusCode).toBe(200);
    expect((await officer.json('GET', `/api/v1/job-orders/${order.id}`)).statusCode).toBe(200);
    await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'withdraw');
    expect(ids(await f.jobOrders.list(as(f.officer)))).not.toContain(order.id);
    expect((await officer.get(`/job-orders/${order.id}`)).statusCode).toBe(404);
  });
});
