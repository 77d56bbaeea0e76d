import { describe, expect, it } from 'vitest';
import { allowedEdits, editDistance, SpellingVocabulary } from './search-spelling.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('nurse', 'nurse', 2)).toBe(0);
    expect(editDistance('nurze', 'nurse', 2)).toBe(1);
    expect(editDistance('nurs', 'nurse', 2)).toBe(1);
    expect(editDistance('nursse', 'nurse', 2)).toBe(1);
    expect(editDistance('electricain', 'electrician', 2)).toBe(1);
    expect(editDistance('plombeir', 'plombier', 2)).toBe(1);
    expect(editDistance('carpinter', 'carpenter', 2)).toBe(1);
    expect(editDistance('elektrishan', 'electrician', 3)).toBe(3);
    expect(editDistance('ممرضه', 'ممرضة', 2)).toBe(1);
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
      expect(editDistance(a, b, limit), `${a} ${b} ${limit}`).toBe(Math.min(slow(a, b), limit + 1));
    }
  });
});

describe('SpellingVocabulary', () => {
  const counts: Record<string, number> = {
    nurse: 40,
    purse: 2,
    electrician: 12,
    plombier: 3,
    welder: 9,
    cook: 30,
    cool: 1,
    orphan: 0,
  };
  const weight = (word: string) => counts[word] ?? 0;
  const vocabulary = new SpellingVocabulary();
  for (const word of Object.keys(counts)) vocabulary.add(word);

  it('corrects by one edit up to seven letters, two from eight, never under four', () => {
    expect(allowedEdits(3)).toBe(0);
    expect(allowedEdits(4)).toBe(1);
    expect(allowedEdits(7)).toBe(1);
    expect(allowedEdits(8)).toBe(2);
    expect(vocabulary.closest('nurze', weight)).toBe('nurse');
    expect(vocabulary.closest('electricain', weight)).toBe('electrician');
    expect(vocabulary.closest('elecrtcian', weight)).toBe('electrician');
    expect(vocabulary.closest('plombeir', weight)).toBe('plombier');
    expect(vocabulary.closest('wilder', weight)).toBe('welder');
    // Too far, or too short to guess.
    expect(vocabulary.closest('wildr', weight)).toBeNull();
    expect(vocabulary.closest('coo', weight)).toBeNull();
  });

  it('prefers the nearest word, then the one that finds more vacancies', () => {
    // "nurse" and "purse" are both one edit from "gurse": "nurse" finds more.
    expect(vocabulary.closest('gurse', weight)).toBe('nurse');
    // "cook" (30) and "cool" (1) are both one edit from "cood".
    expect(vocabulary.closest('cood', weight)).toBe('cook');
  });

  it('never offers a word that finds nothing', () => {
    expect(vocabulary.closest('orphon', weight)).toBeNull();
  });
});
