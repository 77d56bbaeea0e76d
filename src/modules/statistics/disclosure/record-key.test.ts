import { describe, expect, it } from 'vitest';
import {
  KEY_SPACE,
  addKeys,
  cellKeyOf,
  parseCellKeySecret,
  recordKey,
  subtractKeys,
} from './record-key.js';

const SECRET = parseCellKeySecret(Buffer.alloc(32, 1).toString('base64'));
const OTHER = parseCellKeySecret(Buffer.alloc(32, 2).toString('base64'));

describe('record keys', () => {
  it('are the same for the same record, whole numbers of 0…2³²−1', () => {
    const id = '0f8e2a3c-5b1d-4c6e-9a7f-1234567890ab';
    expect(recordKey(SECRET, id)).toBe(recordKey(SECRET, id));
    expect(Number.isInteger(recordKey(SECRET, id))).toBe(true);
    expect(recordKey(SECRET, id)).toBeGreaterThanOrEqual(0);
    expect(recordKey(SECRET, id)).toBeLessThan(KEY_SPACE);
  });

  it('depend on the secret, and ids in any script give keys', () => {
    const ids = ['a', 'b', 'محمد', 'सीता', 'রহিম', 'José'];
    const ours = ids.map((id) => recordKey(SECRET, id));
    expect(new Set(ours).size).toBe(ids.length);
    expect(ids.map((id) => recordKey(OTHER, id))).not.toEqual(ours);
    // NFC and NFD spellings are different ids: callers pass stable ids (UUIDs), not names.
    expect(recordKey(SECRET, 'José'.normalize('NFD'))).not.toBe(recordKey(SECRET, 'José'));
  });

  it('are spread evenly over [0, 1)', () => {
    const bins = new Array<number>(10).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i += 1) {
      const bin = Math.floor((recordKey(SECRET, `record-${i}`) / KEY_SPACE) * 10);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    const expected = n / 10;
    const chiSquare = bins.reduce(
      (sum, observed) => sum + (observed - expected) ** 2 / expected,
      0,
    );
    expect(chiSquare).toBeLessThan(27.88); // p = 0.001 with 9 degrees of freedom
  });

  it('refuse an empty id', () => {
    expect(() => recordKey(SECRET, '')).toThrow(RangeError);
  });
});

describe('the cell-key secret', () => {
  it('is base64 of at least 32 bytes', () => {
    expect(() => parseCellKeySecret(Buffer.alloc(31, 1).toString('base64'))).toThrow(/32 bytes/);
    expect(() => parseCellKeySecret('not base64 at all, not at all!!!!!!!!!!!!!!')).toThrow(
      /base64/,
    );
    expect(() => parseCellKeySecret('')).toThrow(RangeError);
    expect(() => parseCellKeySecret(` ${Buffer.alloc(48, 3).toString('base64')}\n`)).not.toThrow();
  });
});

describe('key sums modulo 2³²', () => {
  it('add and take away exactly, in any order', () => {
    const keys = [KEY_SPACE - 1, KEY_SPACE - 2, 17, 2 ** 31, 5];
    const forward = keys.reduce(addKeys, 0);
    const backward = [...keys].reverse().reduce(addKeys, 0);
    expect(forward).toBe(backward);
    expect(forward).toBe((KEY_SPACE - 1 + KEY_SPACE - 2 + 17 + 2 ** 31 + 5) % KEY_SPACE);
    expect(keys.reduce(subtractKeys, forward)).toBe(0);
  });

  it('give the same cell key reduced or not', () => {
    expect(cellKeyOf(3 * KEY_SPACE + 12)).toBe(12);
    expect(cellKeyOf(-1)).toBe(KEY_SPACE - 1);
    expect(() => cellKeyOf(0.5)).toThrow(RangeError);
    expect(() => cellKeyOf(2 ** 60)).toThrow(RangeError);
  });
});
