import { describe, expect, it } from 'vitest';
import { allowedTypos, editDistance } from './reference.typos.js';

describe('editDistance', () => {
  it.each([
    ['nurse', 'nurse', 0],
    ['nurze', 'nurse', 1],
    ['nurs', 'nurse', 1],
    ['nursse', 'nurse', 1],
    ['electricain', 'electrician', 1], // a swap of two letters is one edit
    ['electricain', 'electrical', 2],
    ['weldng', 'welding', 1],
    ['plombeir', 'plombier', 1],
    ['carpinter', 'carpenter', 1],
    ['elektrishan', 'electrician', 3],
    ['ممرضه', 'ممرضة', 1],
    ['', 'abc', 3],
    ['abc', '', 3],
  ])('%s ↔ %s = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops at the limit', () => {
    expect(editDistance('driver', 'welder', 1)).toBe(2);
    expect(editDistance('cook', 'accountant', 2)).toBe(3);
    expect(editDistance('', 'abc', 5)).toBe(3);
    expect(editDistance('abc', '', 1)).toBe(2);
  });

  it('agrees with a plain dynamic programme on random words', () => {
    const slow = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i += 1) {
        for (let j = 1; j <= b.length; j += 1) {
          const cost = a[i - 1] === b[j - 1] ? 0 : 1;
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
          }
        }
      }
      return d[a.length]![b.length]!;
    };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () =>
      Array.from({ length: 1 + Math.floor(next() * 9) }, () => 'abcd'[Math.floor(next() * 4)]).join(
        '',
      );
    for (let n = 0; n < 2000; n += 1) {
      const a = word();
      const b = word();
      const limit = Math.floor(next() * 4);
      expect(editDistance(a, b), `${a} ${b}`).toBe(slow(a, b));
      expect(editDistance(a, b, limit), `${a} ${b} ${limit}`).toBe(Math.min(slow(a, b), limit + 1));
    }
  });
});

describe('allowedTypos', () => {
  it('allows none under four characters, one up to seven, two from eight', () => {
    expect([1, 3, 4, 7, 8, 40].map(allowedTypos)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
