import { describe, expect, it } from 'vitest';
import { DEMO_CAREGIVER, DEMO_SKILLED_WORKER } from './eligibility.demo-schemes.js';
import { readAnswers, stepsOf } from './scheme.answers.js';
import { schemeDefinitionSchema } from './scheme.definition.js';
import { assess, occupationListed, type Answers } from './scheme.scoring.js';

const engineer: Answers = {
  age: 30,
  educationLevel: 6,
  experienceYears: 5,
  languageLevels: { en: 'B2', ar: 'none' },
  jobOffer: false,
  occupation: { escoCode: null, iscoCode: '2142', title: 'civil engineer' },
  conditions: {},
};

const byKey = (result: ReturnType<typeof assess>) =>
  Object.fromEntries(result.criteria.map((c) => [c.key, c]));

describe('the demo schemes', () => {
  it('are valid definitions', () => {
    expect(schemeDefinitionSchema.safeParse(DEMO_SKILLED_WORKER).success).toBe(true);
    expect(schemeDefinitionSchema.safeParse(DEMO_CAREGIVER).success).toBe(true);
  });
});

describe('assess: points', () => {
  it('adds the points of each criterion and compares with the threshold', () => {
    // age 20 + education 20 + English 15 + Arabic 0 + experience 10 + no offer 0 = 65 ≥ 60
    const result = assess(DEMO_SKILLED_WORKER, engineer);
    expect(result.total).toBe(65);
    expect(result.threshold).toBe(60);
    expect(result.eligible).toBe(true);
    expect(byKey(result)['language:en']).toMatchObject({ met: true, points: 15, maxPoints: 20 });
    expect(byKey(result)['language:ar']).toMatchObject({ met: false, points: 0, maxPoints: 10 });
  });

  it('one point under the threshold is not eligible; exactly on it is', () => {
    const under = assess(DEMO_SKILLED_WORKER, { ...engineer, experienceYears: 4 }); // 60
    expect(under.total).toBe(60);
    expect(under.eligible).toBe(true);
    const below = assess(DEMO_SKILLED_WORKER, { ...engineer, experienceYears: 1 }); // 55
    expect(below.total).toBe(55);
    expect(below.eligible).toBe(false);
  });

  it('reads the age bands at their edges', () => {
    const points = (age: number) => byKey(assess(DEMO_SKILLED_WORKER, { ...engineer, age })).age;
    expect(points(17)).toMatchObject({ met: false, points: 0 });
    expect(points(18)).toMatchObject({ met: true, points: 10 });
    expect(points(24)).toMatchObject({ met: true, points: 10 });
    expect(points(25)).toMatchObject({ met: true, points: 20 });
    expect(points(34)).toMatchObject({ met: true, points: 20 });
    expect(points(35)).toMatchObject({ met: true, points: 10 });
    expect(points(55)).toMatchObject({ met: true, points: 0 });
    expect(points(56)).toMatchObject({ met: false, points: 0 });
  });

  it('a required criterion not met makes the person not eligible whatever the points', () => {
    const old = assess(DEMO_SKILLED_WORKER, { ...engineer, age: 56, jobOffer: true });
    expect(old.total).toBeGreaterThanOrEqual(60);
    expect(old.requiredMet).toBe(false);
    expect(old.eligible).toBe(false);
    const cook = assess(DEMO_SKILLED_WORKER, {
      ...engineer,
      occupation: { escoCode: null, iscoCode: '5120', title: 'cook' },
    });
    expect(byKey(cook).occupation).toMatchObject({ met: false, mode: 'required' });
    expect(cook.eligible).toBe(false);
  });

  it('hints at the next step up: a higher language level, more years, a job offer', () => {
    const result = assess(DEMO_SKILLED_WORKER, { ...engineer, experienceYears: 1 });
    expect(result.hints).toEqual(
      expect.arrayContaining([
        { key: 'jobOffer', kind: 'points', target: null, gain: 20 },
        { key: 'language:en', kind: 'points', target: 'C1', gain: 5 },
        { key: 'language:ar', kind: 'points', target: 'A2', gain: 5 },
        { key: 'experience', kind: 'points', target: 2, gain: 5 },
        { key: 'education', kind: 'points', target: 7, gain: 5 },
      ]),
    );
    // Biggest gain first; nothing about age or the occupation (not changes a reader makes).
    expect(result.hints[0]?.key).toBe('jobOffer');
    expect(result.hints.map((h) => h.key)).not.toContain('age');
  });

  it('no hint for a criterion already at its best', () => {
    const best = assess(DEMO_SKILLED_WORKER, {
      ...engineer,
      educationLevel: 8,
      languageLevels: { en: 'C2', ar: 'B2' },
      experienceYears: 20,
      jobOffer: true,
    });
    expect(best.hints).toEqual([]);
    expect(best.total).toBe(best.maxTotal);
  });
});

