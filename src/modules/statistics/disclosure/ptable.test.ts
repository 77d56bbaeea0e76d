import { describe, expect, it } from 'vitest';
import { buildPTable, noiseFor, type PTableParameters } from './ptable.js';
import { KEY_SPACE } from './record-key.js';

const SETS: PTableParameters[] = [
  { maxNoise: 2, variance: 1, blockedUpTo: 2 },
  { maxNoise: 3, variance: 2, blockedUpTo: 2 },
  { maxNoise: 5, variance: 3, blockedUpTo: 2 },
  { maxNoise: 4, variance: 1.5, blockedUpTo: 4 },
  { maxNoise: 2, variance: 3, blockedUpTo: 0 },
  { maxNoise: 3, variance: 0.05, blockedUpTo: 1 },
  { maxNoise: 10, variance: 8, blockedUpTo: 3 },
];

const moment = (
  row: { entries: readonly { noise: number; probability: number }[] },
  power: number,
) => row.entries.reduce((sum, e) => sum + e.noise ** power * e.probability, 0);

describe.each(SETS)('perturbation table D=$maxNoise V=$variance js=$blockedUpTo', (parameters) => {
  const table = buildPTable(parameters);
  const { maxNoise: D, variance: V, blockedUpTo: js } = parameters;

  it('has rows 0…D+js+1 (0…D when nothing is blocked), the last for every larger count', () => {
    expect(table.rows.map((row) => row.count)).toEqual(
      Array.from({ length: (js === 0 ? D : D + js + 1) + 1 }, (_, i) => i),
    );
  });

  it('keeps zero at zero', () => {
    expect(table.rows[0]!.entries).toEqual([
      { noise: 0, probability: 1, lower: 0, upper: KEY_SPACE },
    ]);
  });

  it('rows sum to 1 and their slices cover [0, 2³²) exactly, in order', () => {
    for (const row of table.rows) {
      expect(row.entries.reduce((sum, e) => sum + e.probability, 0)).toBeCloseTo(1, 12);
      expect(row.entries[0]!.lower).toBe(0);
      expect(row.entries.at(-1)!.upper).toBe(KEY_SPACE);
      row.entries.forEach((entry, k) => {
        expect(entry.probability).toBeGreaterThanOrEqual(0);
        expect(entry.upper).toBeGreaterThanOrEqual(entry.lower);
        if (k > 0) expect(entry.lower).toBe(row.entries[k - 1]!.upper);
        // The slice's width is the probability, to within the rounding of its two ends.
        expect(Math.abs((entry.upper - entry.lower) / KEY_SPACE - entry.probability)).toBeLessThan(
          2 / KEY_SPACE,
        );
      });
    }
  });

  it('is unbiased in every row, also as sliced over the cell keys', () => {
    for (const row of table.rows) {
      expect(Math.abs(moment(row, 1))).toBeLessThan(1e-12);
      const sliced = row.entries.reduce(
        (sum, e) => sum + (e.noise * (e.upper - e.lower)) / KEY_SPACE,
        0,
      );
      expect(Math.abs(sliced)).toBeLessThan(1e-8);
    }
  });

  it('bounds the noise by D and never publishes 1…js or a negative count', () => {
    for (const row of table.rows) {
      for (const entry of row.entries) {
        expect(Math.abs(entry.noise)).toBeLessThanOrEqual(D);
        const published = row.count + entry.noise;
        expect(published).toBeGreaterThanOrEqual(0);
        if (entry.probability > 0) expect(published < 1 || published > js).toBe(true);
      }
    }
  });

  it('has variance V from the last row on, at most V where the blocked counts leave room', () => {
    expect(moment(table.rows.at(-1)!, 2)).toBeCloseTo(Math.min(V, (D * (D + 1)) / 3), 9);
    for (const row of table.rows) {
      if (row.count > js) expect(moment(row, 2)).toBeLessThanOrEqual(V + 1e-9);
    }
  });

  it('never makes a noise more likely than a smaller one on the way up to 0 (ptable’s monotony)', () => {
    for (const row of table.rows.filter((r) => r.entries.some((e) => e.noise === 0))) {
      const negative = row.entries.filter((e) => e.noise <= 0);
      negative.slice(1).forEach((entry, k) => {
        expect(entry.probability).toBeGreaterThanOrEqual(negative[k]!.probability - 1e-12);
      });
    }
  });

  it('draws noise with mean 0 and variance V over evenly spread cell keys', () => {
    const steps = 100_000;
    let sum = 0;
    let squares = 0;
    for (let k = 0; k < steps; k += 1) {
      const noise = noiseFor(table, 1000, Math.floor(((k + 0.5) / steps) * KEY_SPACE));
      sum += noise;
      squares += noise * noise;
    }
    expect(Math.abs(sum / steps)).toBeLessThan(1e-3);
    expect(squares / steps).toBeCloseTo(moment(table.rows.at(-1)!, 2), 2);
  });
});

