import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/helpers/harness.js';
import type { ActorContext } from '../../platform/authz/context.js';

/**
 * Matching end to end on the demo data, with the real engine (its index in this thread): the
 * demo agency's published vacancies and the demo's visible job seekers. Candidates are listed
 * with their reasons; an invitation writes its row, audit row and event and the person is told;
 * a person who makes the profile private is gone from the list at once.
 */
let h: Harness;
let staff: ActorContext;
let vacancyNumber = 0;
let candidateId = '';

function seekerContext(userId: string): ActorContext {
  return {
    principal: {
      userId,
      apiKeyId: null,
      sessionId: null,
      grants: [
        { role: 'job_seeker', organisationId: null, countryCode: null, administrator: false },
      ],
      permissionLimit: null,
      twoFactorVerified: false,
    },
    requestId: null,
    ipAddress: null,
  };
}

beforeAll(async () => {
  h = await createHarness({ demo: true, env: { MATCHING_INDEX: 'inline' } });
  const agency = await h.demoUser('agency@demo.corridor.example');
  staff = await h.factories.people.contextOf(agency);
  const organisationId = staff.principal.grants[0]!.organisationId!;
  const published = await h.db
    .selectFrom('vacancy')
    .select('number')
    .where('state', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('agency_organisation_id', '=', organisationId),
        eb('employer_organisation_id', '=', organisationId),
      ]),
    )
    .orderBy('number')
    .execute();
  for (const { number } of published) {
    const page = await h.services.matching.candidates(staff, number, { limit: 5 });
    if (page.total > 0) {
      vacancyNumber = number;
      candidateId = page.results[0]!.userId;
      break;
    }
  }
}, 300_000);
afterAll(async () => h?.close());

describe('matching on the demo data with the real engine', () => {
  it('finds candidates for one of the demo agency’s vacancies', () => {
    expect(vacancyNumber).toBeGreaterThan(0);
  });

  it('lists them on the page with their reasons', async () => {
    const client = await h.signInDemo('agency@demo.corridor.example');
    const page = await client.get(`/vacancies/${vacancyNumber}/candidates`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Candidate 1');
    expect(page.body).toContain(`/job-seekers/${candidateId}`);
    expect(page.body).toMatch(/Same occupation|Related occupation|occupation group|kind of work/);
  });

  it('invites: the row, the audit row, the event, and the person is told', async () => {
    const client = await h.signInDemo('agency@demo.corridor.example');
    await client.get(`/vacancies/${vacancyNumber}/candidates`);
    const response = await client.post(
      `/vacancies/${vacancyNumber}/candidates/${candidateId}/invite`,
    );
    expect(response.statusCode).toBe(303);
    const row = await h.db
      .selectFrom('matching_invitation')
      .select('id')
      .where('user_id', '=', candidateId)
      .where('vacancy_number', '=', vacancyNumber)
      .executeTakeFirstOrThrow();
    const audit = await h.db
      .selectFrom('audit_event')
      .select(['data_subject_user_id', 'subject_ids'])
      .where('action', '=', 'matching.invitation_sent')
      .execute();
    expect(audit).toEqual([{ data_subject_user_id: candidateId, subject_ids: [row.id] }]);
    const event = await h.db
      .selectFrom('domain_event')
      .select('id')
      .where('type', '=', 'invitation.sent')
      .where('subject_id', '=', row.id)
      .executeTakeFirst();
    expect(event).toBeDefined();
    await h.services.notifications.deliverPending({ inAppOnly: true });
    const notification = await h.db
      .selectFrom('notification')
      .select('kind')
      .where('recipient_user_id', '=', candidateId)
      .where('application_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(notification.kind).toBe('invited');
  });

  it('the person sees the vacancy among their own and how they compare', async () => {
    const own = seekerContext(candidateId);
    const comparison = await h.services.matching.compare(own, vacancyNumber);
    expect(comparison.eligible).toBe(true);
    expect(comparison.reasons.length).toBeGreaterThan(0);
  });

  it('a demo job seeker who can sign in has recommended vacancies', async () => {
    const people = await h.db
      .selectFrom('app_user')
      .select(['id', 'email'])
      .where('email', 'like', '%@seekers.demo.corridor.example')
      .where('password_hash', 'is not', null)
      .orderBy('email')
      .execute();
    const withResults: string[] = [];
    for (const person of people) {
      const ranked = await h.services.matching.recommended(seekerContext(person.id), { limit: 1 });
      if (ranked.total > 0) withResults.push(`${person.email} (${ranked.total})`);
    }
    // The browser test signs one of them in (test/e2e/matching.e2e.test.ts).
    console.log(`demo seekers with recommendations: ${withResults.join(', ')}`);
    expect(withResults.length).toBeGreaterThan(0);
  });

  it('a profile made private is gone from the list at once', async () => {
    await h.services.jobSeekers.saveVisibility(seekerContext(candidateId), {
      visibility: 'private',
      visibleTo: [],
    });
    expect(await h.services.matching.isCandidate(staff, vacancyNumber, candidateId)).toBe(false);
    const page = await h.services.matching.candidates(staff, vacancyNumber, { limit: 100 });
    expect(page.results.map((result) => result.userId)).not.toContain(candidateId);
  });
});
