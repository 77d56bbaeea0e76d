import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISATION_KINDS, ROLES } from '../../src/platform/authz/catalogue.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import type { JobOrderFactoryState, LicenceFactoryState } from './index.js';

/** The factories make what they say, through the services (with their history and audit). */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const audited = async (action: string, subjectId: string) =>
  (await h.services.audit.list({ action, subjectId, limit: 10 })).length;

describe('people', () => {
  it('makes an organisation of every kind, audited', async () => {
    for (const kind of ORGANISATION_KINDS) {
      const organisation = await h.factories.people.organisation({ kind });
      expect(organisation.kind).toBe(kind);
      expect(await audited('organisation.created', organisation.id)).toBe(1);
    }
  });

  it('makes a user in every role, with two-factor authentication for staff', async () => {
    for (const role of ROLES) {
      const user = await h.factories.people.user({ role });
      const overview = await h.services.accounts.accounts.overview(user.id);
      expect(overview?.grants.map((grant) => grant.role)).toEqual([role]);
      expect(overview?.twoFactorEnabled).toBe(role !== 'job_seeker');
      expect(user.totpSecret === null).toBe(role === 'job_seeker');
      const principal = await h.factories.people.principalOf(user);
      expect(principal.grants[0]?.organisationId === null).toBe(
        role === 'job_seeker' || role === 'system_admin',
      );
    }
  });
});

describe('licensing', () => {
  it.each<LicenceFactoryState>(['applied', 'active', 'refused', 'suspended', 'revoked', 'expired'])(
    'makes a licence %s through the licensing service',
    async (state) => {
      const { licence, agency } = await h.factories.licensing.licence({ state });
      expect(licence.state).toBe(state);
      expect(licence.organisationId).toBe(agency.organisation.id);
      expect(await audited('licence.applied', licence.id)).toBe(1);
    },
  );

  it('makes an employer submitted, vetted or rejected', async () => {
    for (const vetting of ['submitted', 'vetted', 'rejected'] as const) {
      const employer = await h.factories.licensing.employer({ vetting });
      expect(await h.services.vetting.stateOf(employer.organisation.id)).toBe(vetting);
    }
    const none = await h.factories.licensing.employer({ vetting: null });
    expect(none.vetting).toBeNull();
  });
});

describe('job orders', () => {
  it.each<JobOrderFactoryState>([
    'draft',
    'submitted',
    'rejected',
    'published',
    'closed',
    'filled',
  ])('makes a job order %s through the job-orders service', async (state) => {
    const order = await h.factories.jobOrders.jobOrder({ state, input: { positions: 2 } });
    expect(order.state).toBe(state);
    expect(await audited('vacancy.created', order.id)).toBe(1);
  });
});
