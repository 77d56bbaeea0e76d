import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from './fusion.js';

describe('reciprocalRankFusion', () => {
  it('rewards an item that both rankers place well over one that only one places first', () => {
    const fused = reciprocalRankFusion(
      [{ items: ['a', 'b', 'c'] }, { items: ['b', 'c', 'a'] }],
      60,
    );
    const order = [...fused.entries()].sort((x, y) => y[1] - x[1]).map(([item]) => item);
    expect(order).toEqual(['b', 'a', 'c']);
    expect(fused.get('b')).toBeCloseTo(1 / 62 + 1 / 61);
  });

  it('weights the rankers', () => {
    const fused = reciprocalRankFusion(
      [
        { items: ['a', 'b'], weight: 1 },
        { items: ['b', 'a'], weight: 0.5 },
      ],
      10,
    );
    expect(fused.get('a')).toBeGreaterThan(fused.get('b')!);
  });
});
