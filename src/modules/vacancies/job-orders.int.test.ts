import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { refusal } from '../licensing/licensing.test-support.js';
import {
  as,
  daysFromNow,
  jobOrdersFixture,
  type JobOrdersFixture,
} from './job-orders.test-support.js';

/** The job-order lifecycle and its checks through the service, on real SQL. */
let f: JobOrdersFixture;

beforeAll(async () => {
  f = await jobOrdersFixture();
});

afterAll(async () => {
  await f?.close();
});

async function fields(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the lifecycle', () => {
  it('draft → submitted → approved and published at once, with timestamps, history and audit', async () => {
    const draft = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder());
    expect(draft).toMatchObject({
      state: 'draft',
      agencyId: f.agencyId,
      originCountry: 'KE',
      iscoCode: '2221',
    });
    const submitted = await f.jobOrders.ownerEvent(as(f.agencyStaff), draft.id, 'submit');
    expect(submitted.state).toBe('submitted');
    expect(submitted.submittedAt).toBeInstanceOf(Date);

    const published = await f.jobOrders.decide(as(f.officer), draft.id, { event: 'approve' });
    expect(published.state).toBe('published');
    expect(published.approvedAt).toBeInstanceOf(Date);
    expect(published.publishedAt).toBeInstanceOf(Date);

    const view = await f.jobOrders.get(as(f.agencyStaff), draft.id);
    expect(view.history.map((row) => row.event)).toEqual([
      'publish',
      'approve',
      'submit',
      'create',
    ]);
    expect(view.details.skills.length).toBeGreaterThan(0);
    expect(view.details.languages).toEqual([{ language: 'en', level: 'B2' }]);
    for (const action of [
      'vacancy.created',
      'vacancy.submitted',
      'vacancy.approved',
      'vacancy.published',
    ]) {
      expect(await f.audit.list({ action, subjectId: draft.id, limit: 5 })).toHaveLength(1);
    }
  });

  it('fills positions one by one, then is filled; each fill keeps its time', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder({ positions: 2 }), {
      submit: true,
    });
    await f.jobOrders.decide(as(f.officer), order.id, { event: 'approve' });
    const once = await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'fill_position');
    expect(once).toMatchObject({ state: 'published', positionsFilled: 1 });
    const twice = await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'fill_position');
    expect(twice).toMatchObject({ state: 'filled', positionsFilled: 2 });
    expect(twice.endedAt).toBeInstanceOf(Date);
    const fills = await f.db
      .selectFrom('vacancy_position_fill')
      .select('filled_at')
      .where('vacancy_id', '=', order.id)
      .execute();
    expect(fills).toHaveLength(2);
    expect(
      await refusal(f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'fill_position')),
    ).toEqual(['jobOrders.errors.notAllowed.fill_position']);
  });

  it('reject needs a reason; a rejected job order is corrected and submitted again', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder(), { submit: true });
    expect(await refusal(f.jobOrders.decide(as(f.officer), order.id, { event: 'reject' }))).toEqual(
      ['jobOrders.errors.enterReason'],
    );
    const rejected = await f.jobOrders.decide(as(f.officer), order.id, {
      event: 'reject',
      reason: 'The contract does not say who pays the flight.',
    });
    expect(rejected.state).toBe('rejected');
    const corrected = await f.jobOrders.update(
      as(f.agencyStaff),
      order.id,
      f.nurseOrder({
        benefits: {
          housing: true,
          food: true,
          transport: true,
          insurance: true,
          note: 'Flights paid both ways',
        },
      }),
    );
    expect(corrected.state).toBe('draft');
    expect((await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'submit')).state).toBe(
      'submitted',
    );
  });

  it('closes: by its owner, or by the officer with a reason', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder(), { submit: true });
    await f.jobOrders.decide(as(f.officer), order.id, { event: 'approve' });
    const closed = await f.jobOrders.decide(as(f.officer), order.id, {
      event: 'close',
      reason: 'Employer complaint under review',
    });
    expect(closed.state).toBe('closed');
    const history = (await f.jobOrders.get(as(f.officer), order.id)).history;
    expect(history[0]).toMatchObject({ event: 'close', reason: 'Employer complaint under review' });
  });

  it('expires past the deadline, as an audited system transition', async () => {
    const order = await f.jobOrders.create(
      as(f.agencyStaff),
      f.nurseOrder({ applicationDeadline: daysFromNow(2) }),
      { submit: true },
    );
    await f.jobOrders.decide(as(f.officer), order.id, { event: 'approve' });
    expect(await f.jobOrders.expireDue(new Date())).toBe(0);
    expect(
      await f.jobOrders.expireDue(new Date(Date.now() + 4 * 86_400_000)),
    ).toBeGreaterThanOrEqual(1);
    const expired = await f.jobOrders.get(as(f.officer), order.id);
    expect(expired.vacancy.state).toBe('expired');
    expect(
      await f.audit.list({ action: 'vacancy.expired', subjectId: order.id, limit: 5 }),
    ).toHaveLength(1);
  });
});

