import { normaliseIdentifier } from '../../platform/text/identifiers.js';
import {
  CEFR_LEVELS,
  ISCED_MAX,
  type CefrLevel,
  type SchemeDefinition,
} from './scheme.definition.js';
import type { Answers } from './scheme.scoring.js';

/**
 * Reads a person's answers from the flat fields of the self-assessment form (or of the API's
 * body, flattened the same way), checking each against what the scheme asks: every problem is
 * named by its field and a locale key. Pure.
 *
 * Fields: age, educationLevel, experienceYears; lang_<code> (a CEFR level or 'none');
 * jobOffer ('yes' | 'no'); cond_<id> ('yes' | 'no'); occupation ('<isco>' or '<isco>:<esco>')
 * with occupationText (the words the person used).
 */

export type Step = 'about' | 'more' | 'occupation';
export const STEPS: readonly Step[] = ['about', 'more', 'occupation'];

export interface AnswerProblem {
  field: string;
  key: string;
  values?: Record<string, number>;
}

export type Fields = Record<string, unknown>;

const E = 'eligibility.errors.';

/** The steps this scheme asks, in order (a scheme without occupations has no occupation step). */
export function stepsOf(definition: SchemeDefinition): Step[] {
  const c = definition.criteria;
  const more = (c.languages?.length ?? 0) > 0 || !!c.jobOffer || (c.conditions?.length ?? 0) > 0;
  return [
    'about',
    ...(more ? (['more'] as const) : []),
    ...(c.occupation ? (['occupation'] as const) : []),
  ];
}

function text(fields: Fields, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value.trim() : '';
}

function wholeNumber(
  fields: Fields,
  name: string,
  limits: { max: number; missing: string; invalid: string; missingValues?: Record<string, number> },
  problems: AnswerProblem[],
): number {
  const raw = normaliseIdentifier(text(fields, name));
  if (!raw) {
    problems.push({ field: name, key: limits.missing, values: limits.missingValues ?? {} });
    return 0;
  }
  if (!/^[0-9]{1,3}$/.test(raw) || Number(raw) > limits.max) {
    problems.push({ field: name, key: limits.invalid, values: { min: 0, max: limits.max } });
    return 0;
  }
  return Number(raw);
}

function yesNo(fields: Fields, name: string, missing: string, problems: AnswerProblem[]): boolean {
  const value = text(fields, name);
  if (value === 'yes') return true;
  if (value !== 'no') problems.push({ field: name, key: missing });
  return false;
}

/** The occupation field's value: `2221` or `2221:2221.1`. */
export function parseOccupation(
  value: string,
): { iscoCode: string; escoCode: string | null } | null {
  const match = /^([0-9]{4})(?::([0-9]{4}(?:\.[0-9]{1,3})+))?$/.exec(value);
  if (!match?.[1]) return null;
  return { iscoCode: match[1], escoCode: match[2] ?? null };
}

/**
 * The answers of the steps up to `upTo` (inclusive); the rest stay at their neutral value.
 * `occupationKnown` says whether an ISCO unit group exists (the reference data's).
 */
export function readAnswers(
  definition: SchemeDefinition,
  fields: Fields,
  upTo: Step,
): { answers: Answers; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const c = definition.criteria;
  const steps = stepsOf(definition);
  const reach = STEPS.indexOf(upTo);
  const asked = (step: Step) => steps.includes(step) && STEPS.indexOf(step) <= reach;
  const answers: Answers = {
    age: 0,
    educationLevel: 0,
    experienceYears: 0,
    languageLevels: {},
    jobOffer: false,
    occupation: null,
    conditions: {},
  };

  answers.age = wholeNumber(
    fields,
    'age',
    { max: 120, missing: `${E}enterAge`, invalid: `${E}ageRange` },
    problems,
  );
  const education = text(fields, 'educationLevel');
  if (!/^[0-9]$/.test(education) || Number(education) > ISCED_MAX)
    problems.push({ field: 'educationLevel', key: `${E}selectEducation` });
  else answers.educationLevel = Number(education);
  answers.experienceYears = wholeNumber(
    fields,
    'experienceYears',
    {
      max: 60,
      missing: `${E}enterExperience`,
      invalid: `${E}experienceRange`,
      missingValues: { none: 0 },
    },
    problems,
  );

  if (asked('more')) {
    for (const language of c.languages ?? []) {
      const field = `lang_${language.language}`;
      const level = text(fields, field);
      if (level === 'none' || (CEFR_LEVELS as readonly string[]).includes(level))
        answers.languageLevels[language.language] = level as CefrLevel | 'none';
      else problems.push({ field, key: `${E}selectLanguageLevel` });
    }
    if (c.jobOffer) answers.jobOffer = yesNo(fields, 'jobOffer', `${E}selectJobOffer`, problems);
    for (const condition of c.conditions ?? []) {
      const field = `cond_${condition.id}`;
      answers.conditions[condition.id] = yesNo(fields, field, `${E}selectCondition`, problems);
    }
  }

  if (asked('occupation')) {
    const value = text(fields, 'occupation');
    const words = text(fields, 'occupationText').slice(0, 200);
    if (value === 'none') answers.occupation = null;
    else {
      const parsed = parseOccupation(value);
      if (!parsed) problems.push({ field: 'occupation', key: `${E}selectOccupation` });
      else answers.occupation = { ...parsed, title: words };
    }
  }
  return { answers, problems };
}

/** The answers as form fields again, to carry them from step to step in hidden inputs. */
export function answerFields(
  definition: SchemeDefinition,
  fields: Fields,
  upTo: Step,
): Record<string, string> {
  const names = ['age', 'educationLevel', 'experienceYears'];
  if (STEPS.indexOf(upTo) >= STEPS.indexOf('more')) {
    for (const language of definition.criteria.languages ?? [])
      names.push(`lang_${language.language}`);
    if (definition.criteria.jobOffer) names.push('jobOffer');
    for (const condition of definition.criteria.conditions ?? [])
      names.push(`cond_${condition.id}`);
  }
  return Object.fromEntries(names.map((name) => [name, text(fields, name).slice(0, 20)]));
}
