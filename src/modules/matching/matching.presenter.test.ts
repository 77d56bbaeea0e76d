import { describe, expect, it } from 'vitest';
import { formatters } from '../../platform/i18n/format.js';
import { Translator } from '../../platform/i18n/translator.js';
import type { Improvement, Reason } from './matching.types.js';
import {
  cefrCode,
  duration,
  presentImprovements,
  presentReasons,
  type PresentContext,
  type ReasonNames,
} from './matching.presenter.js';

const translator = new Translator();

const NAMES: Record<'en' | 'ar', { occupation: string; french: string; qatar: string }> = {
  en: { occupation: 'welder', french: 'French', qatar: 'Qatar' },
  ar: { occupation: 'لحّام', french: 'الفرنسية', qatar: 'قطر' },
};

function context(language: 'en' | 'ar'): PresentContext {
  const names: ReasonNames = {
    occupation: (o) => (o.escoId || o.iscoCode ? NAMES[language].occupation : null),
    // ESCO skills exist in English only.
    skill: (id) => (id === 'skill-weld' ? 'TIG welding' : id),
    language: (code) => (code === 'fr' ? NAMES[language].french : code),
    country: (code) => (code === 'QA' ? NAMES[language].qatar : code),
  };
  return { t: translator.forLanguage(language), fmt: formatters(language), names };
}

const FSI = '\u2068';
const PDI = '\u2069';
const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

const occupation = (fit: Extract<Reason, { code: 'occupation' }>['fit']): Reason => ({
  code: 'occupation',
  fit,
  escoId: 'esco-welder',
  iscoCode: '7212',
});

const EVERY_REASON: Reason[] = [
  occupation('same'),
  occupation('unit'),
  occupation('related'),
  occupation('minor'),
  occupation('none'),
  { code: 'occupation', fit: 'related', escoId: null, iscoCode: null },
  { code: 'essentialSkills', have: 4, of: 5, missing: ['skill-weld'] },
  { code: 'optionalSkills', have: 1, of: 1 },
  { code: 'language', language: 'fr', required: 4, have: 3 },
  { code: 'language', language: 'fr', required: 4, have: null },
  { code: 'education', required: 3, have: 1 },
  { code: 'education', required: 3, have: null },
  { code: 'experience', requiredMonths: 24, months: 12 },
  { code: 'destination', preferred: true, country: 'QA' },
  { code: 'destination', preferred: false, country: 'QA' },
  { code: 'availability', availableFrom: null, deadline: '2027-01-31', inTime: true },
  { code: 'availability', availableFrom: '2027-03-01', deadline: '2027-01-31', inTime: false },
];

const EVERY_IMPROVEMENT: Improvement[] = [
  { code: 'skill', skillId: 'skill-weld' },
  { code: 'language', language: 'fr', level: 4 },
  { code: 'education', level: 3 },
  { code: 'experience', months: 12 },
  { code: 'occupation', escoId: 'esco-welder', iscoCode: null },
  { code: 'occupation', escoId: null, iscoCode: null },
];

