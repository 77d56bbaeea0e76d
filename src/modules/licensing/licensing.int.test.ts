import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../platform/http/problem.js';
import {
  as,
  licensingFixture,
  nextYear,
  refusal,
  today,
  year,
  type LicensingFixture,
} from './licensing.test-support.js';

/** Every licence and vetting transition through the service, on real SQL, with its audit row. */
let f: LicensingFixture;

beforeAll(async () => {
  f = await licensingFixture();
});

afterAll(async () => {
  await f?.close();
});

describe('licence transitions', () => {
  it('apply: agency staff apply for their own agency, once; others cannot', async () => {
    const { id, staff } = await f.agency('Apply Agency');
    await expect(f.licensing.apply(as(f.officer), id)).rejects.toThrow(NotFoundError);
    const licence = await f.licensing.apply(as(staff), id);
    expect(licence.state).toBe('applied');
    expect(await refusal(f.licensing.apply(as(staff), id))).toEqual([
      'licensing.errors.alreadyApplied',
    ]);
    const events = await f.audit.list({
      action: 'licence.applied',
      subjectId: licence.id,
      limit: 5,
    });
    expect(events).toHaveLength(1);
  });

  it('apply and submit: a key holding licence.read reads, but neither applies nor submits', async () => {
    const { id } = await f.agency('Read Key Agency');
    const agencyKey = await f.web.apiClient({ organisationId: id, permissions: ['licence.read'] });
    const applied = await agencyKey.client.json('POST', '/api/v1/licences', { organisationId: id });
    expect(applied.statusCode).toBe(403);
    expect((await f.licensing.list(as(f.officer))).map((l) => l.organisationId)).not.toContain(id);
    const listed = await agencyKey.client.json('GET', '/api/v1/licences');
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);

    const employerKey = await f.web.apiClient({
      organisationId: f.employerId,
      permissions: ['licence.read'],
    });
    const url = `/api/v1/employers/${f.employerId}/vetting/events`;
    const before = await f.vetting.get(as(f.embassyOfficer), f.employerId);
    expect((await employerKey.client.json('POST', url, { event: 'submit' })).statusCode).toBe(403);
    expect((await employerKey.client.json('POST', url, { event: 'vet' })).statusCode).toBe(403);
    expect((await f.vetting.get(as(f.embassyOfficer), f.employerId)).history).toEqual(
      before.history,
    );
  });

  it('grant: gives the next number of the register and records who, when and the validity', async () => {
    const first = await f.granted('Grant One');
    const second = await f.granted('Grant Two');
    expect(first).toMatchObject({
      state: 'active',
      issuingAuthorityId: f.authorityId,
      validTo: nextYear,
    });
    expect(first.number).toMatch(new RegExp(`^KE-RA-${year}-\\d{4}$`));
    expect(Number(second.number?.slice(-4))).toBe(Number(first.number?.slice(-4)) + 1);
    const { history } = await f.licensing.get(as(f.officer), first.id);
    expect(history[0]).toMatchObject({
      event: 'grant',
      fromState: 'applied',
      toState: 'active',
      actorUserId: f.officer.userId,
    });
    expect(
      await f.audit.list({ action: 'licence.granted', subjectId: first.id, limit: 5 }),
    ).toHaveLength(1);
  });

  it('grant: an entered number must be free; dates are checked', async () => {
    const { id, staff } = await f.agency('Grant Three');
    const licence = await f.licensing.apply(as(staff), id);
    const taken = (await f.licensing.list(as(f.officer), { state: 'active' }))[0]?.number ?? 'X';
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, {
          event: 'grant',
          number: taken,
          validFrom: today,
          validTo: nextYear,
        }),
      ),
    ).toEqual(['licensing.errors.numberTaken']);
    // The same number with its dashes elsewhere is the same number on the public register.
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, {
          event: 'grant',
          number: `${taken.replaceAll('-', '').slice(0, 4)}-${taken.replaceAll('-', '').slice(4)}`,
          validFrom: today,
          validTo: nextYear,
        }),
      ),
    ).toEqual(['licensing.errors.numberTaken']);
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, { event: 'grant', validFrom: today }),
      ),
    ).toEqual(['licensing.errors.enterValidTo']);
    const done = await f.licensing.decide(as(f.officer), licence.id, {
      event: 'grant',
      number: 'KE-RA-1999-0042',
      validFrom: today,
      validTo: nextYear,
    });
    expect(done.number).toBe('KE-RA-1999-0042');
  });

  it('only an origin f.officer of the agency’s country decides; others get "not found"', async () => {
    const { id, staff } = await f.agency('Scope Agency');
    const licence = await f.licensing.apply(as(staff), id);
    await expect(
      f.licensing.decide(as(f.foreignOfficer), licence.id, {
        event: 'grant',
        validFrom: today,
        validTo: nextYear,
      }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      f.licensing.decide(as(staff), licence.id, {
        event: 'grant',
        validFrom: today,
        validTo: nextYear,
      }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      f.licensing.get(as((await f.agency('Bystander Agency')).staff), licence.id),
    ).rejects.toThrow(NotFoundError);
    expect((await f.licensing.list(as(f.foreignOfficer))).map((l) => l.id)).not.toContain(
      licence.id,
    );
    expect((await f.licensing.list(as(f.officer))).map((l) => l.id)).toContain(licence.id);
    expect((await f.licensing.list(as(staff))).map((l) => l.id)).toEqual([licence.id]);
  });

  it('a reason holding NUL bytes is refused with a 400 naming the field, never a 500', async () => {
    const licence = await f.granted('Nul Reason Agency');
    const { client } = await f.web.apiClient({
      organisationId: f.authorityId,
      permissions: ['licence.read', 'licence.decide'],
    });
    const url = `/api/v1/licences/${licence.id}/events`;
    const blank = await client.json('POST', url, { event: 'suspend', reason: '\u0000 ' });
    expect(blank.statusCode).toBe(400);
    const response = await client.json('POST', url, {
      event: 'suspend',
      reason: 'Fees\u0000 charged',
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('reason');
    const { history } = await f.licensing.get(as(f.officer), licence.id);
    expect(history[0]?.event).not.toBe('suspend');
  });

  it('refuse: needs a reason; the agency may apply again', async () => {
    const { id, staff } = await f.agency('Refuse Agency');
    const licence = await f.licensing.apply(as(staff), id);
    expect(
      await refusal(f.licensing.decide(as(f.officer), licence.id, { event: 'refuse' })),
    ).toEqual(['licensing.errors.enterReason']);
    const refused = await f.licensing.decide(as(f.officer), licence.id, {
      event: 'refuse',
      reason: 'No proof of office',
    });
    expect(refused.state).toBe('refused');
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, {
          event: 'grant',
          validFrom: today,
          validTo: nextYear,
        }),
      ),
    ).toEqual(['licensing.errors.notAllowed.grant']);
    expect((await f.licensing.apply(as(staff), id)).state).toBe('applied');
  });

  it('suspend, reinstate, renew and revoke; revoked is final', async () => {
    const licence = await f.granted('Life Cycle Agency');
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, { event: 'suspend', reason: ' ' }),
      ),
    ).toEqual(['licensing.errors.enterReason']);
    expect(
      (
        await f.licensing.decide(as(f.officer), licence.id, {
          event: 'suspend',
          reason: 'Fees charged to workers',
        })
      ).state,
    ).toBe('suspended');
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, { event: 'suspend', reason: 'again' }),
      ),
    ).toEqual(['licensing.errors.notAllowed.suspend']);
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, {
          event: 'renew',
          validTo: `${year + 3}-01-01`,
        }),
      ),
    ).toEqual(['licensing.errors.notAllowed.renew']);
    expect(
      (
        await f.licensing.decide(as(f.officer), licence.id, {
          event: 'reinstate',
          reason: 'Fees refunded',
        })
      ).state,
    ).toBe('active');
    const renewed = await f.licensing.decide(as(f.officer), licence.id, {
      event: 'renew',
      validTo: `${year + 3}-01-01`,
    });
    expect(renewed).toMatchObject({ state: 'active', validTo: `${year + 3}-01-01` });
    expect(
      (
        await f.licensing.decide(as(f.officer), licence.id, {
          event: 'revoke',
          reason: 'Trafficking conviction',
        })
      ).state,
    ).toBe('revoked');
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, { event: 'reinstate', reason: 'Appeal' }),
      ),
    ).toEqual(['licensing.errors.notAllowed.reinstate']);
    const { history } = await f.licensing.get(as(f.officer), licence.id);
    expect(history.map((row) => row.event)).toEqual([
      'revoke',
      'renew',
      'reinstate',
      'suspend',
      'grant',
      'apply',
    ]);
    for (const action of [
      'licence.suspended',
      'licence.reinstated',
      'licence.renewed',
      'licence.revoked',
    ]) {
      expect(await f.audit.list({ action, subjectId: licence.id, limit: 5 })).toHaveLength(1);
    }
  });
});

