import { describe, expect, it } from 'vitest';
import { forEachBit, popcount, Postings, type TermPostings } from './search-postings.js';
import { TopK } from './search-topk.js';

function ordinals(found: TermPostings): number[] {
  const all = found.lists.flatMap((list) => [...list]);
  if (found.bitmap) forEachBit(found.bitmap, (ordinal) => all.push(ordinal));
  return all.sort((a, b) => a - b);
}

describe('Postings', () => {
  it('keeps rare terms in lists and common terms in bitmaps, before and after freezing', () => {
    const postings = new Postings();
    const expected = new Map<number, number[]>();
    const add = (term: number, ordinal: number) => {
      postings.add(term, ordinal);
      let list = expected.get(term);
      if (!list) expected.set(term, (list = []));
      list.push(ordinal);
    };
    const N = 200_000;
    for (let o = 0; o < N; o += 1) {
      add(0, o); // in every vacancy
      if (o % 7 === 0) add(1, o); // common
      if (o % 5000 === 0) add(2, o); // rare
      if (o < 70_000 && o % 30 === 0) add(3, o); // common early, rare in the end
    }
    postings.freeze(4, N);
    for (let o = N; o < N + 100; o += 1) {
      add(0, o);
      add(2, o);
      add(4, o); // a term first seen after the freeze
    }
    expect(postings.of(0).bitmap).not.toBeNull();
    expect(postings.of(1).bitmap).not.toBeNull();
    expect(postings.of(2).bitmap).toBeNull();
    expect(postings.of(3).bitmap).toBeNull();
    for (const [term, list] of expected) {
      expect({ term, ordinals: ordinals(postings.of(term)) }).toEqual({ term, ordinals: list });
      expect(postings.size(term)).toBe(list.length);
      for (const found of postings.of(term).lists) {
        expect([...found]).toEqual([...found].sort((a, b) => a - b));
      }
    }
    expect(popcount(postings.of(0).bitmap!)).toBe(N + 100);
  });
});

describe('TopK', () => {
  it('keeps the best k by key, then tie, whatever the order offered', () => {
    const top = new TopK(10);
    const rows = Array.from({ length: 1000 }, (_, i) => ({ key: (i * 7919) % 97, tie: i }));
    for (const row of rows) top.offer(row.key, row.tie, row.tie);
    const expected = [...rows]
      .sort((a, b) => b.key - a.key || b.tie - a.tie)
      .slice(0, 10)
      .map((row) => row.tie);
    expect(top.sorted()).toEqual(expected);
  });
});
