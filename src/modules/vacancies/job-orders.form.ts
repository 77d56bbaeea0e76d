import type { FieldError } from '../../platform/http/forms.js';
import type { JobOrderInput } from './job-orders.schemas.js';

/**
 * The job-order page posts a flat, url-encoded form (`wageAmount`, `benefitHousing`, `skill`
 * checkboxes, numbered language and translation rows); the JSON API posts the nested shape.
 * These functions turn one into the other, so that the same zod schema (jobOrderSchema) and the
 * same service checks answer both, and they map the answer's field paths (zod's
 * `wage.amount`, the service's `/wage/amount`, `languages.0.level`) back to the form's inputs,
 * whose ids are their names: the error summary links land on them.
 */

export type FlatForm = Record<string, string | string[]>;

/** Language and translation rows the page reads (the API takes up to 10 of each). */
export const MAX_ROWS = 10;
/** Required-language rows shown on a new form; one more than filled on an edited one. */
export const LANGUAGE_ROWS = 3;
/** The anchor for problems that belong to no one input (e.g. a refused event). */
export const FORM_ANCHOR = 'job-order';

const BENEFITS = ['housing', 'food', 'transport', 'insurance'] as const;
const benefitField = (name: string) => `benefit${name[0]!.toUpperCase()}${name.slice(1)}`;

/** Inputs whose name is the field's own name in the nested shape. */
const SAME_NAME = new Set([
  'employerId',
  'originCountry',
  'destinationCountry',
  'destinationSubdivision',
  'occupation',
  'language',
  'title',
  'description',
  'minEducation',
  'experienceMonths',
  'positions',
  'contractMonths',
  'hoursPerWeek',
  'applicationDeadline',
  'agency',
]);
const WAGE_FIELDS: Record<string, string> = {
  amount: 'wageAmount',
  currency: 'wageCurrency',
  period: 'wagePeriod',
};

