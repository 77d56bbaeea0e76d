import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, type TestClient } from '../../../test/helpers/client.js';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';

/**
 * The duplicates pages on the real app with the demo data: the Kenyan origin officer sees the
 * Kenyan pair (the demo's second registration), in English and in Arabic; a dismissal without
 * a reason is refused with a named error, with one it is done (and a second submit is harmless).
 */
let h: Harness;
let officer: TestClient;

beforeAll(async () => {
  h = await createHarness({ demo: true });
  officer = await h.signInDemo('origin.officer@demo.corridor.example');
}, 300_000);
afterAll(async () => h?.close());

describe('/job-seekers/duplicates', () => {
  it('lists the pairs of the officer’s jurisdiction side by side, and refuses a job seeker', async () => {
    const page = await officer.get('/job-seekers/duplicates');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Same names and date of birth');
    const link = /href="\/job-seekers\/duplicates\/([0-9a-f-]{36})"/.exec(page.body);
    expect(link).not.toBeNull();
    const arabic = await h.signInDemo('origin.officer@demo.corridor.example', {
      lang: 'ar',
      fresh: true,
    });
    const inArabic = await arabic.get('/job-seekers/duplicates');
    expect(inArabic.statusCode).toBe(200);
    expect(inArabic.body).toContain('التسجيلات المكررة');
    const seeker = await h.signInDemo('jobseeker@demo.corridor.example');
    expect((await seeker.get('/job-seekers/duplicates')).statusCode).toBe(403);
  });

  it('dismisses a pair with a reason; without one, a named error', async () => {
    const page = await officer.get('/job-seekers/duplicates');
    const id = /href="\/job-seekers\/duplicates\/([0-9a-f-]{36})"/.exec(page.body)?.[1] ?? '';
    const detail = await officer.get(`/job-seekers/duplicates/${id}`);
    expect(detail.statusCode).toBe(200);
    const refused = await officer.post(`/job-seekers/duplicates/${id}`, {
      decision: 'dismiss',
      reason: '  ',
    });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toContain('Enter the reason these are not the same person');
    const done = await officer.post(`/job-seekers/duplicates/${id}`, {
      decision: 'dismiss',
      reason: 'Different parents’ names',
    });
    expect(done.statusCode).toBe(303);
    const again = await officer.post(`/job-seekers/duplicates/${id}`, {
      decision: 'dismiss',
      reason: 'Different parents’ names',
    });
    expect(again.statusCode).toBe(303);
    const after = await officer.get(`/job-seekers/duplicates/${id}`);
    expect(after.body).toContain('Dismissed: not the same person.');
    expect(
      (await officer.get('/job-seekers/duplicates/00000000-0000-4000-8000-000000000000'))
        .statusCode,
    ).toBe(404);
  });
});
