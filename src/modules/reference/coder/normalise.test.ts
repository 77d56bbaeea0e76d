import { describe, expect, it } from 'vitest';
import { contentWords, foldArabic, foldWord, words } from './normalise.js';

const folded = (text: string) => contentWords(words(text)).map((w) => w.folded);

describe('words', () => {
  it('drops classification markers in each language', () => {
    expect(folded('Maurer (m/w/d)')).toEqual(['maurer']);
    expect(folded('Maçon (h/f/x)')).toEqual(['macon']);
    expect(folded('Verpleegkundige (m/v/x)')).toEqual(['verpleegkundige']);
    expect(folded('Metalworkers n.e.c.')).toEqual(['metalworkers']);
    expect(folded('Hilfsarbeiter a.n.g.')).toEqual(['hilfsarbeiter']);
    expect(folded('Operai n.c.a.')).toEqual(['operai']);
  });

  it('spells out both forms of a gender slash', () => {
    expect(folded('Maurer/in')).toEqual(['maurer', 'maurerin']);
    expect(folded('Lehrer/-in')).toEqual(['lehrer', 'lehrerin']);
    expect(folded('cuoco/a')).toEqual(['cuoco', 'cuoca']);
    expect(folded('asistent/asistentă medical')).toEqual(['asistent', 'asistenta', 'medical']);
  });

  it('folds case and accents for matching but keeps the word as typed', () => {
    const [word] = words('ALBAÑILES');
    expect(word).toMatchObject({ typed: 'ALBAÑILES', lower: 'albañiles', folded: 'albaniles' });
    expect(foldWord('straße')).toBe('strasse');
    expect(foldWord('spawacz')).toBe('spawacz');
    expect(foldWord('kierowca-mechanik')).toBe('kierowca-mechanik');
  });

  it('splits on punctuation, hyphens and parentheses and drops stop words', () => {
    expect(folded('Kfz-Mechaniker (Pkw), Instandhaltung')).toEqual([
      'kfz',
      'mechaniker',
      'pkw',
      'instandhaltung',
    ]);
    expect(folded('Gesundheits- und Krankenpfleger')).toEqual(['gesundheits', 'krankenpfleger']);
    expect(folded('aide à domicile')).toEqual(['aide', 'domicile']);
    expect(folded('the and of')).toEqual(['the', 'and', 'of']);
  });
});

describe('Arabic', () => {
  it('unifies alef forms, yeh and alef maksura, taa marbuta; drops diacritics and tatweel', () => {
    expect(foldArabic('أمين')).toBe(foldArabic('امين'));
    expect(foldArabic('إداري')).toBe('اداري');
    expect(foldArabic('مستشفى')).toBe('مستشفي');
    expect(foldArabic('ممرضة')).toBe('ممرضه');
    expect(foldArabic('مُمَرِّضَة')).toBe('ممرضه');
    expect(foldArabic('مـمـرض')).toBe('ممرض');
  });

  it('strips the article, alone or after و ب ل ف ك', () => {
    expect(foldArabic('الممرض')).toBe('ممرض');
    expect(foldArabic('والممرض')).toBe('ممرض');
    expect(foldArabic('للممرض')).toBe('ممرض');
    // A short word is not cut to nothing.
    expect(foldArabic('الم')).toBe('الم');
  });
});
