import { describe, expect, it } from 'vitest';
import { grams, NgramVocabulary } from './ngrams.js';

const vocabulary = new NgramVocabulary([
  'baker',
  'maker',
  'doll',
  'harp',
  'soap',
  'bar',
  'electrician',
  'electrical',
  'lackierer',
  'krankenpfleger',
  'pfleger',
  'imprenditore',
  'imprenditori',
  'apicoltore',
  'agricoltura',
  'apicultura',
]);

describe('grams', () => {
  it('gives the 3- and 4-grams of the word with its boundaries', () => {
    expect(grams('bar')).toEqual(['^ba', 'bar', 'ar$', '^bar', 'bar$']);
  });
});

describe('NgramVocabulary', () => {
  it('never corrects a word that is in the vocabulary', () => {
    expect(vocabulary.neighbours('baker').filter((n) => n.kind === 'spelling')).toEqual([]);
    expect(vocabulary.neighbours('apicultura').filter((n) => n.kind === 'spelling')).toEqual([]);
    expect(vocabulary.suggest('baker')).toBeNull();
  });

  it('corrects a typo within the allowance', () => {
    expect(vocabulary.suggest('electricain')).toBe('electrician');
    expect(vocabulary.suggest('bakr')).toBe('baker');
    expect(vocabulary.suggest('zzqxw')).toBeNull();
  });

  it('finds compound parts, the head first', () => {
    const [part] = vocabulary.neighbours('fahrzeuglackierer');
    expect(part).toMatchObject({ word: 'lackierer', kind: 'partial' });
    const compounds = vocabulary.neighbours('pfleger');
    expect(compounds.map((n) => n.word)).toContain('krankenpfleger');
  });

  it('finds other endings of the same word', () => {
    const [other] = vocabulary.neighbours('imprenditori');
    expect(other).toMatchObject({ word: 'imprenditore', kind: 'inflection' });
  });
});
