import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/helpers/harness.js';

/**
 * The lifecycle engine on the real app (platform/lifecycle, ADR 9): for licence, employer
 * vetting and job order, a call made with an API key leaves an event row that names the key and
 * the role it acted in, the same history query reads it back, and the transition's domain event
 * is in the outbox, written in the same transaction (a refusal writes none).
 */

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function outbox(subjectId: string) {
  const rows = await h.db
    .selectFrom('domain_event')
    .select(['type', 'subject_type', 'payload'])
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    type: row.type,
    subjectType: row.subject_type,
    payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload,
  }));
}

describe('licence', () => {
  it('an officer’s key suspends: the event row names the key and role; licence.suspended is published', async () => {
    const { licence, agency, officer } = await h.factories.licensing.licence();
    const authority = await h.factories.licensing.authority('KE');
    const { client, keyId } = await h.apiClient({
      organisationId: authority.organisation.id,
      permissions: ['licence.read', 'licence.decide'],
    });
    const response = await client.json('POST', `/api/v1/licences/${licence.id}/events`, {
      event: 'suspend',
      reason: 'Workers were charged recruitment fees',
    });
    expect(response.statusCode).toBe(200);

    const rows = await h.db
      .selectFrom('licence_event')
      .select(['event', 'actor_user_id', 'actor_role', 'actor_api_key_id', 'actor_organisation_id'])
      .where('licence_id', '=', licence.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        event: 'apply',
        actor_user_id: agency.staff.id,
        actor_role: 'agency_staff',
        actor_api_key_id: null,
        actor_organisation_id: agency.organisation.id,
      },
      {
        event: 'grant',
        actor_user_id: officer.id,
        actor_role: 'origin_officer',
        actor_api_key_id: null,
        actor_organisation_id: authority.organisation.id,
      },
      {
        event: 'suspend',
        actor_user_id: null,
        actor_role: 'origin_officer',
        actor_api_key_id: keyId,
        actor_organisation_id: authority.organisation.id,
      },
    ]);

    const { history } = await h.services.licensing.get(
      await h.factories.people.contextOf(officer),
      licence.id,
    );
    expect(history[0]).toMatchObject({
      event: 'suspend',
      fromState: 'active',
      toState: 'suspended',
      reason: 'Workers were charged recruitment fees',
      actorApiKeyId: keyId,
      actorRole: 'origin_officer',
      actorOrganisationName: authority.organisation.name,
    });
    expect(history[1]).toMatchObject({ event: 'grant', validTo: licence.validTo });

    const events = await outbox(licence.id);
    expect(events.map((event) => event.type)).toEqual([
      'licence.applied',
      'licence.granted',
      'licence.suspended',
    ]);
    expect(events[2]).toEqual({
      type: 'licence.suspended',
      subjectType: 'licence',
      payload: {
        organisationId: agency.organisation.id,
        validFrom: licence.validFrom,
        validTo: licence.validTo,
        fromState: 'active',
        state: 'suspended',
      },
    });
  });

  it('a refused transition writes no event row and publishes nothing', async () => {
    const { licence } = await h.factories.licensing.licence({ state: 'revoked' });
    const authority = await h.factories.licensing.authority('KE');
    const { client } = await h.apiClient({
      organisationId: authority.organisation.id,
      permissions: ['licence.read', 'licence.decide'],
    });
    const before = await outbox(licence.id);
    const response = await client.json('POST', `/api/v1/licences/${licence.id}/events`, {
      event: 'reinstate',
      reason: 'Fees refunded',
    });
    expect(response.statusCode).toBe(400);
    expect(await outbox(licence.id)).toEqual(before);
    const rows = await h.db
      .selectFrom('licence_event')
      .select('event')
      .where('licence_id', '=', licence.id)
      .execute();
    expect(rows.map((row) => row.event)).toEqual(['apply', 'grant', 'revoke']);
  });
});