describe('employer vetting', () => {
  it('submitted → vetted or rejected, with reasons, by officers holding employer.vet', async () => {
    await expect(
      f.vetting.act(as((await f.agency('Bystander Agency')).staff), f.employerId, 'submit'),
    ).rejects.toThrow(NotFoundError);
    expect((await f.vetting.act(as(f.employerStaff), f.employerId, 'submit')).state).toBe(
      'submitted',
    );
    await expect(f.vetting.act(as(f.employerStaff), f.employerId, 'vet')).rejects.toThrow(
      NotFoundError,
    );
    expect(await refusal(f.vetting.act(as(f.embassyOfficer), f.employerId, 'reject'))).toEqual([
      'licensing.errors.enterReason',
    ]);
    expect(
      (await f.vetting.act(as(f.embassyOfficer), f.employerId, 'reject', 'No trade licence')).state,
    ).toBe('rejected');
    expect(await refusal(f.vetting.act(as(f.embassyOfficer), f.employerId, 'vet'))).toEqual([
      'licensing.vetting.notAllowed.vet',
    ]);
    expect((await f.vetting.act(as(f.employerStaff), f.employerId, 'submit')).state).toBe(
      'submitted',
    );
    expect((await f.vetting.act(as(f.embassyOfficer), f.employerId, 'vet')).state).toBe('vetted');
    expect(
      await refusal(f.vetting.act(as(f.embassyOfficer), f.employerId, 'reject', 'late')),
    ).toEqual(['licensing.vetting.notAllowed.reject']);
    const { history } = await f.vetting.get(as(f.embassyOfficer), f.employerId);
    expect(history.map((row) => row.event)).toEqual(['vet', 'submit', 'reject', 'submit']);
    expect(history[2]?.reason).toBe('No trade licence');
    expect(
      await f.audit.list({ action: 'employer.vetted', subjectId: f.employerId, limit: 5 }),
    ).toHaveLength(1);
  });
});

describe('expiry', () => {
  it('expires licences past their last day, one audited system transition each, and they can be renewed', async () => {
    const licence = await f.granted('Expiring Agency');
    const later = new Date(`${year + 2}-01-01T00:00:00Z`);
    expect(await f.licensing.expireDue(later)).toBeGreaterThanOrEqual(1);
    const { licence: expired, history } = await f.licensing.get(as(f.officer), licence.id);
    expect(expired.state).toBe('expired');
    expect(history[0]).toMatchObject({ event: 'expire', actorUserId: null });
    const events = await f.audit.list({
      action: 'licence.expired',
      subjectId: licence.id,
      limit: 5,
    });
    expect(events[0]?.actor.userId).toBeNull();
    expect(await f.licensing.expireDue(later)).toBe(0);
    expect(
      await refusal(
        f.licensing.decide(as(f.officer), licence.id, { event: 'reinstate', reason: 'x' }),
      ),
    ).toEqual(['licensing.errors.notAllowed.reinstate']);
    const renewed = await f.licensing.decide(as(f.officer), licence.id, {
      event: 'renew',
      validTo: `${year + 4}-01-01`,
    });
    expect(renewed.state).toBe('active');
  });
});
