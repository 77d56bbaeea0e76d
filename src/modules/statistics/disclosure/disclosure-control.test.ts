import { describe, expect, it } from 'vitest';
import { createDisclosureControl, type PublishedCount } from './disclosure-control.js';
import { DISCLOSURE_PARAMETERS } from './parameters.js';
import { parseCellKeySecret, recordKey, type CellKeySecret } from './record-key.js';
import {
  EMPTY_TALLY,
  addRecord,
  joinTallies,
  removeRecord,
  tabulate,
  tallyOf,
  type CellTally,
} from './tally.js';

/** A seeded generator (mulberry32), so that every run checks the same random tables. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seeker {
  id: string;
  origin: string;
  destination: string;
  occupation: string;
  sex: 'F' | 'M';
}

/** Small populations on purpose: most cells hold 0–10 records. */
function population(next: () => number, size: number): Seeker[] {
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: size }, (_, i) => ({
    id: `${Math.floor(next() * 1e9)}-${i}`,
    origin: pick(['NP', 'BD', 'PH', 'KE', 'PK']),
    destination: pick(['QA', 'AE', 'SA', 'MY']),
    occupation: pick(['5322', '7112', '8322', '9112', '2221', '7411']),
    sex: pick(['F', 'M'] as const),
  }));
}

const SECRET = parseCellKeySecret(Buffer.alloc(32, 11).toString('base64'));
const OTHER_SECRET = parseCellKeySecret(Buffer.alloc(32, 12).toString('base64'));

/** The tables a dashboard could show: margins, two-way and three-way tables, overlapping. */
const TABLES: ((s: Seeker) => string | null)[] = [
  (s) => s.origin,
  (s) => s.destination,
  (s) => `${s.origin}|${s.destination}`,
  (s) => `${s.origin}|${s.occupation}`,
  (s) => `${s.origin}|${s.destination}|${s.occupation}|${s.sex}`,
  (s) => (s.sex === 'F' ? `${s.destination}|${s.occupation}` : null),
  () => 'total',
];

function tables(seekers: readonly Seeker[], secret: CellKeySecret) {
  const keys = new Map(seekers.map((s) => [s.id, recordKey(secret, s.id)]));
  return TABLES.map((cellOf) => tabulate(seekers, cellOf, (s) => keys.get(s.id)!));
}

const value = (published: PublishedCount | undefined) =>
  published?.kind === 'count' ? published.value : null;

