import { describe, expect, it } from 'vitest';
import { dcg, mean, ndcgAt, recallAt } from './matching-metrics.js';

const judged = (entries: [string, number][]) => new Map(entries);

describe('matching benchmark: nDCG and recall on hand-made rankings', () => {
  it('discounts gains 2^g − 1 by log2(rank + 1)', () => {
    // 7/1 + 3/log2(3) + 0 + 1/log2(5)
    expect(dcg([3, 2, 0, 1], 10)).toBeCloseTo(7 + 3 / Math.log2(3) + 1 / Math.log2(5), 10);
    expect(dcg([3, 2, 0, 1], 1)).toBe(7);
    expect(dcg([], 10)).toBe(0);
  });

  it('gives 1 to the ideal order and less to any other', () => {
    const j = judged([
      ['a', 3],
      ['b', 2],
      ['c', 1],
    ]);
    expect(ndcgAt(['a', 'b', 'c'], j, 10)).toBe(1);
    expect(ndcgAt(['a', 'b', 'c', 'x', 'y'], j, 10)).toBe(1);
    const swapped = ndcgAt(['b', 'a', 'c'], j, 10);
    expect(swapped).toBeLessThan(1);
    const ideal = 7 + 3 / Math.log2(3) + 1 / 2;
    expect(swapped).toBeCloseTo((3 + 7 / Math.log2(3) + 1 / 2) / ideal, 10);
  });

  it('counts graded items left out of the first k against the ranking', () => {
    const j = judged([
      ['a', 3],
      ['b', 3],
    ]);
    // Only one of the two close fits found, at the top.
    expect(ndcgAt(['a', 'x', 'y'], j, 2)).toBeCloseTo(7 / (7 + 7 / Math.log2(3)), 10);
    // Found, but below the cut.
    expect(ndcgAt(['x', 'y', 'a', 'b'], j, 2)).toBe(0);
  });

  it('is undefined for a query with nothing relevant, and the mean leaves it out', () => {
    expect(ndcgAt(['a'], judged([['a', 0]]), 10)).toBeNaN();
    expect(ndcgAt(['a'], judged([]), 10)).toBeNaN();
    expect(mean([1, NaN, 0.5])).toEqual({ mean: 0.75, n: 2 });
    expect(mean([NaN]).n).toBe(0);
  });

  it('takes recall over grades ≥ 2 by default', () => {
    const j = judged([
      ['a', 3],
      ['b', 2],
      ['c', 1],
      ['d', 2],
    ]);
    expect(recallAt(['a', 'c', 'x'], j, 10)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(['a', 'b', 'd'], j, 10)).toBe(1);
    expect(recallAt(['a', 'b', 'd'], j, 2)).toBeCloseTo(2 / 3, 10);
    expect(recallAt(['c'], j, 10, 1)).toBe(0.25);
    // A result listed twice counts once.
    expect(recallAt(['a', 'a', 'a'], j, 10)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(['a'], judged([['a', 1]]), 10)).toBeNaN();
  });
});
