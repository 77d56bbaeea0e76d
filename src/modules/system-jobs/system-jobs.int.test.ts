import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactories } from '../../../test/factories/index.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import type { Jobs } from '../../platform/jobs/jobs.js';

let h: Harness;
let jobs: Jobs;
let failedJobId: number;

beforeAll(async () => {
  h = await createHarness();
  jobs = h.services.jobs;
  jobs.define({
    name: 'test.unreachable',
    maxAttempts: 1,
    run: async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:25');
    },
  });
  await jobs.syncSchedules();
  failedJobId = (await jobs.enqueue(h.db, 'test.unreachable', {})) ?? 0;
  await jobs.runDue();
});

afterAll(async () => {
  await h.close();
});

describe('/system/jobs', () => {
  it('shows the system administrator failures with their error, schedules and recent runs', async () => {
    const admin = await h.signIn(await h.factories.people.systemAdmin());
    const page = await admin.get('/system/jobs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    // The failure, its error and the button to retry it.
    expect(page.body).toContain('connect ECONNREFUSED 10.0.0.7:25');
    expect(page.body).toContain(`action="/system/jobs/${failedJobId}/retry"`);
    expect(page.body).toContain('Failed, no attempts left');
    // Schedules with their rule and next run, in words.
    expect(page.body).toContain('Expire licences past their end date');
    expect(page.body).toContain('At the times of the cron expression 1 0 * * *');
    expect(page.body).toContain('Every 60 minutes');
    // Recent runs with their outcome.
    expect(page.body).toContain('Succeeded');
    expect(page.body).toContain(
      'Remove expired sessions, sign-in counters and used password links',
    );
  });

  it('keeps the cron expression in its own direction on a right-to-left page', async () => {
    // A session of its own: the language chosen here stays with the client's cookie.
    const admin = await h.signIn(await h.factories.people.systemAdmin(), { fresh: true });
    const page = await admin.get('/system/jobs?lang=ar');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    // Isolated by the translator (FSI … PDI), so that Arabic does not reorder it.
    expect(page.body).toContain('تعبير cron \u20681 0 * * *\u2069');
    // A schedule's label is isolated like those of failures and runs (a job the locale files
    // do not know is labelled with its Latin name).
    expect(page.body).toContain(
      '<bdi>إنهاء التراخيص التي تجاوزت تاريخ انتهائها</bdi><br><span class="govuk-body-s corridor-ltr">licences.expire</span>',
    );
  });

  it('retries a failed job with the CSRF token, audited; refuses a forged token', async () => {
    const admin = await h.signIn(await h.factories.people.systemAdmin());
    await admin.get('/system/jobs');
    const forged = await admin.post(`/system/jobs/${failedJobId}/retry`, { _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);

    const retried = await admin.post(`/system/jobs/${failedJobId}/retry`);
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe(`/system/jobs?retried=${failedJobId}`);
    const job = await h.db
      .selectFrom('job')
      .select(['state', 'attempts', 'max_attempts'])
      .where('id', '=', failedJobId)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ state: 'queued', attempts: 1, max_attempts: 2 });
    const audit = await h.services.audit.list({
      action: 'job.retried',
      subjectId: String(failedJobId),
      limit: 5,
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor.userId).toBe((await h.factories.people.systemAdmin()).id);

    const page = await admin.get(`/system/jobs?retried=${failedJobId}`);
    expect(page.body).toContain(`Job #${failedJobId} is queued to run again now.`);
  });

  it('answers "not found" for a job that cannot be retried', async () => {
    const admin = await h.signIn(await h.factories.people.systemAdmin());
    await admin.get('/system/jobs');
    expect((await admin.post('/system/jobs/999999999/retry')).statusCode).toBe(404);
    expect((await admin.post('/system/jobs/abc/retry')).statusCode).toBe(404);
    // Typed by hand, or by someone probing: never a 500.
    for (const id of [
      '-1',
      '0',
      '1e3',
      '0x10',
      '%201',
      '1%20',
      '99999999999999999999',
      '%00',
      '1%00',
    ]) {
      const response = await admin.post(`/system/jobs/${id}/retry`);
      expect([id, response.statusCode]).toEqual([id, expect.toBeOneOf([400, 404])]);
    }
    // A control character in the query is refused by the platform with a named 400.
    const page = await admin.get('/system/jobs?retried=%00');
    expect(page.statusCode).toBe(400);
    const succeeded = await h.db
      .selectFrom('job')
      .select('id')
      .where('state', '=', 'succeeded')
      .executeTakeFirstOrThrow();
    expect((await admin.post(`/system/jobs/${succeeded.id}/retry`)).statusCode).toBe(404);
  });

  it('is refused to everyone else', async () => {
    const factories = createFactories({ db: h.db, services: h.services });
    const { staff } = await factories.licensing.authority('KE');
    const officer = await h.signIn(staff);
    expect((await officer.get('/system/jobs')).statusCode).toBe(403);
    await officer.get('/licences');
    expect((await officer.post(`/system/jobs/${failedJobId}/retry`)).statusCode).toBe(403);
    const anonymous = h.anonymous();
    const response = await anonymous.get('/system/jobs');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/sign-in');
  });

  it('reads in Arabic, right to left', async () => {
    const admin = await h.signIn(await h.factories.people.systemAdmin());
    const page = await admin.get('/system/jobs?lang=ar');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('المهام الخلفية');
  });
});
