import { describe, expect, it } from 'vitest';
import { SpellingVocabulary } from './search-spelling.js';

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
