import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VacancyStatRecord } from '../statistics/statistics.types.js';
import { as, jobOrdersFixture, type JobOrdersFixture } from './job-orders.test-support.js';
import { VacancyStatisticsSource, wageUsdMonthly } from './vacancies.statistics.js';
import { VacancyStatisticsRepository } from './vacancies.statistics.repository.js';

/**
 * The job orders as the statistics read them (vacancies.statistics.ts), built through the
 * job-orders service on real SQL and read back through the `vacancyStatistics` service.
 */
let f: JobOrdersFixture;
let source: JobOrdersFixture['web']['services']['vacancyStatistics'];

beforeAll(async () => {
  f = await jobOrdersFixture();
  source = f.web.services.vacancyStatistics;
  // A known rate: 4 AED to the dollar (the file's is the 3.6725 peg).
  await f.db
    .insertInto('exchange_rate')
    .values({ currency: 'AED', usd_per_unit: '0.25', as_of: '2026-01-01', source: 'test' })
    .onConflict((conflict) =>
      conflict.column('currency').doUpdateSet({ usd_per_unit: '0.25', as_of: '2026-01-01' }),
    )
    .execute();
});

afterAll(async () => {
  await f?.close();
});

const allIds = async () =>
  (await f.db.selectFrom('vacancy').select('id').orderBy('id').execute()).map((row) => row.id);