describe('employer vetting', () => {
  it('an officer’s key vets: the event row names the key and role; employer.vetted is published', async () => {
    const { organisation: employer, vetting } = await h.factories.licensing.employer({
      vetting: 'submitted',
    });
    const embassy = await h.factories.licensing.embassy('AE');
    const { client, keyId } = await h.apiClient({
      organisationId: embassy.organisation.id,
      permissions: ['licence.read', 'employer.vet'],
    });
    const response = await client.json('POST', `/api/v1/employers/${employer.id}/vetting/events`, {
      event: 'vet',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ organisationId: employer.id, state: 'vetted' });

    const vettingId = vetting?.id ?? '';
    const rows = await h.db
      .selectFrom('employer_vetting_event')
      .select(['event', 'from_state', 'to_state', 'actor_role', 'actor_api_key_id'])
      .where('vetting_id', '=', vettingId)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        event: 'submit',
        from_state: null,
        to_state: 'submitted',
        actor_role: 'employer_staff',
        actor_api_key_id: null,
      },
      {
        event: 'vet',
        from_state: 'submitted',
        to_state: 'vetted',
        actor_role: 'embassy_officer',
        actor_api_key_id: keyId,
      },
    ]);
    expect(await outbox(vettingId)).toEqual([
      {
        type: 'employer.submitted',
        subjectType: 'employer_vetting',
        payload: { organisationId: employer.id, fromState: null, state: 'submitted' },
      },
      {
        type: 'employer.vetted',
        subjectType: 'employer_vetting',
        payload: { organisationId: employer.id, fromState: 'submitted', state: 'vetted' },
      },
    ]);
  });
});

describe('job order', () => {
  it('an agency’s key creates and submits: both rows name the key and role; both events are published in order', async () => {
    const { agency } = await h.factories.licensing.licence();
    const { organisation: employer } = await h.factories.licensing.employer();
    const { client, keyId } = await h.apiClient({
      organisationId: agency.organisation.id,
      permissions: ['vacancy.read', 'vacancy.create', 'vacancy.update', 'vacancy.submit'],
    });
    const input = await h.factories.jobOrders.input(employer.id);
    const response = await client.json('POST', '/api/v1/job-orders', { ...input, submit: true });
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: string }>();

    const rows = await h.db
      .selectFrom('vacancy_event')
      .select(['event', 'actor_role', 'actor_api_key_id', 'actor_organisation_id'])
      .where('vacancy_id', '=', id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual(
      ['create', 'submit'].map((event) => ({
        event,
        actor_role: 'agency_staff',
        actor_api_key_id: keyId,
        actor_organisation_id: agency.organisation.id,
      })),
    );
    const payload = {
      employerId: employer.id,
      agencyId: agency.organisation.id,
      originCountry: 'KE',
      applicationDeadline: input.applicationDeadline,
    };
    expect(await outbox(id)).toEqual([
      {
        type: 'vacancy.created',
        subjectType: 'vacancy',
        payload: { ...payload, fromState: null, state: 'draft' },
      },
      {
        type: 'vacancy.submitted',
        subjectType: 'vacancy',
        payload: { ...payload, fromState: 'draft', state: 'submitted' },
      },
    ]);
  });

  it('a refused create-and-submit leaves neither rows nor events', async () => {
    const { agency } = await h.factories.licensing.licence();
    const { organisation: unvetted } = await h.factories.licensing.employer({ vetting: null });
    const { client } = await h.apiClient({
      organisationId: agency.organisation.id,
      permissions: ['vacancy.read', 'vacancy.create', 'vacancy.submit'],
    });
    const count = async () =>
      Number(
        (
          await h.db
            .selectFrom('domain_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('type', 'like', 'vacancy.%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const response = await client.json('POST', '/api/v1/job-orders', {
      ...(await h.factories.jobOrders.input(unvetted.id)),
      submit: true,
    });
    expect(response.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});
