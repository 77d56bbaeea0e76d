import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/helpers/client.js';
import {
  as,
  daysFromNow,
  jobOrdersFixture,
  type JobOrdersFixture,
} from './job-orders.test-support.js';

/**
 * The job-order list, paged and sorted: an agency with 30 job orders (whose deadlines run in
 * the opposite order to their creation) sees 25, then 5; another agency sees none of them.
 */
let f: JobOrdersFixture;
let agency: TestClient;
const titles: string[] = [];

beforeAll(async () => {
  f = await jobOrdersFixture();
  for (let i = 1; i <= 30; i++) {
    const title = `Ward nurse ${String(i).padStart(2, '0')}`;
    await f.jobOrders.create(
      as(f.agencyStaff),
      f.nurseOrder({ title, applicationDeadline: daysFromNow(100 - i) }),
    );
    titles.push(title);
  }
  agency = await f.web.signIn(f.users.agencyStaff);
});

afterAll(async () => {
  await f?.close();
});

const shown = (html: string) => [...html.matchAll(/Ward nurse \d\d/g)].map((m) => m[0]);

describe('the job-order list', () => {
  it('shows 25 to a page, the most recently changed first, with the count and the pages', async () => {
    const first = await agency.get('/job-orders');
    expect(first.statusCode).toBe(200);
    expect(shown(first.body)).toEqual(titles.slice(5).reverse());
    expect(first.body).toContain('30 job orders');
    expect(first.body).toContain('href="/job-orders?sort=changed&amp;page=2"');
    const second = await agency.get('/job-orders?page=2');
    expect(shown(second.body)).toEqual(titles.slice(0, 5).reverse());
  });

  it('sorts by the closing date and by creation, keeping the filter across pages', async () => {
    const deadline = await agency.get('/job-orders?sort=deadline&state=draft');
    expect(shown(deadline.body)).toEqual(titles.slice(5).reverse());
    expect(deadline.body).toContain('href="/job-orders?state=draft&amp;sort=deadline&amp;page=2"');
    const newest = await agency.get('/job-orders?sort=newest&page=2');
    expect(shown(newest.body)).toEqual(titles.slice(0, 5).reverse());
    const soonestLast = await agency.get('/job-orders?sort=deadline&page=2');
    expect(shown(soonestLast.body)).toEqual(titles.slice(0, 5).reverse());
  });

  it('takes a page past the last as the last, and nonsense as the defaults', async () => {
    expect(shown((await agency.get('/job-orders?page=99')).body)).toHaveLength(5);
    for (const query of ['page=-1', 'page=abc', 'sort=nonsense', 'state=<b>', 'page=1e9']) {
      const response = await agency.get(`/job-orders?${query}`);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 200 });
      expect(shown(response.body)).toHaveLength(25);
    }
  });

  it('refuses a control character in the query with a 400 naming it', async () => {
    const response = await agency.get('/job-orders?sort=%00');
    expect(response.statusCode).toBe(400);
  });

  it('shows another agency none of them', async () => {
    const other = await f.agency('Mombasa Manpower');
    const client = await f.web.signIn(other.user);
    const response = await client.get('/job-orders');
    expect(shown(response.body)).toEqual([]);
  });

  it('pages the API the same way, and names a bad sort or page in a 400', async () => {
    const { client } = await f.web.apiClient({
      organisationId: f.agencyId,
      permissions: ['vacancy.read', 'vacancy.update'],
    });
    const page = await client.json('GET', '/api/v1/job-orders?sort=deadline&page=2');
    expect(page.statusCode).toBe(200);
    const body = page.json<{ items: { title: string }[]; total: number; pages: number }>();
    expect({ total: body.total, pages: body.pages }).toEqual({ total: 30, pages: 2 });
    expect(body.items.map((item) => item.title)).toEqual(titles.slice(0, 5).reverse());
    for (const query of ['sort=cheapest', 'page=0', 'page=abc']) {
      const refused = await client.json('GET', `/api/v1/job-orders?${query}`);
      expect({ query, status: refused.statusCode }).toEqual({ query, status: 400 });
    }
  });
});
