import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/factories/index.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { NotFoundError } from '../../platform/http/problem.js';
import {
  as,
  jobOrdersFixture,
  type JobOrdersFixture,
} from '../vacancies/job-orders.test-support.js';

/**
 * The "done when", on real SQL with the index in its worker threads (the default): a
 * vacancy approved a moment ago has its explained candidates at the next question, the person
 * sees it among their recommended vacancies, and a withdrawal of visibility takes effect at once.
 */
let f: JobOrdersFixture;
let person: TestUser;
let personCtx: ActorContext;

beforeAll(async () => {
  f = await jobOrdersFixture();
  const { jobSeekers } = f.web.services;
  person = await f.web.factories.people.user();
  personCtx = await f.web.factories.people.contextOf(person);
  await jobSeekers.saveBio(personCtx, {
    givenNames: 'Achieng',
    familyName: 'Otieno',
    givenNamesLatin: 'Achieng',
    familyNameLatin: 'Otieno',
    birthDate: '1994',
    sex: 'F',
    nationality: 'KE',
    birthPlace: '',
    birthCountry: null,
    phone: null,
    email: null,
  });
  await jobSeekers.addOccupation(personCtx, {
    title: 'nurse',
    escoOccupationId: f.nurse.id,
    iscoCode: null,
  });
  await jobSeekers.setLanguage(personCtx, { languageCode: 'en', cefrLevel: 'B2' });
  await jobSeekers.saveDestinations(personCtx, { countries: ['AE'], availabilityDate: '2027-01' });
  await jobSeekers.saveVisibility(personCtx, {
    visibility: 'destinations',
    visibleTo: ['employer', 'recruitment_agency'],
  });
  // The index is built before the vacancy exists: what follows comes through the events.
  await f.web.services.matching.warm();
}, 300_000);
afterAll(async () => {
  await f?.web.services.matching.close();
  await f?.web.close();
});

describe('a vacancy published a moment ago', () => {
  let number = 0;

  it('is unknown to matching before it is published', async () => {
    const draft = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder());
    await f.jobOrders.ownerEvent(as(f.agencyStaff), draft.id, 'submit');
    const staff = await f.web.factories.people.contextOf(f.users.agencyStaff);
    number = draft.number;
    await expect(f.web.services.matching.candidates(staff, number, {})).rejects.toThrow(
      NotFoundError,
    );
    await f.jobOrders.decide(as(f.officer), draft.id, { event: 'approve' });
  });

  it('has the person among its explained candidates at the next question', async () => {
    const staff = await f.web.factories.people.contextOf(f.users.agencyStaff);
    const page = await f.web.services.matching.candidates(staff, number, {});
    const found = page.results.find((result) => result.userId === person.id);
    expect(found).toBeDefined();
    expect(found!.reasons[0]).toMatchObject({ code: 'occupation', fit: 'same' });
    expect(found!.reasons).toContainEqual(
      expect.objectContaining({ code: 'destination', preferred: true, country: 'AE' }),
    );
  });

  it('is among the person’s recommended vacancies, with how they compare', async () => {
    const ranked = await f.web.services.matching.recommended(personCtx, {});
    expect(ranked.results.map((result) => result.number)).toContain(number);
    const comparison = await f.web.services.matching.compare(personCtx, number);
    expect(comparison.eligible).toBe(true);
  });

  it('loses the person at once when they make the profile private', async () => {
    await f.web.services.jobSeekers.saveVisibility(personCtx, {
      visibility: 'private',
      visibleTo: [],
    });
    const staff = await f.web.factories.people.contextOf(f.users.agencyStaff);
    const page = await f.web.services.matching.candidates(staff, number, {});
    expect(page.results.map((result) => result.userId)).not.toContain(person.id);
  });
});
