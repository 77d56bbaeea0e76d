import { describe, expect, it } from 'vitest';
import { completeness, type CompletenessInput } from './completeness.js';

const empty: CompletenessInput = {
  stepsSaved: [],
  hasName: false,
  hasBirthDate: false,
  hasNationality: false,
  documentCount: 0,
  educationCount: 0,
  experienceCount: 0,
  occupationCount: 0,
  skillCount: 0,
  languageCount: 0,
  destinationCount: 0,
};

describe('completeness', () => {
  it('is 0 with nothing and names every step missing', () => {
    const c = completeness(empty);
    expect(c.percent).toBe(0);
    expect(c.missing).toHaveLength(9);
  });

  it('counts bio data only with a name, a birth date and a nationality', () => {
    expect(completeness({ ...empty, hasName: true }).done).not.toContain('bio');
    const c = completeness({ ...empty, hasName: true, hasBirthDate: true, hasNationality: true });
    expect(c.done).toEqual(['bio']);
    expect(c.percent).toBe(11);
  });

  it('accepts an education or experience step saved with no entry', () => {
    const c = completeness({ ...empty, stepsSaved: ['education', 'experience', 'skills'] });
    expect(c.done).toEqual(['education', 'experience']);
  });

  it('is 100 only when every step is done', () => {
    const full: CompletenessInput = {
      stepsSaved: ['visibility'],
      hasName: true,
      hasBirthDate: true,
      hasNationality: true,
      documentCount: 1,
      educationCount: 1,
      experienceCount: 1,
      occupationCount: 1,
      skillCount: 3,
      languageCount: 2,
      destinationCount: 1,
    };
    expect(completeness(full)).toMatchObject({ percent: 100, missing: [] });
    expect(completeness({ ...full, stepsSaved: [] }).percent).toBe(88);
  });
});
