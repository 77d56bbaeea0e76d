import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/platform/http/problem.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/**
 * An update cannot break what create enforces. Job orders have their own tests of this
 * (job-orders.int.test.ts: "the parties of a job order: update checks what create checks"),
 * embassies' represented state too (embassy-state.int.test.ts); these are the organisation's.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map((item) => item.detail);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('organisations: update checks what create checks', () => {
  const details = {
    name: 'Invariant Recruiters',
    registrationNumber: null,
    address: null,
    email: null,
    phone: null,
    website: null,
  };

  it('an unknown country is refused on update as on create', async () => {
    const { organisations } = h.services;
    const admin = await h.factories.people.contextOf(await h.factories.people.systemAdmin());
    expect(
      await refusal(
        organisations.create(admin, { kind: 'recruitment_agency', countryCode: 'ZZ', ...details }),
      ),
    ).toEqual(['organisations.errors.selectCountry']);
    const agency = await organisations.create(admin, {
      kind: 'recruitment_agency',
      countryCode: 'KE',
      ...details,
    });
    expect(
      await refusal(organisations.update(admin, agency.id, { countryCode: 'ZZ', ...details })),
    ).toEqual(['organisations.errors.selectCountry']);
    expect((await organisations.get(admin, agency.id)).countryCode).toBe('KE');
  });

  it("an organisation's administrator edits its details but cannot move its country (its officers' jurisdiction)", async () => {
    const { organisations } = h.services;
    const authority = await h.factories.people.organisation({
      kind: 'origin_authority',
      countryCode: 'KE',
    });
    const administrator = await h.factories.people.user({
      role: 'origin_officer',
      organisationId: authority.id,
      administrator: true,
    });
    const ctx = await h.factories.people.contextOf(administrator);
    const edit = { ...details, name: authority.name };
    expect(
      await refusal(organisations.update(ctx, authority.id, { ...edit, countryCode: 'UG' })),
    ).toEqual(['organisations.errors.countryFixed']);
    await organisations.update(ctx, authority.id, {
      ...edit,
      countryCode: 'KE',
      address: 'Labour House, Nairobi',
    });
    expect(await organisations.get(ctx, authority.id)).toMatchObject({
      countryCode: 'KE',
      address: 'Labour House, Nairobi',
    });
  });
});
