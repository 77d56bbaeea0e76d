import { describe, expect, it } from 'vitest';
import { OccupationCoder, type CoderLabel } from './occupation-coder.js';

const occupation = (id: string, language: string, label: string, isTitle = true): CoderLabel => ({
  occupationId: id,
  iscoCode: null,
  language,
  label,
  isTitle,
});
const group = (code: string, language: string, label: string): CoderLabel => ({
  occupationId: null,
  iscoCode: code,
  language,
  label,
  isTitle: true,
});

const coder = OccupationCoder.build([
  group('7112', 'en', 'Bricklayers and related workers'),
  group('7112', 'es', 'Albañiles'),
  occupation('bricklayer', 'en', 'bricklayer'),
  occupation('bricklayer', 'es', 'albañil'),
  occupation('bricklayer', 'de', 'Maurer/Maurerin'),
  occupation('bricklayer', 'de', 'Maurer', false),
  occupation('stonemason', 'en', 'stonemason'),
  occupation('baker', 'en', 'baker'),
  occupation('doll-maker', 'en', 'doll maker'),
  occupation('nurse', 'fr', 'infirmier/infirmière'),
  occupation('nurse', 'ar', 'ممرض / ممرضة'),
  occupation('care', 'fr', 'aide-soignant/aide-soignante'),
  occupation('welder', 'de', 'Schweißer/Schweißerin'),
]);
const first = (query: string, language?: string) => coder.search(query, { language })[0];

describe('OccupationCoder', () => {
  it('prefers the occupation over its ISCO group, unless the query names the group', () => {
    expect(first('bricklayers')?.occupationId).toBe('bricklayer');
    // "Albañiles" is the group's own label: the query names the group.
    expect(first('ALBAÑILES', 'es')).toMatchObject({ occupationId: null, iscoCode: '7112' });
    expect(coder.search('ALBAÑILES', { language: 'es' })[1]?.occupationId).toBe('bricklayer');
  });

  it('finds a plural, a marker-laden title and a side of a gendered label', () => {
    expect(first('Stonemasons', 'en')?.occupationId).toBe('stonemason');
    expect(first('Maurer (m/w/d)', 'de')).toMatchObject({
      occupationId: 'bricklayer',
      why: { kind: 'exact', matchedWords: ['Maurer'], unmatchedWords: [] },
    });
    expect(first('infirmière', 'fr')?.why.kind).toBe('exact');
    expect(first('Schweißerin')?.occupationId).toBe('welder');
  });

  it('finds Arabic titles whatever their letter forms and article', () => {
    expect(first('الممرضة', 'ar')?.occupationId).toBe('nurse');
    expect(first('مُمَرِّضَه')?.occupationId).toBe('nurse');
  });

  it('never corrects a word that is spelt right, and says which typo it corrected', () => {
    expect(coder.search('baker').map((hit) => hit.occupationId)).toEqual(['baker']);
    expect(first('bakr')?.why).toMatchObject({
      kind: 'spelling',
      corrected: [{ from: 'bakr', to: 'baker' }],
    });
  });

  it('lists matched and unmatched words, and still answers a long title', () => {
    const hit = first('experienced bricklayer for residential building sites in the Gulf region');
    expect(hit?.occupationId).toBe('bricklayer');
    expect(hit?.why.matchedWords).toEqual(['bricklayer']);
    expect(hit?.why.unmatchedWords).toContain('Gulf');
  });

  it('answers the vocabulary questions of the vacancy search', () => {
    expect(coder.hasWord('Baker')).toBe(true);
    expect(coder.hasWord('maurer', 'de')).toBe(true);
    expect(coder.hasWord('maurer', 'en')).toBe(false);
    expect(coder.suggestWord('bakr')).toBe('baker');
    expect(coder.suggestWord('baker')).toBeNull();
    expect(coder.search('?!')).toEqual([]);
  });
});
