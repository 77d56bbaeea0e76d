import { describe, expect, it } from 'vitest';
import { CUBES } from './cubes.js';
import { parseCellKeySecret, recordKey } from './disclosure/record-key.js';
import {
  ageBand,
  daysBetween,
  decisionFacts,
  durationBand,
  jobSeekerFacts,
  vacancyFacts,
  wageBand,
} from './facts.js';
import type { VacancyStatRecord } from './statistics.types.js';

const secret = parseCellKeySecret(Buffer.alloc(32, 3).toString('base64'));
const at = (iso: string) => new Date(iso);

describe('bands', () => {
  it('puts months, wages and ages in their bands, edges included', () => {
    expect([1, 6, 7, 12, 13, 24, 25, 36, 37].map(durationBand)).toEqual([
      '0-6',
      '0-6',
      '7-12',
      '7-12',
      '13-24',
      '13-24',
      '25-36',
      '25-36',
      '37+',
    ]);
    expect([null, 299.99, 300, 799, 800, 1999, 2000].map(wageBand)).toEqual([
      '_U',
      'lt300',
      '300-499',
      '500-799',
      '800-1199',
      '1200-1999',
      '2000+',
    ]);
    const on = at('2026-03-01T00:00:00Z');
    expect(ageBand('2001-03-01', on)).toBe('25-34'); // 25 on the day
    expect(ageBand('2001-03-02', on)).toBe('15-24');
    expect(ageBand('2001', on)).toBe('15-24'); // a year alone counts as 1 July
    expect(ageBand('2001-02', on)).toBe('25-34'); // a month counts as the 15th
    expect(ageBand('2020', on)).toBe('_U'); // under 15: a typing error, not a band
    expect(ageBand(null, on)).toBe('_U');
  });

  it('counts whole days, never negative', () => {
    expect(daysBetween(at('2026-01-01T23:00:00Z'), at('2026-01-02T22:59:00Z'))).toBe(0);
    expect(daysBetween(at('2026-01-01T00:00:00Z'), at('2026-01-11T00:00:00Z'))).toBe(10);
    expect(daysBetween(at('2026-01-11T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('facts of a record', () => {
  const base: VacancyStatRecord = {
    id: 'v1',
    origin: 'NP',
    destination: 'QA',
    destinationSubdivision: null,
    isco: '7212',
    contractMonths: 24,
    wageUsdMonthly: 640,
    positions: 3,
    approvedAt: at('2026-03-02T10:00:00Z'),
    publishedAt: at('2026-03-05T10:00:00Z'),
    fills: [{ n: 2, filledAt: at('2026-04-01T10:00:00Z') }],
    history: [
      { event: 'submit', at: at('2026-02-01T10:00:00Z'), actorOrganisationId: 'emp' },
      { event: 'reject', at: at('2026-02-03T10:00:00Z'), actorOrganisationId: 'ministry' },
      { event: 'submit', at: at('2026-02-20T10:00:00Z'), actorOrganisationId: 'emp' },
      { event: 'withdraw', at: at('2026-02-21T10:00:00Z'), actorOrganisationId: 'emp' },
      { event: 'submit', at: at('2026-02-25T10:00:00Z'), actorOrganisationId: 'emp' },
      { event: 'approve', at: at('2026-03-02T10:00:00Z'), actorOrganisationId: 'ministry' },
    ],
  };

  it('gives a job order its demand, positions, fills and decisions, keyed per position', () => {
    const facts = vacancyFacts(secret, base);
    const of = (cube: string) => facts.filter((f) => f.cube === cube);
    expect(of('job_orders')).toMatchObject([
      { month: '2026-03', d1: 'NP', d2: 'QA', d3: '7212', d4: '13-24', d5: '500-799', count: 1 },
    ]);
    const keys = [1, 2, 3].map((n) => recordKey(secret, `v1/position/${n}`));
    expect(of('positions')[0]).toMatchObject({
      count: 3,
      keySum: (keys[0]! + keys[1]! + keys[2]!) % 2 ** 32,
    });
    expect(of('fill_from_approval')).toMatchObject([
      { month: '2026-04', days: 30, count: 1, keySum: keys[1] },
    ]);
    expect(of('fill_from_publication')[0]!.days).toBe(27);
    expect(of('positions_filled_cohort')[0]).toMatchObject({ month: '2026-03', count: 1 });
    // Two decisions (the withdrawn submission is not timed), each by the deciding body.
    expect(of('decisions').map((f) => [f.month, f.d1, f.d2, f.days])).toEqual([
      ['2026-02', 'job_order_verification', 'ministry', 2],
      ['2026-03', 'job_order_verification', 'ministry', 5],
    ]);
    for (const fact of facts) {
      const dims = CUBES[fact.cube as keyof typeof CUBES].dimensions.length;
      const used = [fact.d1, fact.d2, fact.d3, fact.d4, fact.d5, fact.d6].filter((d) => d !== '');
      expect(used).toHaveLength(dims);
    }
  });

  it('counts a draft nowhere but its decisions, and a person once per value of a multi-valued attribute', () => {
    expect(vacancyFacts(secret, { ...base, approvedAt: null, history: [] })).toEqual([]);
    const facts = jobSeekerFacts(secret, {
      id: 'u1',
      registeredAt: at('2026-05-01T00:00:00Z'),
      origin: 'BD',
      originSubdivision: null,
      sex: null,
      birthDate: null,
      iscedLevel: null,
      occupations: ['7212', '7212', '8322'],
      languages: ['bn', 'en'],
      destinations: ['SA'],
      intendedStay: null,
    });
    const count = (cube: string) => facts.filter((f) => f.cube === cube).length;
    expect([
      count('job_seekers'),
      count('job_seekers_occupation'),
      count('job_seekers_language'),
      count('job_seekers_destination'),
      count('job_seekers_preference'),
    ]).toEqual([1, 2, 2, 2, 1]);
    expect(facts.find((f) => f.cube === 'job_seekers')).toMatchObject({
      d2: '_U',
      d3: '_U',
      d4: '_U',
      d5: '_U',
      d6: '_U',
    });
    expect(
      jobSeekerFacts(secret, {
        id: 'u2',
        registeredAt: null,
        origin: 'BD',
        originSubdivision: null,
        sex: null,
        birthDate: null,
        iscedLevel: null,
        occupations: [],
        languages: [],
        destinations: [],
        intendedStay: null,
      }),
    ).toEqual([]);
  });

  it('times a licence from application to decision (a renewal is a decision of its own, not timed)', () => {
    const facts = decisionFacts(secret, {
      id: 'l1',
      kind: 'licence',
      history: [
        { event: 'apply', at: at('2026-01-01T00:00:00Z'), actorOrganisationId: 'agency' },
        { event: 'grant', at: at('2026-01-15T00:00:00Z'), actorOrganisationId: 'ministry' },
        { event: 'renew', at: at('2026-06-01T00:00:00Z'), actorOrganisationId: 'agency' },
      ],
    });
    expect(facts.map((f) => [f.d1, f.d2, f.days])).toEqual([['licence_decision', 'ministry', 14]]);
  });
});