describe('disclosure control of count tables', () => {
  const control = createDisclosureControl();
  const noThreshold = createDisclosureControl({ ...DISCLOSURE_PARAMETERS, minimumCount: 0 });

  it('never shows a public count of 1 or 2, in any cell of 300 random tables', () => {
    const next = random(16);
    let cells = 0;
    let small = 0;
    const wrong: string[] = [];
    for (let round = 0; round < 300; round += 1) {
      for (const table of tables(population(next, 1 + Math.floor(next() * 120)), SECRET)) {
        for (const cell of table.values()) {
          cells += 1;
          if (cell.count >= 1 && cell.count <= 2) small += 1;
          // Neither from the perturbation table alone nor with the threshold.
          const perturbed = noThreshold.perturbedCount(cell);
          const unthresholded = value(noThreshold.publicCount(cell));
          const shown = value(control.publicCount(cell));
          if (Math.abs(perturbed - cell.count) > 2) wrong.push(`noise ${perturbed - cell.count}`);
          if (unthresholded !== perturbed) wrong.push(`${unthresholded} ≠ ${perturbed}`);
          if (perturbed === 1 || perturbed === 2) wrong.push(`${cell.count} → ${perturbed}`);
          if (shown !== null && shown > 0 && shown < 5) wrong.push(`${cell.count} → ${shown}`);
          if (shown === null && (perturbed === 0 || perturbed >= 5))
            wrong.push(`${perturbed} hidden`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBeGreaterThan(20_000);
    expect(small).toBeGreaterThan(5_000); // the property was tested on many true 1s and 2s
  });

  it('keeps an empty cell at zero', () => {
    expect(control.publicCount(EMPTY_TALLY)).toEqual({ kind: 'count', value: 0 });
    expect(control.publicCount({ count: 0, keySum: 123_456 })).toEqual({ kind: 'count', value: 0 });
  });

  it('gives the same cell the same value in every table, whatever the order of the records', () => {
    const next = random(7);
    const seekers = population(next, 400);
    const shuffled = [...seekers].sort(() => next() - 0.5);
    const keyOf = (s: Seeker) => recordKey(SECRET, s.id);
    // "Women from NP to QA" reached from three different tables.
    const wanted = (s: Seeker) => s.origin === 'NP' && s.destination === 'QA' && s.sex === 'F';
    const a = tabulate(seekers, (s) => `${s.origin}|${s.destination}|${s.sex}`, keyOf).get(
      'NP|QA|F',
    )!;
    const b = tabulate(
      shuffled,
      (s) => (s.sex === 'F' ? `${s.destination}|${s.origin}` : null),
      keyOf,
    ).get('QA|NP')!;
    const c = tallyOf(shuffled.filter(wanted).map(keyOf));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(control.publicCount(b)).toEqual(control.publicCount(a));
    // A total built from its parts is the same cell as the total tabulated directly.
    const parts = [...tabulate(seekers, (s) => s.sex, keyOf).values()].reduce(joinTallies);
    expect(parts).toEqual(tabulate(seekers, () => 'all', keyOf).get('all'));
  });

  it('updates a cell record by record: adding and removing leaves no trace', () => {
    const next = random(3);
    const keys = population(next, 50).map((s) => recordKey(SECRET, s.id));
    const base = tallyOf(keys.slice(0, 30));
    let moving: CellTally = base;
    for (const key of keys.slice(30)) moving = addRecord(moving, key);
    for (const key of keys.slice(30).reverse()) moving = removeRecord(moving, key);
    expect(moving).toEqual(base);
    expect(() => removeRecord(EMPTY_TALLY, 1)).toThrow(RangeError);
  });

  it('gives other noise under another secret', () => {
    const next = random(5);
    const seekers = population(next, 2000);
    const ours = tables(seekers, SECRET)[4]!;
    const theirs = tables(seekers, OTHER_SECRET)[4]!;
    let differ = 0;
    for (const [cell, tally] of ours) {
      expect(theirs.get(cell)!.count).toBe(tally.count);
      if (noThreshold.perturbedCount(tally) !== noThreshold.perturbedCount(theirs.get(cell)!)) {
        differ += 1;
      }
    }
    expect(differ).toBeGreaterThan(ours.size / 3);
  });

  it('is unbiased over many cells of the same count', () => {
    const next = random(9);
    for (const count of [4, 5, 12, 250]) {
      let total = 0;
      const n = 20_000;
      for (let i = 0; i < n; i += 1) {
        total +=
          noThreshold.perturbedCount({ count, keySum: Math.floor(next() * 2 ** 32) }) - count;
      }
      expect(Math.abs(total / n)).toBeLessThan(0.03);
    }
  });

  it('shows the suppression mark from 1 to the threshold, exact figures to restricted readers', () => {
    const cells = new Map<string, CellTally>();
    const next = random(21);
    for (let count = 0; count <= 12; count += 1) {
      for (let k = 0; k < 40; k += 1) {
        cells.set(`${count}/${k}`, { count, keySum: Math.floor(next() * 2 ** 32) });
      }
    }
    const restricted = control.publishTable(cells, 'restricted');
    const published = control.publishTable(cells, 'public');
    let suppressed = 0;
    for (const [key, cell] of cells) {
      expect(restricted.get(key)).toEqual({ kind: 'count', value: cell.count });
      const perturbed = control.perturbedCount(cell);
      if (perturbed > 0 && perturbed < 5) {
        expect(published.get(key)).toEqual({ kind: 'suppressed' });
        suppressed += 1;
      } else {
        expect(published.get(key)).toEqual({ kind: 'count', value: perturbed });
      }
      expect(control.count(cell, 'public')).toEqual(published.get(key));
    }
    expect(suppressed).toBeGreaterThan(0);
  });

  it('publishes a measure only where the exact and the perturbed count reach the threshold', () => {
    const next = random(33);
    let shown = 0;
    for (let count = 0; count <= 9; count += 1) {
      for (let k = 0; k < 50; k += 1) {
        const cell = { count, keySum: Math.floor(next() * 2 ** 32) };
        const published = control.measure(cell, 12.345, 'public');
        const visible = count >= 5 && control.perturbedCount(cell) >= 5;
        expect(published).toEqual(
          visible ? { kind: 'measure', value: 12.3 } : { kind: 'suppressed' },
        );
        if (visible) shown += 1;
        expect(control.measure(cell, 12.345, 'restricted')).toEqual({
          kind: 'measure',
          value: 12.345,
        });
      }
    }
    expect(shown).toBeGreaterThan(0);
    expect(control.measure({ count: 50, keySum: 1 }, 3.14159, 'public', 2)).toEqual({
      kind: 'measure',
      value: 3.14,
    });
    expect(() => control.measure({ count: 50, keySum: 1 }, 1, 'public', 1.5)).toThrow(RangeError);
    expect(() => control.measure({ count: -3, keySum: 1 }, 1, 'restricted')).toThrow(RangeError);
    expect(() => control.measure({ count: 50, keySum: 1 }, Number.NaN, 'public')).toThrow(
      RangeError,
    );
  });

  it('refuses counts and key sums that cannot be', () => {
    expect(() => control.publicCount({ count: -1, keySum: 0 })).toThrow(RangeError);
    expect(() => control.exactCount({ count: 1.5, keySum: 0 })).toThrow(RangeError);
    expect(() => control.publicCount({ count: 3, keySum: 0.25 })).toThrow(RangeError);
    expect(() => createDisclosureControl({ ...DISCLOSURE_PARAMETERS, minimumCount: -1 })).toThrow(
      RangeError,
    );
  });
});
