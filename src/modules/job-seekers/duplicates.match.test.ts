import { describe, expect, it } from 'vitest';
import {
  birthDatesCompatible,
  nameKey,
  nameWords,
  sameNamesAndBirthDate,
  type NamedPerson,
} from './duplicates.match.js';

const person = (overrides: Partial<NamedPerson>): NamedPerson => ({
  givenNames: '',
  familyName: '',
  givenNamesLatin: '',
  familyNameLatin: '',
  birthDate: '1992-03-14',
  ...overrides,
});

describe('duplicate registrations: names and date of birth', () => {
  it('reads a name as words without case, diacritics, punctuation or doubled letters', () => {
    expect(nameWords('  José-María  DE LA Cruz ')).toEqual(['jose', 'maria', 'de', 'la', 'cruz']);
    expect(nameWords('Mohammed')).toEqual(nameWords('MOHAMED'));
    expect(nameWords("N'Golo")).toEqual(['n', 'golo']);
  });

  it('matches the same person typed in Devanagari and in Latin letters, names in either order', () => {
    const first = person({
      givenNames: 'सीता',
      familyName: 'थापा',
      givenNamesLatin: 'Sita',
      familyNameLatin: 'Thapa',
    });
    const second = person({ givenNamesLatin: 'THAPA', familyNameLatin: 'Sītā', birthDate: '1992' });
    expect(sameNamesAndBirthDate(first, second)).toBe(true);
  });

  it('matches a mononym typed as a given name and as a family name', () => {
    const first = person({ givenNames: 'সুমাইয়া', givenNamesLatin: 'Sumaiya' });
    const second = person({ familyNameLatin: 'sumaiya' });
    expect(sameNamesAndBirthDate(first, second)).toBe(true);
  });

  it('uses names written in Latin letters when the Latin form is empty, never Arabic ones', () => {
    expect(nameKey(person({ givenNames: 'Maria Luz', familyName: 'Santos' }))).toBe(
      'luz maria santos',
    );
    expect(nameKey(person({ givenNames: 'أحمد', familyName: 'حسن' }))).toBe('');
  });

  it('does not match different names, incompatible dates, or a missing date', () => {
    const base = person({ givenNamesLatin: 'Amina', familyNameLatin: 'Otieno' });
    expect(sameNamesAndBirthDate(base, { ...base, givenNamesLatin: 'Aminata' })).toBe(false);
    expect(sameNamesAndBirthDate(base, { ...base, birthDate: '1992-04' })).toBe(false);
    expect(sameNamesAndBirthDate(base, { ...base, birthDate: null })).toBe(false);
    expect(sameNamesAndBirthDate(person({}), person({}))).toBe(false);
  });

  it('treats partial dates as compatible when one starts the other', () => {
    expect(birthDatesCompatible('1990', '1990-05-12')).toBe(true);
    expect(birthDatesCompatible('1990-05-12', '1990-05')).toBe(true);
    expect(birthDatesCompatible('1990-05', '1990-06-01')).toBe(false);
    expect(birthDatesCompatible('1990-05-12', '1990-05-13')).toBe(false);
  });
});