describe('verification checks and bad input', () => {
  it('refuses a wage under the minimum and states the minimum in the wage’s own period', async () => {
    const problems = await fields(
      f.jobOrders.create(
        as(f.agencyStaff),
        f.nurseOrder({ wage: { amount: '25', currency: 'AED', period: 'hour' } }),
      ),
    );
    // 6,000 AED a month over 48 hours a week is 28.85 an hour (rounded up).
    expect(problems).toEqual([
      {
        pointer: '/wage/amount',
        detail: 'jobOrders.errors.belowMinimum',
        values: { minimum: '28.85', currency: 'AED', period: 'hour' },
      },
    ]);
  });

  it('applies the most specific floor: the nurse floor, not the general one', async () => {
    const problems = await fields(
      f.jobOrders.create(
        as(f.agencyStaff),
        f.nurseOrder({ wage: { amount: '3000', currency: 'AED', period: 'month' } }),
      ),
    );
    expect(problems[0]?.values).toMatchObject({ minimum: '6000.00' });
  });

  it('asks for the floor’s currency when the wage is in another', async () => {
    const problems = await fields(
      f.jobOrders.create(
        as(f.agencyStaff),
        f.nurseOrder({ wage: { amount: '9000', currency: 'USD', period: 'month' } }),
      ),
    );
    expect(problems).toEqual([
      {
        pointer: '/wage/currency',
        detail: 'jobOrders.errors.wageCurrency',
        values: { currency: 'AED' },
      },
    ]);
  });

  it('names each unknown code and a past deadline, all at once, and writes nothing', async () => {
    const before = await f.db
      .selectFrom('vacancy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const problems = await fields(
      f.jobOrders.create(
        as(f.agencyStaff),
        f.nurseOrder({
          occupation: '9999',
          wage: { amount: '7000', currency: 'XYZ', period: 'month' },
          destinationSubdivision: 'AE-XX',
          applicationDeadline: daysFromNow(-1),
        }),
      ),
    );
    expect(problems.map((problem) => problem.pointer).sort()).toEqual(
      ['/destinationSubdivision', '/occupation', '/wage/currency'].sort(),
    );
    const pastDeadline = await fields(
      f.jobOrders.create(as(f.agencyStaff), f.nurseOrder({ applicationDeadline: daysFromNow(-1) })),
    );
    expect(pastDeadline).toEqual([
      { pointer: '/applicationDeadline', detail: 'jobOrders.errors.deadlineInPast' },
    ]);
    const after = await f.db
      .selectFrom('vacancy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('an agency whose licence is suspended may keep drafts but cannot submit, and is told why', async () => {
    const other = await f.granted('Suspended Soon Agency');
    const staff = {
      ...f.agencyStaff,
      grants: [
        {
          role: 'agency_staff' as const,
          organisationId: other.organisationId,
          countryCode: 'KE',
          administrator: false,
        },
      ],
    };
    const draft = await f.jobOrders.create(as(staff), f.nurseOrder());
    await f.licensing.decide(as(f.officer), other.id, {
      event: 'suspend',
      reason: 'Charged workers recruitment fees',
    });
    const problems = await fields(f.jobOrders.ownerEvent(as(staff), draft.id, 'submit'));
    expect(problems).toEqual([
      {
        pointer: '/agency',
        detail: 'jobOrders.errors.agencyNotLicensed',
        values: { status: 'suspended' },
      },
    ]);
    expect((await f.jobOrders.get(as(staff), draft.id)).vacancy.state).toBe('draft');
  });

  it('an agency recruits only for vetted employers', async () => {
    const unvetted = (
      await f.db
        .insertInto('organisation')
        .values({ kind: 'employer', name: 'Unvetted Co', country_code: 'AE' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const draft = await f.jobOrders.create(
      as(f.agencyStaff),
      f.nurseOrder({ employerId: unvetted }),
    );
    expect(await refusal(f.jobOrders.ownerEvent(as(f.agencyStaff), draft.id, 'submit'))).toEqual([
      'jobOrders.errors.employerNotVetted',
    ]);
  });
});

describe('the parties of a job order: update checks what create checks', () => {
  it('an agency cannot name an agency or an authority as the employer, on create or update', async () => {
    const otherAgency = (await f.agency('Named As Employer Agency')).id;
    for (const employerId of [otherAgency, f.authorityId, f.agencyId]) {
      expect(
        await refusal(f.jobOrders.create(as(f.agencyStaff), f.nurseOrder({ employerId }))),
      ).toEqual(['jobOrders.errors.chooseEmployer']);
    }
    const draft = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder());
    const before = await f.vacancyRows();
    for (const employerId of [otherAgency, f.authorityId, f.agencyId]) {
      expect(
        await refusal(
          f.jobOrders.update(as(f.agencyStaff), draft.id, f.nurseOrder({ employerId })),
        ),
      ).toEqual(['jobOrders.errors.chooseEmployer']);
    }
    expect(await f.vacancyRows()).toEqual(before);
    expect((await f.jobOrders.get(as(f.agencyStaff), draft.id)).vacancy.employerId).toBe(
      f.employerId,
    );
  });

  it('an employer names only itself, on create and on update', async () => {
    const otherEmployer = (
      await f.db
        .insertInto('organisation')
        .values({ kind: 'employer', name: 'Someone Else Co', country_code: 'AE' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const own = { employerId: f.employerId, originCountry: 'KE' };
    expect(
      await refusal(
        f.jobOrders.create(
          as(f.employerStaff),
          f.nurseOrder({ ...own, employerId: otherEmployer }),
        ),
      ),
    ).toEqual(['jobOrders.errors.ownEmployer']);
    const draft = await f.jobOrders.create(as(f.employerStaff), f.nurseOrder(own));
    expect(
      await refusal(
        f.jobOrders.update(
          as(f.employerStaff),
          draft.id,
          f.nurseOrder({ ...own, employerId: otherEmployer }),
        ),
      ),
    ).toEqual(['jobOrders.errors.ownEmployer']);
    expect(
      (await f.jobOrders.update(as(f.employerStaff), draft.id, f.nurseOrder(own))).employerId,
    ).toBe(f.employerId);
  });
});

describe('create with submit: all or nothing', () => {
  /** Staff of a new agency whose licence is granted, then suspended before any job order. */
  async function suspendedAgencyStaff(name: string) {
    const other = await f.granted(name);
    await f.licensing.decide(as(f.officer), other.id, {
      event: 'suspend',
      reason: 'Charged workers recruitment fees',
    });
    return {
      ...f.agencyStaff,
      grants: [
        {
          role: 'agency_staff' as const,
          organisationId: other.organisationId,
          countryCode: 'KE',
          administrator: false,
        },
      ],
    };
  }

  it('a refused submission writes nothing: no draft, no event, no audit', async () => {
    const staff = await suspendedAgencyStaff('Suspended Before Posting');
    const before = await f.vacancyRows();
    expect(await refusal(f.jobOrders.create(as(staff), f.nurseOrder(), { submit: true }))).toEqual([
      'jobOrders.errors.agencyNotLicensed',
    ]);
    expect(await f.vacancyRows()).toEqual(before);
    expect(await f.jobOrders.list(as(staff))).toEqual([]);

    const unvetted = (
      await f.db
        .insertInto('organisation')
        .values({ kind: 'employer', name: 'Unvetted Submit Co', country_code: 'AE' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      await refusal(
        f.jobOrders.create(as(f.agencyStaff), f.nurseOrder({ employerId: unvetted }), {
          submit: true,
        }),
      ),
    ).toEqual(['jobOrders.errors.employerNotVetted']);
    expect(
      await refusal(
        f.jobOrders.create(
          as(f.agencyStaff),
          f.nurseOrder({ wage: { amount: '3000', currency: 'AED', period: 'month' } }),
          { submit: true },
        ),
      ),
    ).toEqual(['jobOrders.errors.belowMinimum']);
    expect(await f.vacancyRows()).toEqual(before);
  });

  it('without vacancy.submit, is refused before anything is written', async () => {
    const before = await f.vacancyRows();
    const drafter = {
      ...f.agencyStaff,
      permissionLimit: new Set(['vacancy.read', 'vacancy.create'] as const),
    };
    await expect(f.jobOrders.create(as(drafter), f.nurseOrder(), { submit: true })).rejects.toThrow(
      ForbiddenError,
    );
    expect(await f.vacancyRows()).toEqual(before);
  });

  it('an accepted one writes the job order, its two events and two audit rows', async () => {
    const before = await f.vacancyRows();
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder(), { submit: true });
    expect(order.state).toBe('submitted');
    expect(order.submittedAt).toBeInstanceOf(Date);
    const after = await f.vacancyRows();
    expect(after).toEqual({
      ...before,
      vacancy: before.vacancy! + 1,
      // The nurse order's skills and language, no translations.
      vacancy_skill: before.vacancy_skill! + f.nurseOrder().skills.length,
      vacancy_language: before.vacancy_language! + 1,
      vacancy_event: before.vacancy_event! + 2,
      audit_event: before.audit_event! + 2,
    });
    const events = await f.db
      .selectFrom('vacancy_event')
      .select(['event', 'from_state', 'to_state'])
      .where('vacancy_id', '=', order.id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { event: 'create', from_state: null, to_state: 'draft' },
      { event: 'submit', from_state: 'draft', to_state: 'submitted' },
    ]);
    for (const action of ['vacancy.created', 'vacancy.submitted']) {
      expect(await f.audit.list({ action, subjectId: order.id, limit: 5 })).toHaveLength(1);
    }
  });
});

describe('edit with submit: all or nothing', () => {
  it('a refused submission leaves the draft as it was; an accepted one saves and submits', async () => {
    const draft = await f.jobOrders.create(
      as(f.agencyStaff),
      f.nurseOrder({ title: 'Night nurse' }),
    );
    const before = await f.vacancyRows();
    const underpaid = f.nurseOrder({
      title: 'Night nurse, cheaper',
      wage: { amount: '3000', currency: 'AED', period: 'month' },
    });
    expect(
      await refusal(f.jobOrders.update(as(f.agencyStaff), draft.id, underpaid, { submit: true })),
    ).toEqual(['jobOrders.errors.belowMinimum']);
    expect(await f.vacancyRows()).toEqual(before);
    const kept = await f.jobOrders.get(as(f.agencyStaff), draft.id);
    expect(kept.vacancy.title).toBe('Night nurse');
    expect(kept.vacancy.state).toBe('draft');

    const submitted = await f.jobOrders.update(
      as(f.agencyStaff),
      draft.id,
      f.nurseOrder({ title: 'Night nurse, ICU' }),
      { submit: true },
    );
    expect(submitted.state).toBe('submitted');
    expect(submitted.title).toBe('Night nurse, ICU');
    const after = await f.vacancyRows();
    expect(after['vacancy_event']).toBe(before['vacancy_event']! + 2);
    expect(after['audit_event']).toBe(before['audit_event']! + 2);
  });

  it('without vacancy.submit, is refused before the edit is saved', async () => {
    const draft = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder({ title: 'Ward aide' }));
    const drafter = {
      ...f.agencyStaff,
      permissionLimit: new Set(['vacancy.read', 'vacancy.create', 'vacancy.update'] as const),
    };
    const before = await f.vacancyRows();
    await expect(
      f.jobOrders.update(as(drafter), draft.id, f.nurseOrder({ title: 'Ward aide 2' }), {
        submit: true,
      }),
    ).rejects.toThrow(ForbiddenError);
    expect(await f.vacancyRows()).toEqual(before);
  });
});

describe('who may see and do what', () => {
  it('another agency, and an officer of another country, get "not found"', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder(), { submit: true });
    const stranger = await f.agency('Stranger Agency');
    await expect(f.jobOrders.get(as(stranger.staff), order.id)).rejects.toThrow(NotFoundError);
    await expect(f.jobOrders.ownerEvent(as(stranger.staff), order.id, 'withdraw')).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      f.jobOrders.decide(as(f.foreignOfficer), order.id, { event: 'approve' }),
    ).rejects.toThrow(NotFoundError);
    expect((await f.jobOrders.list(as(stranger.staff))).map((item) => item.id)).not.toContain(
      order.id,
    );
    expect((await f.jobOrders.list(as(f.officer))).map((item) => item.id)).toContain(order.id);
  });

  it('the employer sees the agency’s job order for it, but cannot act on it', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder());
    const view = await f.jobOrders.get(as(f.employerStaff), order.id);
    expect(view.ownerActions).toEqual([]);
    await expect(f.jobOrders.ownerEvent(as(f.employerStaff), order.id, 'submit')).rejects.toThrow(
      NotFoundError,
    );
  });

  it('an employer posts directly, naming the origin country', async () => {
    const problems = await fields(
      f.jobOrders.create(as(f.employerStaff), f.nurseOrder({ employerId: undefined })),
    );
    expect(problems).toEqual([
      { pointer: '/originCountry', detail: 'jobOrders.errors.chooseOrigin' },
    ]);
    const order = await f.jobOrders.create(
      as(f.employerStaff),
      f.nurseOrder({ employerId: undefined, originCountry: 'KE' }),
      { submit: true },
    );
    expect(order).toMatchObject({
      state: 'submitted',
      agencyId: null,
      employerId: f.employerId,
      originCountry: 'KE',
    });
  });

  it('minimum wages: only the origin officer sets them, for their own country', async () => {
    await expect(
      f.minimumWages.set(as(f.agencyStaff), {
        destinationCountry: 'QA',
        amount: '1',
        currency: 'QAR',
        period: 'month',
      }),
    ).rejects.toThrow(NotFoundError);
    const set = await f.minimumWages.set(as(f.officer), {
      destinationCountry: 'QA',
      amount: '1800',
      currency: 'QAR',
      period: 'month',
    });
    expect(set.originCountry).toBe('KE');
    const again = await f.minimumWages.set(as(f.officer), {
      destinationCountry: 'QA',
      amount: '2000',
      currency: 'QAR',
      period: 'month',
    });
    expect(again.id).toBe(set.id);
    expect(await f.minimumWages.list(as(f.foreignOfficer))).toEqual([]);
    await expect(f.minimumWages.remove(as(f.foreignOfficer), set.id)).rejects.toThrow(
      NotFoundError,
    );
    await f.minimumWages.remove(as(f.officer), set.id);
  });
});