function asRecord(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** `essential:<uuid>` / `optional:<uuid>`; anything else is kept for the schema to refuse. */
function skillOf(value: string): { skillId: string; essential: boolean } {
  const [kind, id] = value.split(':', 2);
  if ((kind === 'essential' || kind === 'optional') && id !== undefined) {
    return { skillId: id, essential: kind === 'essential' };
  }
  return { skillId: value, essential: false };
}

export interface ReadForm {
  /** The nested shape, not yet validated: give it to jobOrderSchema. */
  input: Record<string, unknown>;
  /** The input (id and name) that shows a problem at this path, e.g. `/languages/1/level`. */
  fieldOf(path: string): string;
  /** Problems with their fields renamed to the form's inputs, one per input. */
  errors(errors: FieldError[]): FieldError[];
}

export function readJobOrderForm(body: unknown): ReadForm {
  const form = asRecord(body);
  const languageRows: number[] = [];
  const languages: { language: unknown; level: unknown }[] = [];
  const translationRows: number[] = [];
  const translations: { language: unknown; title: unknown; description: unknown }[] = [];
  for (let row = 1; row <= MAX_ROWS; row += 1) {
    const language = form[`language${row}`];
    const level = form[`level${row}`];
    if (!isBlank(language) || !isBlank(level)) {
      languageRows.push(row);
      languages.push({ language: language ?? '', level: level ?? '' });
    }
    const translation = {
      language: form[`translationLanguage${row}`],
      title: form[`translationTitle${row}`],
      description: form[`translationDescription${row}`],
    };
    if (Object.values(translation).some((value) => !isBlank(value))) {
      translationRows.push(row);
      translations.push({
        language: translation.language ?? '',
        title: translation.title ?? '',
        description: translation.description ?? '',
      });
    }
  }

  // A repeated single field stays an array, so that zod refuses it instead of picking one.
  const input: Record<string, unknown> = {
    employerId: form['employerId'],
    originCountry: form['originCountry'],
    destinationCountry: form['destinationCountry'],
    destinationSubdivision: form['destinationSubdivision'],
    occupation: form['occupation'],
    language: form['language'],
    title: form['title'],
    description: form['description'],
    translations,
    skills: list(form.skill).map(skillOf),
    minEducation: form['minEducation'],
    languages,
    experienceMonths: form['experienceMonths'],
    positions: form['positions'],
    contractMonths: form['contractMonths'],
    wage: {
      amount: form['wageAmount'],
      currency: form['wageCurrency'],
      period: form['wagePeriod'],
    },
    hoursPerWeek: form['hoursPerWeek'],
    benefits: {
      ...Object.fromEntries(BENEFITS.map((name) => [name, !isBlank(form[benefitField(name)])])),
      note: form['benefitsNote'],
    },
    applicationDeadline: form['applicationDeadline'],
  };

  const fieldOf = (path: string): string => {
    const parts = path.replace(/^\//, '').split(/[./]/);
    const [head = '', second, third] = parts;
    const index = second !== undefined && /^\d+$/.test(second) ? Number(second) : null;
    switch (head) {
      case 'wage':
        return WAGE_FIELDS[second ?? ''] ?? 'wageAmount';
      case 'benefits':
        if (second === 'note') return 'benefitsNote';
        return benefitField(
          BENEFITS.find((name) => name === second) ?? /* first box */ BENEFITS[0],
        );
      case 'languages': {
        const row = index === null ? (languageRows[0] ?? 1) : (languageRows[index] ?? 1);
        return third === 'level' ? `level${row}` : `language${row}`;
      }
      case 'translations': {
        const row = index === null ? (translationRows[0] ?? 1) : (translationRows[index] ?? 1);
        if (third === 'title') return `translationTitle${row}`;
        if (third === 'description') return `translationDescription${row}`;
        return `translationLanguage${row}`;
      }
      case 'skills':
        return 'skills';
      default:
        return SAME_NAME.has(head) ? head : FORM_ANCHOR;
    }
  };

  const errors = (problems: FieldError[]): FieldError[] => {
    const seen = new Set<string>();
    return problems.flatMap((error) => {
      const renamed = fieldOf(error.field);
      if (seen.has(renamed)) return [];
      seen.add(renamed);
      return [{ field: renamed, text: error.text }];
    });
  };

  return { input, fieldOf, errors };
}

/** The flat form of a job order, to fill the edit form. */
export function jobOrderToForm(input: JobOrderInput): FlatForm {
  const form: FlatForm = {
    destinationCountry: input.destinationCountry,
    occupation: input.occupation,
    language: input.language,
    title: input.title,
    description: input.description,
    skill: input.skills.map(
      (skill) => `${skill.essential ? 'essential' : 'optional'}:${skill.skillId}`,
    ),
    experienceMonths: String(input.experienceMonths),
    positions: String(input.positions),
    contractMonths: String(input.contractMonths),
    wageAmount: input.wage.amount,
    wageCurrency: input.wage.currency,
    wagePeriod: input.wage.period,
    hoursPerWeek: String(input.hoursPerWeek),
    applicationDeadline: input.applicationDeadline,
  };
  const optional = {
    employerId: input.employerId,
    originCountry: input.originCountry,
    destinationSubdivision: input.destinationSubdivision,
    minEducation: input.minEducation,
    benefitsNote: input.benefits.note,
  };
  for (const [name, value] of Object.entries(optional)) if (value) form[name] = value;
  for (const name of BENEFITS) if (input.benefits[name]) form[benefitField(name)] = 'yes';
  input.languages.forEach((item, index) => {
    form[`language${index + 1}`] = item.language;
    form[`level${index + 1}`] = item.level;
  });
  input.translations.forEach((item, index) => {
    form[`translationLanguage${index + 1}`] = item.language;
    form[`translationTitle${index + 1}`] = item.title;
    form[`translationDescription${index + 1}`] = item.description;
  });
  return form;
}

/** How many rows of each kind to draw: what was filled in, plus room for one more language. */
export function rowCounts(values: Record<string, unknown>): {
  languages: number;
  translations: number;
} {
  let languages = 0;
  let translations = 0;
  for (let row = 1; row <= MAX_ROWS; row += 1) {
    if (!isBlank(values[`language${row}`]) || !isBlank(values[`level${row}`])) languages = row;
    if (
      ['translationLanguage', 'translationTitle', 'translationDescription'].some(
        (name) => !isBlank(values[`${name}${row}`]),
      )
    ) {
      translations = row;
    }
  }
  return {
    languages: Math.min(MAX_ROWS, Math.max(LANGUAGE_ROWS, languages + 1)),
    translations: Math.max(1, translations),
  };
}

/** The skill checkbox values a form holds, for ticking the boxes again. */
export function chosenSkills(values: Record<string, unknown>): Set<string> {
  return new Set(list(values.skill));
}
