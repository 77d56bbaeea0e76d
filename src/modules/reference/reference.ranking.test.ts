import { describe, expect, it } from 'vitest';
import { closeness, rankHits } from './reference.ranking.js';

describe('closeness', () => {
  it('credits exact words, prefixes and small typos', () => {
    expect(closeness('nurse', 'nurse assistant').match).toBe(1);
    expect(closeness('nurs', 'nursery nurse').match).toBe(0.9);
    expect(closeness('nurze', 'ward nurse').match).toBe(0.8);
    expect(closeness('plumber', 'electrician').match).toBe(0);
  });

  it('prefers a label that the query covers more of', () => {
    const alone = closeness('electricain', 'electrician');
    const longer = closeness('electricain', 'rolling stock electrician');
    expect(alone.match).toBe(longer.match);
    expect(alone.coverage).toBeGreaterThan(longer.coverage);
  });
});

describe('rankHits', () => {
  it('ranks by score plus closeness and keeps the best label of each concept', () => {
    const hits = [
      { concept: 'a', label: 'electrical train electrician', score: 1.6 },
      { concept: 'b', label: 'electrician', score: 1.45 },
      { concept: 'b', label: 'electrical fitter', score: 1.6 },
    ];
    const ranked = rankHits('electricain', hits, (hit) => hit.concept);
    expect(ranked.map((hit) => [hit.concept, hit.label])).toEqual([
      ['b', 'electrician'],
      ['a', 'electrical train electrician'],
    ]);
  });
});
