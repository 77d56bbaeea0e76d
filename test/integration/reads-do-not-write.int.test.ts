import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LicenceRecord } from '../../src/modules/licensing/licensing.repository.js';
import type { VacancyRecord } from '../../src/modules/vacancies/job-orders.repository.js';
import type { Staffed, TestUser } from '../factories/index.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/**
 * A read never writes (STYLE.md): the pages and APIs that used to expire licences and job
 * orders before answering now show them as expired without writing anything; the expiry jobs
 * write the transitions, their events and their audit.
 */

const COUNTED = [
  'audit_event',
  'licence_event',
  'employer_vetting_event',
  'vacancy_event',
  // A transition written by a read would also publish its event, or leave the work to a job.
  'domain_event',
  'job',
] as const;

let h: Harness;
let licence: LicenceRecord;
let agency: Staffed;
let licenceOfficer: TestUser;
let order: VacancyRecord;
let orderOfficer: TestUser;
let orderOwner: TestUser;
let orderOrganisationId: string;

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const yesterday = daysAgo(1);

async function counts(): Promise<Record<(typeof COUNTED)[number], number>> {
  const result = Object.fromEntries(COUNTED.map((table) => [table, 0])) as Record<
    (typeof COUNTED)[number],
    number
  >;
  for (const table of COUNTED) {
    const row = await h.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

beforeAll(async () => {
  h = await createHarness();
  ({ licence, agency, officer: licenceOfficer } = await h.factories.licensing.licence());
  order = await h.factories.jobOrders.jobOrder();
  const parties = await h.factories.jobOrders.parties();
  orderOfficer = parties.officer;
  orderOwner = parties.agency.staff;
  orderOrganisationId = parties.agency.organisation.id;
  // Due to expire: the licence's last day and the job order's deadline were yesterday.
  await h.db
    .updateTable('licence')
    .set({ valid_from: daysAgo(30), valid_to: yesterday })
    .where('id', '=', licence.id)
    .execute();
  await h.db
    .updateTable('vacancy')
    .set({ application_deadline: yesterday })
    .where('id', '=', order.id)
    .execute();
});

afterAll(async () => {
  await h.close();
});

describe('reads of records due to expire', () => {
  it('write nothing, and show the records as expired', async () => {
    // Signing in and creating the API key write (sessions, their audit): done before counting.
    const anonymous = h.anonymous();
    const officer = await h.signIn(licenceOfficer);
    const agencyStaff = await h.signIn(agency.staff);
    const owner = await h.signIn(orderOwner);
    const reviewer = await h.signIn(orderOfficer);
    const { client: api } = await h.apiClient({
      organisationId: orderOrganisationId,
      permissions: ['vacancy.read', 'vacancy.update'],
    });
    const before = await counts();
    const name = encodeURIComponent(agency.organisation.name);

    const pages: [string, Awaited<ReturnType<typeof anonymous.get>>][] = [];
    const visit = async (label: string, response: Awaited<ReturnType<typeof anonymous.get>>) => {
      pages.push([label, response]);
      return response;
    };

    // Licensing: the officer's list and page, the agency's own page, the public register.
    const list = await visit('/licences', await officer.get('/licences'));
    const activeList = await visit(
      '/licences?state=active',
      await officer.get('/licences?state=active'),
    );
    const expiredList = await visit(
      '/licences?state=expired',
      await officer.get('/licences?state=expired'),
    );
    const licencePage = await visit('/licences/:id', await officer.get(`/licences/${licence.id}`));
    await visit('agency /licences', await agencyStaff.get('/licences'));
    await visit('/recruiters?q=', await anonymous.get(`/recruiters?q=${name}`));
    await visit('/recruiters/:id', await anonymous.get(`/recruiters/${agency.organisation.id}`));
    const recruiters = await visit(
      '/api/v1/recruiters?q=',
      await anonymous.get(`/api/v1/recruiters?q=${name}`),
    );
    const recruiter = await visit(
      '/api/v1/recruiters/:id',
      await anonymous.get(`/api/v1/recruiters/${agency.organisation.id}`),
    );
    // Job orders: the owner's and the reviewer's lists and pages, and the API.
    await visit('/job-orders', await owner.get('/job-orders'));
    await visit('/job-orders/:id', await owner.get(`/job-orders/${order.id}`));
    await visit('/job-orders/review', await reviewer.get('/job-orders/review'));
    await visit('reviewer /job-orders/:id', await reviewer.get(`/job-orders/${order.id}`));
    const apiList = await visit('/api/v1/job-orders', await api.get('/api/v1/job-orders'));
    const apiOrder = await visit(
      '/api/v1/job-orders/:id',
      await api.get(`/api/v1/job-orders/${order.id}`),
    );

    expect(pages.map(([label, response]) => [label, response.statusCode])).toEqual(
      pages.map(([label]) => [label, 200]),
    );
    expect(await counts()).toEqual(before);

    // Shown as they stand today, though still stored as active and published.
    expect(
      await h.db.selectFrom('licence').select('state').where('id', '=', licence.id).execute(),
    ).toEqual([{ state: 'active' }]);
    expect(
      await h.db.selectFrom('vacancy').select('state').where('id', '=', order.id).execute(),
    ).toEqual([{ state: 'published' }]);
    expect(licencePage.body).toContain('Expired');
    expect(expiredList.body).toContain(licence.organisationName);
    expect(list.body).toContain(licence.organisationName);
    expect(activeList.body).not.toContain(licence.organisationName);
    const found = recruiters.json<{ items: { id: string; status: string }[] }>().items;
    expect(found.find((item) => item.id === agency.organisation.id)?.status).toBe('expired');
    expect(recruiter.json()).toMatchObject({ status: 'expired' });
    expect(apiOrder.json()).toMatchObject({ id: order.id, state: 'expired' });
    expect(JSON.stringify(apiList.json())).toContain(order.id);
  });

  it('are expired by the jobs, which write the transitions, their events and their audit', async () => {
    const before = await counts();
    const jobs = h.services.jobs;
    await jobs.syncSchedules();
    await jobs.runDue();
    const after = await counts();
    expect(after.licence_event - before.licence_event).toBeGreaterThanOrEqual(1);
    expect(after.vacancy_event - before.vacancy_event).toBeGreaterThanOrEqual(1);
    expect(after.audit_event - before.audit_event).toBeGreaterThanOrEqual(2);
    expect(after.domain_event - before.domain_event).toBeGreaterThanOrEqual(2);
    expect(
      await h.db.selectFrom('licence').select('state').where('id', '=', licence.id).execute(),
    ).toEqual([{ state: 'expired' }]);
    expect(
      await h.db.selectFrom('vacancy').select('state').where('id', '=', order.id).execute(),
    ).toEqual([{ state: 'expired' }]);
    const runs = await h.db
      .selectFrom('job_run')
      .select(['job_name', 'outcome'])
      .where('job_name', 'in', ['licences.expire', 'job_orders.expire'])
      .execute();
    expect(runs).toEqual(
      expect.arrayContaining([
        { job_name: 'licences.expire', outcome: 'succeeded' },
        { job_name: 'job_orders.expire', outcome: 'succeeded' },
      ]),
    );
  });
});