describe('matching presenter: reasons in English', () => {
  const seeker = presentReasons(EVERY_REASON, 'seeker', context('en'));
  const employer = presentReasons(EVERY_REASON, 'employer', context('en'));
  const texts = seeker.map((reason) => reason.text);

  it('words every reason code, in the seeker’s voice', () => {
    expect(texts).toEqual([
      'Same occupation: welder',
      'Same occupation group: welder',
      'Related occupation: welder',
      'Similar kind of work: welder',
      'A different occupation',
      'Related occupation',
      '4 of 5 essential skills',
      '1 of 1 optional skill',
      'French B2 required, you have B1',
      'French B2 required, not in your profile',
      'Education: upper secondary education required, you have primary education',
      'Education: upper secondary education required, not in your profile',
      '2 years of experience required, you have 1 year',
      'A preferred destination: Qatar',
      'Not a preferred destination: Qatar',
      'Available by the deadline',
      'Available from Mar 1, 2027, after the deadline (Jan 31, 2027)',
    ]);
  });

  it('and in the employer’s', () => {
    expect(employer[8]!.text).toBe('French B2 required, has B1');
    expect(employer[9]!.text).toBe('French B2 required, not in the profile');
    expect(employer[10]!.text).toBe(
      'Education: upper secondary education required, has primary education',
    );
    expect(employer[12]!.text).toBe('2 years of experience required, has 1 year');
    // The voices differ only where a person is spoken of.
    expect(employer[0]!.text).toBe(seeker[0]!.text);
  });

  it('says which reasons speak for the match', () => {
    expect(seeker.map((reason) => reason.met)).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      true,
      false,
    ]);
  });

  it('words every improvement', () => {
    const improvements = presentImprovements(EVERY_IMPROVEMENT, context('en'), {
      escoId: 'esco-welder',
      iscoCode: '7212',
    });
    expect(improvements.map((item) => item.text)).toEqual([
      'Learn: TIG welding',
      'Reach French B2',
      'Complete upper secondary education',
      'Gain 1 year more experience as welder',
      'Add the work you want: welder',
      'Add this vacancy’s occupation to the work you want',
    ]);
    expect(presentImprovements([{ code: 'experience', months: 18 }], context('en'))[0]!.text).toBe(
      'Gain 1 year and 6 months more experience',
    );
  });

  it('formats numbers with the reader’s formatter', () => {
    const [big] = presentReasons(
      [{ code: 'essentialSkills', have: 1200, of: 1500, missing: [] }],
      'seeker',
      context('en'),
    );
    expect(big!.text).toBe('1,200 of 1,500 essential skills');
  });
});

describe('matching presenter: reasons in Arabic', () => {
  const ctx = context('ar');
  const seeker = presentReasons(EVERY_REASON, 'seeker', ctx);
  const employer = presentReasons(EVERY_REASON, 'employer', ctx);

  it('words every reason code in Arabic, names isolated, CEFR codes as is', () => {
    for (const reason of [...seeker, ...employer]) {
      expect(reason.text).toMatch(/[\u0600-\u06ff]/);
      expect(reason.text).not.toMatch(/matching\./);
    }
    expect(strip(seeker[0]!.text)).toBe('المهنة نفسها: لحّام');
    expect(seeker[0]!.text).toContain(`${FSI}لحّام${PDI}`);
    expect(strip(seeker[8]!.text)).toBe('مطلوب الفرنسية بمستوى B2، ولديك B1');
    expect(seeker[8]!.text).toContain(`${FSI}B2${PDI}`);
    expect(strip(employer[8]!.text)).toBe('مطلوب الفرنسية بمستوى B2، ولديه B1');
    expect(strip(seeker[13]!.text)).toBe('وجهة مفضّلة: قطر');
    expect(strip(seeker[15]!.text)).toBe('متاح قبل الموعد النهائي');
  });

  it('writes numbers in Arabic digits', () => {
    const text = strip(seeker[6]!.text);
    expect(text).toMatch(/^المهارات الأساسية: /);
    expect(text).toContain(new Intl.NumberFormat('ar').format(4));
    expect(text).toContain(new Intl.NumberFormat('ar').format(5));
  });

  it('isolates an English skill label in an Arabic sentence', () => {
    const [skill] = presentImprovements(EVERY_IMPROVEMENT, ctx);
    expect(skill!.text).toBe(`تعلّم: ${FSI}TIG welding${PDI}`);
  });

  it('words every improvement in Arabic', () => {
    const texts = presentImprovements(EVERY_IMPROVEMENT, ctx, {
      escoId: 'esco-welder',
      iscoCode: null,
    }).map((item) => strip(item.text));
    expect(texts).toEqual([
      'تعلّم: TIG welding',
      'بلوغ مستوى B2 في الفرنسية',
      'إكمال التعليم الثانوي',
      'اكتساب سنة واحدة إضافية من الخبرة في لحّام',
      'أضف العمل الذي تريده: لحّام',
      'أضف مهنة هذه الوظيفة إلى العمل الذي تريده',
    ]);
  });
});

describe('matching presenter: helpers', () => {
  it('gives CEFR ranks as codes', () => {
    expect([1, 2, 3, 4, 5, 6].map(cefrCode)).toEqual(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
  });

  it('gives whole years as years, else months', () => {
    const t = translator.forLanguage('en');
    expect(duration(t, 24)).toBe('2 years');
    expect(duration(t, 7)).toBe('7 months');
    expect(duration(t, 127)).toBe('10 years and 7 months');
    expect(duration(t, 0)).toBe('0 months');
  });
});
