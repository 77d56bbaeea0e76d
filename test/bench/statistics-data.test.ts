import { describe, expect, it } from 'vitest';
import { parseCellKeySecret } from '../../src/modules/statistics/disclosure/record-key.js';
import {
  FACT_COLUMNS,
  PREFIX_OF,
  Prng,
  SyntheticRecords,
  copyRowOf,
  factsOf,
  iscoUnitGroups,
  mixOf,
  recordId,
  type RecordKind,
} from './statistics-data.js';

const secret = parseCellKeySecret(Buffer.alloc(32, 16).toString('base64'));

function sample(seed: number, perKind: number) {
  const records = new SyntheticRecords(new Prng(seed));
  const out: { kind: RecordKind; id: string; facts: ReturnType<typeof factsOf> }[] = [];
  for (const kind of ['application', 'job_seeker', 'vacancy', 'decision'] as const) {
    for (let i = 1; i <= perKind; i += 1) {
      const id = recordId(PREFIX_OF[kind], i);
      out.push({ kind, id, facts: factsOf(secret, records, kind, id) });
    }
  }
  return out;
}

describe('synthetic records of the statistics benchmark', () => {
  it('splits N records into the mix, adding up to N', () => {
    for (const n of [1, 999, 20_000, 10_000_000]) {
      const mix = mixOf(n);
      expect(mix.application + mix.job_seeker + mix.vacancy + mix.decision).toBe(n);
    }
    expect(mixOf(10_000_000)).toEqual({
      application: 8_000_000,
      job_seeker: 1_200_000,
      vacancy: 500_000,
      decision: 300_000,
    });
  });

  it('reads the ISCO-08 unit groups of data/reference', () => {
    const codes = iscoUnitGroups();
    expect(codes.length).toBeGreaterThan(400);
    expect(codes).toContain('9112');
    for (const code of codes) expect(code).toMatch(/^\d{4}$/);
  });

  it('gives the same records for the same seed, other records for another', () => {
    expect(JSON.stringify(sample(7, 50))).toBe(JSON.stringify(sample(7, 50)));
    expect(JSON.stringify(sample(7, 50))).not.toBe(JSON.stringify(sample(8, 50)));
  });

  it('makes facts the migration accepts, in the 36 months, in every cube', () => {
    const cubes = new Set<string>();
    for (const { kind, id, facts } of sample(1, 400)) {
      for (const fact of facts) {
        cubes.add(fact.cube);
        expect(fact.month >= '2024-01' && fact.month <= '2026-12').toBe(true);
        for (const column of ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const) {
          expect(fact[column].length).toBeLessThanOrEqual(64);
        }
        expect(fact.count).toBeGreaterThan(0);
        expect(Number.isInteger(fact.keySum) && fact.keySum >= 0 && fact.keySum < 2 ** 32).toBe(
          true,
        );
        expect(fact.days).toBeGreaterThanOrEqual(-1);
        const row = copyRowOf(kind, id, fact);
        expect(row).toHaveLength(FACT_COLUMNS.length);
      }
    }
    expect([...cubes].sort()).toEqual(
      [
        'applications_cohort',
        'decisions',
        'fill_from_approval',
        'fill_from_publication',
        'job_orders',
        'job_seekers',
        'job_seekers_destination',
        'job_seekers_language',
        'job_seekers_occupation',
        'job_seekers_preference',
        'placements_cohort',
        'positions',
        'positions_filled_cohort',
      ].sort(),
    );
  });

  it('skews towards the big corridors and the occupations migrants take', () => {
    const records = new SyntheticRecords(new Prng(3));
    const origins = new Map<string, number>();
    const occupations = new Map<string, number>();
    for (let i = 0; i < 5000; i += 1) {
      const application = records.application(recordId('ap', i + 1));
      origins.set(application.origin, (origins.get(application.origin) ?? 0) + 1);
      occupations.set(application.isco, (occupations.get(application.isco) ?? 0) + 1);
    }
    const big = ['NP', 'BD', 'IN', 'PH', 'PK', 'KE'].reduce((s, o) => s + (origins.get(o) ?? 0), 0);
    expect(big / 5000).toBeGreaterThan(0.85);
    const top = [...occupations].sort((a, b) => b[1] - a[1])[0]![0];
    expect(top).toBe('9112');
  });
});