describe('perturbation table D=2 V=1 js=2 (the default)', () => {
  const table = buildPTable({ maxNoise: 2, variance: 1, blockedUpTo: 2 });
  const row = (count: number) =>
    Object.fromEntries(table.rows[count]!.entries.map((e) => [e.noise, +e.probability.toFixed(5)]));

  it('sends 1 and 2 to 0 or 3 with mean 0 (the least variance they allow)', () => {
    expect(row(1)).toEqual({ '-1': 0.66667, '2': 0.33333 });
    expect(row(2)).toEqual({ '-2': 0.33333, '1': 0.66667, '2': 0 });
  });

  it('is the symmetric maximum-entropy distribution from 5 on', () => {
    expect(row(5)).toEqual({
      '-2': 0.06383,
      '-1': 0.24469,
      '0': 0.38296,
      '1': 0.24469,
      '2': 0.06383,
    });
    expect(noiseFor(table, 5, 0)).toBe(-2);
    expect(noiseFor(table, 1_000_000, KEY_SPACE - 1)).toBe(2);
  });
});

describe('perturbation table parameters', () => {
  it.each([
    { maxNoise: 0, variance: 1, blockedUpTo: 2 },
    { maxNoise: 2.5, variance: 1, blockedUpTo: 2 },
    { maxNoise: 2, variance: 0, blockedUpTo: 2 },
    { maxNoise: 2, variance: Number.NaN, blockedUpTo: 2 },
    { maxNoise: 2, variance: 1, blockedUpTo: -1 },
  ])('rejects D=$maxNoise V=$variance js=$blockedUpTo', (parameters) => {
    expect(() => buildPTable(parameters)).toThrow(RangeError);
  });
});

describe('maximum entropy, against a search over every feasible row', () => {
  const table = buildPTable({ maxNoise: 2, variance: 1, blockedUpTo: 2 });
  const entropy = (ps: readonly number[]) =>
    -ps.reduce((h, p) => h + (p > 0 ? p * Math.log(p) : 0), 0);
  const ours = (count: number) => entropy(table.rows[count]!.entries.map((e) => e.probability));
  const steps = 400;

  it('no distribution on 3…6 for count 4 (mean 0, variance ≤ 1, monotone) has more entropy', () => {
    let best = 0;
    for (let i = 0; i <= steps; i += 1) {
      for (let j = 0; j <= steps; j += 1) {
        const [p1, p2] = [i / steps / 2, j / steps / 4];
        const pMinus = p1 + 2 * p2; // mean 0
        const p0 = 1 - pMinus - p1 - p2;
        if (p0 < 0 || pMinus > p0 || pMinus + p1 + 4 * p2 > 1) continue;
        best = Math.max(best, entropy([pMinus, p0, p1, p2]));
      }
    }
    expect(best).toBeLessThanOrEqual(ours(4) + 1e-12);
    expect(best).toBeGreaterThan(ours(4) - 1e-3);
  });

  it('no distribution on i−2…i+2 (mean 0, variance 1, monotone) has more entropy', () => {
    let best = 0;
    for (let i = 0; i <= steps; i += 1) {
      for (let j = 0; j <= steps; j += 1) {
        const [m2, p2] = [i / steps / 4, j / steps / 4];
        const difference = 2 * (m2 - p2); // p1 − p−1, for mean 0
        const total = 1 - 4 * (m2 + p2); // p1 + p−1, for variance 1
        const [m1, p1] = [(total - difference) / 2, (total + difference) / 2];
        const p0 = 1 - m2 - m1 - p1 - p2;
        if (Math.min(m1, p1, p0) < 0 || m2 > m1 || m1 > p0) continue;
        best = Math.max(best, entropy([m2, m1, p0, p1, p2]));
      }
    }
    expect(best).toBeLessThanOrEqual(ours(5) + 1e-12);
    expect(best).toBeGreaterThan(ours(5) - 1e-3);
  });
});
