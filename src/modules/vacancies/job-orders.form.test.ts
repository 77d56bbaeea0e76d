import { describe, expect, it } from 'vitest';
import { parseForm } from '../../platform/http/forms.js';
import {
  chosenSkills,
  FORM_ANCHOR,
  jobOrderToForm,
  readJobOrderForm,
  rowCounts,
} from './job-orders.form.js';
import { jobOrderSchema, type JobOrderInput } from './job-orders.schemas.js';

const t = (key: string) => key;
const SKILL_A = '0b8a5b6e-1f3c-4c1e-9a55-3a4c6e6d7f10';
const SKILL_B = '1c9b6c7f-2a4d-4d2f-8b66-4b5d7f7e8a21';
const EMPLOYER = '7f0c9a2e-5b1d-4e3f-9a8b-6c5d4e3f2a1b';
const NURSE = '8d3e8aaa-791b-4c75-a465-f3f827028f50';

/** A filled-in page, as the browser posts it. */
const posted = {
  _csrf: 'token',
  employerId: EMPLOYER,
  destinationCountry: 'AE',
  destinationSubdivision: 'AE-DU',
  occupation: NURSE,
  language: 'en',
  title: 'Staff nurse',
  description: 'Adult ward, Dubai.',
  translationLanguage1: 'fr',
  translationTitle1: 'Infirmière',
  translationDescription1: 'Service adultes, Dubaï.',
  skill: [`essential:${SKILL_A}`, `optional:${SKILL_B}`],
  minEducation: '6',
  language1: 'en',
  level1: 'B2',
  language2: '',
  level2: '',
  language3: 'ar',
  level3: 'A2',
  experienceMonths: '24',
  positions: '3',
  contractMonths: '24',
  wageAmount: '7 500.00',
  wageCurrency: 'aed',
  wagePeriod: 'month',
  hoursPerWeek: '48',
  benefitHousing: 'yes',
  benefitInsurance: 'yes',
  benefitsNote: '',
  applicationDeadline: '2099-01-31',
};

const parse = (body: unknown) => {
  const form = readJobOrderForm(body);
  return { form, result: parseForm(jobOrderSchema, form.input, t) };
};

describe('the job-order form', () => {
  it('becomes the nested input the JSON API takes, and validates with the same schema', () => {
    const { result } = parse(posted);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual<JobOrderInput>({
      employerId: EMPLOYER,
      destinationCountry: 'AE',
      destinationSubdivision: 'AE-DU',
      occupation: NURSE,
      language: 'en',
      title: 'Staff nurse',
      description: 'Adult ward, Dubai.',
      translations: [
        { language: 'fr', title: 'Infirmière', description: 'Service adultes, Dubaï.' },
      ],
      skills: [
        { skillId: SKILL_A, essential: true },
        { skillId: SKILL_B, essential: false },
      ],
      minEducation: '6',
      languages: [
        { language: 'en', level: 'B2' },
        { language: 'ar', level: 'A2' },
      ],
      experienceMonths: 24,
      positions: 3,
      contractMonths: 24,
      wage: { amount: '7500.00', currency: 'AED', period: 'month' },
      hoursPerWeek: 48,
      benefits: { housing: true, food: false, transport: false, insurance: true },
      applicationDeadline: '2099-01-31',
    });
  });

  it('reads a decimal comma in the wage and the hours, and refuses an ambiguous wage', () => {
    const { result } = parse({ ...posted, wageAmount: '1500,50', hoursPerWeek: '40,5' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data.wage.amount).toBe('1500.50');
    expect(result.data.hoursPerWeek).toBe(40.5);
    const grouped = parse({ ...posted, wageAmount: '1\u00A0500,50' }).result;
    expect(grouped.ok && grouped.data.wage.amount).toBe('1500.50');
    const english = parse({ ...posted, wageAmount: '1,500.50' }).result;
    expect(english.ok && english.data.wage.amount).toBe('1500.50');
    for (const wageAmount of ['1,5,0', '1.500,50.2']) {
      const { form, result: refused } = parse({ ...posted, wageAmount });
      expect(refused.ok ? [] : form.errors(refused.errors)).toEqual([
        { field: 'wageAmount', text: 'jobOrders.errors.wageSeparators' },
      ]);
    }
  });

  it('comes back from the input unchanged (the edit form is filled from it)', () => {
    const first = parse(posted).result;
    if (!first.ok) throw new Error('expected a valid form');
    const again = parse(jobOrderToForm(first.data)).result;
    expect(again).toEqual(first);
    const flat = jobOrderToForm(first.data);
    expect(flat).toMatchObject({ wageAmount: '7500.00', benefitHousing: 'yes', level2: 'A2' });
    expect(flat.benefitFood).toBeUndefined();
    expect(chosenSkills(flat)).toEqual(new Set(posted.skill));
  });

  it('names the input of each problem, from zod paths and from service pointers alike', () => {
    const { form, result } = parse({
      ...posted,
      wageAmount: 'lots',
      positions: '0',
      level3: '',
      translationTitle1: '',
      applicationDeadline: '31/01/2099',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Row 2 was left empty, so the third row is the second language: its input is level3.
    expect(form.errors(result.errors).map((error) => error.field)).toEqual([
      'translationTitle1',
      'level3',
      'positions',
      'wageAmount',
      'applicationDeadline',
    ]);
    expect(form.fieldOf('/wage/amount')).toBe('wageAmount');
    expect(form.fieldOf('/wage/currency')).toBe('wageCurrency');
    expect(form.fieldOf('/languages')).toBe('language1');
    expect(form.fieldOf('/languages/1/language')).toBe('language3');
    expect(form.fieldOf('/skills')).toBe('skills');
    expect(form.fieldOf('skills.0.skillId')).toBe('skills');
    expect(form.fieldOf('/benefits/note')).toBe('benefitsNote');
    expect(form.fieldOf('/destinationSubdivision')).toBe('destinationSubdivision');
    expect(form.fieldOf('/agency')).toBe('agency');
    expect(form.fieldOf('/event')).toBe(FORM_ANCHOR);
    expect(form.fieldOf('form')).toBe(FORM_ANCHOR);
  });

  it('keeps one error per input', () => {
    const { form } = parse(posted);
    expect(
      form.errors([
        { field: 'languages', text: 'duplicate' },
        { field: 'languages.0.language', text: 'unknown' },
        { field: 'wage/amount', text: 'below' },
      ]),
    ).toEqual([
      { field: 'language1', text: 'duplicate' },
      { field: 'wageAmount', text: 'below' },
    ]);
  });

  it('refuses hostile shapes with field errors, never a throw', () => {
    for (const body of [
      null,
      'title=x',
      [],
      { title: ['one', 'two'], skill: 'not-a-skill', wageAmount: ['1', '2'], language1: 'xx' },
      { ...posted, skill: `essential:${'x'.repeat(5000)}`, hoursPerWeek: '1e400' },
    ]) {
      const { form, result } = parse(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(form.errors(result.errors).length).toBeGreaterThan(0);
    }
  });

  it('draws the rows in use plus room for another language', () => {
    expect(rowCounts({})).toEqual({ languages: 3, translations: 1 });
    expect(rowCounts({ language4: 'en', translationTitle2: 'x' })).toEqual({
      languages: 5,
      translations: 2,
    });
  });
});