describe('the vacancy statistics source', () => {
  it('gives a draft with its terms, no dates, no fills and its creation', async () => {
    const draft = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder());
    const [record] = await source.byIds([draft.id]);
    const created = record!.history[0]?.at;
    expect(created).toBeInstanceOf(Date);
    expect(record).toEqual<VacancyStatRecord>({
      id: draft.id,
      origin: 'KE',
      destination: 'AE',
      destinationSubdivision: 'AE-DU',
      isco: '2221',
      contractMonths: 24,
      // 7,500 AED a month at 0.25.
      wageUsdMonthly: 1875,
      positions: 3,
      approvedAt: null,
      publishedAt: null,
      fills: [],
      history: [{ event: 'create', at: created!, actorOrganisationId: f.agencyId }],
    });
  });

  it('follows a job order through approval, publication and fills, in order', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder({ positions: 3 }), {
      submit: true,
    });
    const published = await f.jobOrders.decide(as(f.officer), order.id, { event: 'approve' });
    await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'fill_position');
    await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'fill_position');

    const [record] = await source.byIds([order.id]);
    expect(record!.approvedAt).toEqual(published.approvedAt);
    expect(record!.publishedAt).toEqual(published.publishedAt);
    expect(record!.positions).toBe(3);
    expect(record!.fills.map((fill) => fill.n)).toEqual([1, 2]);
    expect(record!.fills[0]!.filledAt.getTime()).toBeLessThanOrEqual(
      record!.fills[1]!.filledAt.getTime(),
    );
    expect(record!.fills[0]!.filledAt.getTime()).toBeGreaterThanOrEqual(
      published.publishedAt!.getTime(),
    );
    expect(record!.history.map((step) => [step.event, step.actorOrganisationId])).toEqual([
      ['create', f.agencyId],
      ['submit', f.agencyId],
      ['approve', f.authorityId],
      ['publish', f.authorityId],
      ['fill_position', f.agencyId],
      ['fill_position', f.agencyId],
    ]);
    const times = record!.history.map((step) => step.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('keeps a rejection, the corrected terms and the second submission', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder(), { submit: true });
    await f.jobOrders.decide(as(f.officer), order.id, {
      event: 'reject',
      reason: 'The contract does not say who pays the flight.',
    });
    await f.jobOrders.update(
      as(f.agencyStaff),
      order.id,
      f.nurseOrder({
        positions: 5,
        wage: { amount: '40.00', currency: 'AED', period: 'hour' },
        hoursPerWeek: 45,
      }),
      { submit: true },
    );
    const [record] = await source.byIds([order.id]);
    expect(record!.positions).toBe(5);
    // 40 AED × 45 hours × 52/12 weeks × 0.25.
    expect(record!.wageUsdMonthly).toBe(1950);
    expect(record!.approvedAt).toBeNull();
    expect(record!.history.map((step) => step.event)).toEqual([
      'create',
      'submit',
      'reject',
      'update',
      'submit',
    ]);
  });

  it('leaves out unknown and malformed ids, and repeats', async () => {
    const [known] = await allIds();
    const records = await source.byIds([
      known!,
      randomUUID(),
      'not-an-id',
      '',
      known!.toUpperCase(),
      known!,
    ]);
    expect(records.map((record) => record.id)).toEqual([known]);
    expect(await source.byIds([])).toEqual([]);
    expect(await source.byIds([randomUUID()])).toEqual([]);
  });

  it('answers more than one batch of ids', async () => {
    const ids = await allIds();
    const asked = [...Array.from({ length: 1500 }, () => randomUUID()), ...ids];
    const records = await source.byIds(asked);
    expect(records.map((record) => record.id)).toEqual(ids);
  });

  it('pages every job order once, by id, each page as byIds gives it', async () => {
    for (let n = 0; n < 3; n += 1) {
      await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder(), { submit: n % 2 === 0 });
    }
    const ids = await allIds();
    expect(ids.length).toBeGreaterThanOrEqual(6);

    const seen: VacancyStatRecord[] = [];
    let after: string | null = null;
    for (;;) {
      const page: VacancyStatRecord[] = await source.page(after, 2);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page);
      after = page.at(-1)!.id;
    }
    expect(seen.map((record) => record.id)).toEqual(ids);
    // The same records as by id (fills and history included).
    expect(seen).toEqual(await source.byIds([...ids].reverse()));
    expect(await source.page(null, ids.length + 10)).toEqual(seen);
    expect(await source.page(ids.at(-1)!, 5)).toEqual([]);
    expect(await source.page(null, 0)).toEqual([]);
    await expect(source.page('nope', 5)).rejects.toThrow(RangeError);
  });

  it('reads a batch of 1,000 ids, or a page of 5,000, in three queries', async () => {
    const statements: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted = new VacancyStatisticsSource(
      new VacancyStatisticsRepository(f.db.withPlugin(counter)),
    );
    const ids = await allIds();
    const asked = [...ids, ...Array.from({ length: 1000 - ids.length }, () => randomUUID())];
    expect(await counted.byIds(asked)).toHaveLength(ids.length);
    // `set local enable_seqscan = off`, then job orders, fills and events.
    expect(statements).toEqual([
      'RawNode',
      'SelectQueryNode',
      'SelectQueryNode',
      'SelectQueryNode',
    ]);
    statements.length = 0;
    expect(await counted.page(null, 5000)).toHaveLength(ids.length);
    expect(statements).toEqual([
      'RawNode',
      'SelectQueryNode',
      'SelectQueryNode',
      'SelectQueryNode',
    ]);
  });

  it('gives no dollar wage for a currency without a rate', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder());
    await f.db.deleteFrom('exchange_rate').where('currency', '=', 'AED').execute();
    const [record] = await source.byIds([order.id]);
    expect(record!.wageUsdMonthly).toBeNull();
  });

  it('publishes a vacancy.* domain event, subject the job order, for every change', async () => {
    const order = await f.jobOrders.create(as(f.agencyStaff), f.nurseOrder({ positions: 2 }));
    await f.jobOrders.update(as(f.agencyStaff), order.id, f.nurseOrder({ positions: 1 }));
    await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'submit');
    await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'withdraw');
    await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'submit');
    await f.jobOrders.decide(as(f.officer), order.id, { event: 'approve' });
    await f.jobOrders.ownerEvent(as(f.agencyStaff), order.id, 'fill_position');
    const events = await f.db
      .selectFrom('domain_event')
      .select('type')
      .where('subject_id', '=', order.id)
      .where('subject_type', '=', 'vacancy')
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.type)).toEqual([
      'vacancy.created',
      'vacancy.updated',
      'vacancy.submitted',
      'vacancy.withdrawn',
      'vacancy.submitted',
      'vacancy.approved',
      'vacancy.published',
      'vacancy.position_filled',
    ]);
    const [record] = await source.byIds([order.id]);
    expect(record!.history).toHaveLength(events.length);
  });
});

describe('wageUsdMonthly', () => {
  it('makes the wage monthly, converts it and rounds to the cent', () => {
    expect(wageUsdMonthly({ amount: '1200', period: 'year', hoursPerWeek: '40' }, '1')).toBe(100);
    expect(wageUsdMonthly({ amount: '10', period: 'day', hoursPerWeek: '48' }, '0.5')).toBe(130);
    expect(wageUsdMonthly({ amount: '100', period: 'week', hoursPerWeek: '40' }, 2)).toBe(866.67);
    expect(wageUsdMonthly({ amount: '100', period: 'month', hoursPerWeek: '40' }, null)).toBeNull();
  });
});
