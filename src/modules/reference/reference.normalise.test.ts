import { describe, expect, it } from 'vitest';
import { normaliseSearchText } from './reference.normalise.js';

describe('normaliseSearchText', () => {
  it.each([
    ['Infirmière', 'infirmiere'],
    ['INFIRMIER', 'infirmier'],
    ['  électricien / électricienne ', 'electricien electricienne'],
    ["chef d'équipe", 'chef d equipe'],
    ['Gesundheits- und Krankenpfleger', 'gesundheits und krankenpfleger'],
    ['Straßenbauer', 'strassenbauer'],
    ['pielęgniarka, położna', 'pielegniarka polozna'],
    ['sœur', 'soeur'],
    ['asistent medical (ﬁnanțe)', 'asistent medical finante'],
    ['Медицинска сестра', 'meditsinska sestra'],
    ['ICT-ontwikkelaar', 'ict ontwikkelaar'],
    ['R&D manager_2', 'r d manager 2'],
  ])('%s → %s', (text, expected) => {
    expect(normaliseSearchText(text)).toBe(expected);
  });

  it('keeps letters of scripts it does not transliterate, without their vowel marks', () => {
    expect(normaliseSearchText('مُمَرِّضة')).toBe('ممرضة');
    expect(normaliseSearchText('护士 (医院)')).toBe('护士 医院');
  });

  it('gives an empty string for punctuation only', () => {
    expect(normaliseSearchText(' -/.,;:!?()[]"\'… ')).toBe('');
    expect(normaliseSearchText('')).toBe('');
  });

  it('is idempotent', () => {
    for (const text of ['Infirmière anesthésiste', 'Медицинска сестра', 'Straße']) {
      const once = normaliseSearchText(text);
      expect(normaliseSearchText(once)).toBe(once);
    }
  });
});
