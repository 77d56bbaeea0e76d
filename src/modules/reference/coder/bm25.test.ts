import { describe, expect, it } from 'vitest';
import { Bm25Builder } from './bm25.js';

function index(docs: string[][]) {
  const builder = new Bm25Builder();
  for (const doc of docs) builder.add(doc.map((term) => builder.termId(term)));
  return builder.build({ k1: 1.2, b: 0.75 });
}

function search(built: ReturnType<typeof index>, groups: string[][], factors?: number[][]) {
  const scores = new Map<number, number>();
  built.search(
    groups.map((group, g) =>
      group.flatMap((term, t) => {
        const id = built.term(term);
        return id === undefined ? [] : [{ term: id, factor: factors?.[g]?.[t] ?? 1 }];
      }),
    ),
    (doc, score) => scores.set(doc, score),
  );
  return scores;
}

describe('Bm25Index', () => {
  const built = index([
    ['nurse'],
    ['nurse', 'assistant'],
    ['welder'],
    ['assistant', 'cook'],
    ['assistant', 'teacher'],
  ]);

  it('scores rare words above common ones and short labels above long ones', () => {
    const scores = search(built, [['nurse'], ['assistant']]);
    expect([...scores.keys()].sort()).toEqual([0, 1, 3, 4]);
    expect(scores.get(1)).toBeGreaterThan(scores.get(0)!);
    expect(scores.get(0)).toBeGreaterThan(scores.get(3)!);
    const alone = search(built, [['nurse']]);
    expect(alone.get(0)).toBeGreaterThan(alone.get(1)!);
  });

  it('counts only the best term of a group (a word and its stem match once)', () => {
    const once = search(built, [['nurse']]).get(0)!;
    const both = search(built, [['nurse', 'nurse']]).get(0)!;
    expect(both).toBeCloseTo(once);
    const half = search(built, [['nurse']], [[0.5]]).get(0)!;
    expect(half).toBeCloseTo(once / 2);
  });

  it('is the same on a second search (its scratch space is reset)', () => {
    const first = search(built, [['cook'], ['assistant']]);
    const second = search(built, [['cook'], ['assistant']]);
    expect(second).toEqual(first);
    expect(search(built, [['pilot']]).size).toBe(0);
  });
});