describe('assess: required criteria (caregiver)', () => {
  const carer: Answers = {
    age: 30,
    educationLevel: 2,
    experienceYears: 1,
    languageLevels: { en: 'A2' },
    jobOffer: true,
    occupation: { escoCode: null, iscoCode: '5322', title: 'carer' },
    conditions: { medical: true, orientation: true },
  };

  it('eligible when every required criterion is met (threshold 0)', () => {
    expect(assess(DEMO_CAREGIVER, carer)).toMatchObject({ eligible: true, total: 0, hints: [] });
  });

  it('each unmet requirement is named, with what would meet it', () => {
    const result = assess(DEMO_CAREGIVER, {
      ...carer,
      age: 20,
      languageLevels: { en: 'A1' },
      jobOffer: false,
      conditions: { medical: true, orientation: false },
    });
    expect(result.eligible).toBe(false);
    const unmet = result.criteria.filter((c) => !c.met).map((c) => c.key);
    expect(unmet).toEqual(['age', 'language:en', 'jobOffer', 'condition:orientation']);
    expect(result.hints).toEqual(
      expect.arrayContaining([
        { key: 'language:en', kind: 'required', target: 'A2', gain: 0 },
        { key: 'jobOffer', kind: 'required', target: null, gain: 0 },
        { key: 'condition:orientation', kind: 'required', target: null, gain: 0 },
      ]),
    );
  });
});

describe('occupation lists', () => {
  it('an ISCO code covers the groups under it; an ESCO code matches exactly', () => {
    const list = { iscoCodes: ['2', '72'], escoCodes: ['5322.1'] };
    expect(occupationListed(list, { iscoCode: '2221', escoCode: null, title: '' })).toBe(true);
    expect(occupationListed(list, { iscoCode: '7212', escoCode: null, title: '' })).toBe(true);
    expect(occupationListed(list, { iscoCode: '7311', escoCode: null, title: '' })).toBe(false);
    expect(occupationListed(list, { iscoCode: '5322', escoCode: '5322.1', title: '' })).toBe(true);
    expect(occupationListed(list, null)).toBe(false);
  });
});

describe('definitions refused', () => {
  it('names the problem: band order, ascending steps, empty occupation list, English name', () => {
    const bad = {
      ...DEMO_SKILLED_WORKER,
      name: { fr: 'Sans anglais' },
      criteria: {
        age: { mode: 'points', bands: [{ min: 40, max: 30, points: 1 }] },
        education: {
          mode: 'points',
          steps: [
            { minLevel: 6, points: 1 },
            { minLevel: 3, points: 2 },
          ],
        },
        occupation: { mode: 'required', points: 0, iscoCodes: [], escoCodes: [] },
      },
    };
    const parsed = schemeDefinitionSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        'eligibility.definition.ageBandOrder',
        'eligibility.definition.ascending',
        'eligibility.definition.occupationList',
        'eligibility.definition.text',
      ]),
    );
  });
});

describe('readAnswers', () => {
  it('asks each scheme only its own steps', () => {
    expect(stepsOf(DEMO_SKILLED_WORKER)).toEqual(['about', 'more', 'occupation']);
    const rest = {
      ...DEMO_SKILLED_WORKER.criteria,
      occupation: undefined,
      jobOffer: undefined,
      languages: undefined,
    };
    expect(stepsOf({ ...DEMO_SKILLED_WORKER, criteria: rest })).toEqual(['about']);
  });

  it('names every missing or wrong answer by its field', () => {
    const { problems } = readAnswers(
      DEMO_CAREGIVER,
      { age: '', educationLevel: '9', experienceYears: '61', lang_en: 'Z9', cond_medical: 'maybe' },
      'occupation',
    );
    expect(problems).toEqual([
      { field: 'age', key: 'eligibility.errors.enterAge', values: {} },
      { field: 'educationLevel', key: 'eligibility.errors.selectEducation' },
      {
        field: 'experienceYears',
        key: 'eligibility.errors.experienceRange',
        values: { min: 0, max: 60 },
      },
      { field: 'lang_en', key: 'eligibility.errors.selectLanguageLevel' },
      { field: 'jobOffer', key: 'eligibility.errors.selectJobOffer' },
      { field: 'cond_medical', key: 'eligibility.errors.selectCondition' },
      { field: 'cond_orientation', key: 'eligibility.errors.selectCondition' },
      { field: 'occupation', key: 'eligibility.errors.selectOccupation' },
    ]);
  });

  it('reads digits of any script and the occupation codes', () => {
    const { answers, problems } = readAnswers(
      DEMO_SKILLED_WORKER,
      {
        age: '٣٠',
        educationLevel: '6',
        experienceYears: '５',
        lang_en: 'B2',
        lang_ar: 'none',
        jobOffer: 'no',
        occupation: '2142:2142.1',
        occupationText: 'civil engineer',
      },
      'occupation',
    );
    expect(problems).toEqual([]);
    expect(answers).toMatchObject({ age: 30, experienceYears: 5 });
    expect(answers.occupation).toEqual({
      iscoCode: '2142',
      escoCode: '2142.1',
      title: 'civil engineer',
    });
  });
});
