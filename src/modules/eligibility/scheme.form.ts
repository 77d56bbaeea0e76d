import { LANGUAGES } from '../../platform/i18n/languages.js';
import { normaliseIdentifier } from '../../platform/text/identifiers.js';
import {
  CEFR_LEVELS,
  MODES,
  schemeDefinitionSchema,
  type SchemeDefinition,
} from './scheme.definition.js';

/**
 * The officers' structured form for a scheme, as flat fields, to and from a definition. Rows
 * left blank are left out. For what the form does not offer (more rows, other languages'
 * questions), the advanced JSON field takes a whole definition instead. Pure.
 */

export const AGE_ROWS = 5;
export const EXPERIENCE_ROWS = 4;
export const LANGUAGE_ROWS = 2;
export const CONDITION_ROWS = 3;
export const EDUCATION_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export type FormFields = Record<string, string>;
export interface FormProblem {
  field: string;
  key: string;
}

const E = 'eligibility.errors.';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function stringFields(body: unknown): FormFields {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [k, (v as string).trim()]),
  );
}

/** A definition as the form's fields (to edit it). */
export function formFromDefinition(d: SchemeDefinition): FormFields {
  const f: FormFields = { threshold: String(d.threshold) };
  for (const lang of LANGUAGES) {
    f[`name_${lang}`] = d.name[lang] ?? '';
    f[`description_${lang}`] = d.description[lang] ?? '';
  }
  const c = d.criteria;
  if (c.age) {
    f.age_mode = c.age.mode;
    c.age.bands.slice(0, AGE_ROWS).forEach((b, i) => {
      f[`age_${i}_min`] = String(b.min);
      f[`age_${i}_max`] = String(b.max);
      f[`age_${i}_points`] = String(b.points);
    });
  }
  if (c.education) {
    f.education_mode = c.education.mode;
    for (const s of c.education.steps) f[`education_${s.minLevel}`] = String(s.points);
  }
  (c.languages ?? []).slice(0, LANGUAGE_ROWS).forEach((l, i) => {
    f[`lang${i}_code`] = l.language;
    f[`lang${i}_mode`] = l.mode;
    for (const s of l.steps) f[`lang${i}_${s.minLevel}`] = String(s.points);
  });
  if (c.experience) {
    f.experience_mode = c.experience.mode;
    c.experience.steps.slice(0, EXPERIENCE_ROWS).forEach((s, i) => {
      f[`experience_${i}_years`] = String(s.minYears);
      f[`experience_${i}_points`] = String(s.points);
    });
  }
  if (c.jobOffer) {
    f.jobOffer_mode = c.jobOffer.mode;
    f.jobOffer_points = String(c.jobOffer.points);
  }
  if (c.occupation) {
    f.occupation_mode = c.occupation.mode;
    f.occupation_points = String(c.occupation.points);
    f.occupation_isco = c.occupation.iscoCodes.join(' ');
    f.occupation_esco = c.occupation.escoCodes.join(' ');
  }
  (c.conditions ?? []).slice(0, CONDITION_ROWS).forEach((cond, i) => {
    f[`cond${i}_id`] = cond.id;
    f[`cond${i}_mode`] = cond.mode;
    f[`cond${i}_points`] = String(cond.points);
    for (const lang of LANGUAGES) f[`cond${i}_question_${lang}`] = cond.question[lang] ?? '';
  });
  return f;
}

/** Whether the form holds more than its structured fields can show (then: the JSON field). */
export function fitsTheForm(d: SchemeDefinition): boolean {
  const c = d.criteria;
  return (
    (c.age?.bands.length ?? 0) <= AGE_ROWS &&
    (c.experience?.steps.length ?? 0) <= EXPERIENCE_ROWS &&
    (c.languages?.length ?? 0) <= LANGUAGE_ROWS &&
    (c.conditions?.length ?? 0) <= CONDITION_ROWS &&
    (c.education?.steps ?? []).every((s) => s.minLevel >= 1)
  );
}

/**
 * The definition the form describes, or the problems, each named by its field. The advanced
 * JSON field, when filled, is the whole definition instead.
 */
export function definitionFromForm(
  f: FormFields,
): { ok: true; definition: SchemeDefinition } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (f.definitionJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(f.definitionJson);
    } catch {
      return { ok: false, problems: [{ field: 'definitionJson', key: `${E}notJson` }] };
    }
    const result = schemeDefinitionSchema.safeParse(parsed);
    if (result.success) return { ok: true, definition: result.data };
    return {
      ok: false,
      problems: [
        { field: 'definitionJson', key: result.error.issues[0]?.message ?? `${E}definition` },
      ].map((p) => ({
        ...p,
        key: p.key.startsWith('eligibility.') ? p.key : 'eligibility.definition.invalid',
      })),
    };
  }

  const int = (field: string, options: { required?: boolean } = {}): number | null => {
    const raw = normaliseIdentifier(f[field] ?? '');
    if (!raw) {
      if (options.required) problems.push({ field, key: `${E}wholeNumber` });
      return null;
    }
    if (!/^[0-9]{1,5}$/.test(raw)) {
      problems.push({ field, key: `${E}wholeNumber` });
      return null;
    }
    return Number(raw);
  };
  const mode = (field: string) => {
    const value = f[field] ?? '';
    if (!value) return null;
    if ((MODES as readonly string[]).includes(value)) return value as (typeof MODES)[number];
    problems.push({ field, key: `${E}selectMode` });
    return null;
  };
  const localisedFrom = (prefix: string) =>
    Object.fromEntries(
      LANGUAGES.flatMap((l) => (f[`${prefix}_${l}`] ? [[l, f[`${prefix}_${l}`]]] : [])),
    );

  const criteria: Record<string, unknown> = {};
  // Where each array element came from (rows left blank are skipped), to name fields.
  const rows: Record<string, number[]> = {};

  const ageMode = mode('age_mode');
  if (ageMode) {
    const bands = range(AGE_ROWS).flatMap((i) => {
      if (!f[`age_${i}_min`] && !f[`age_${i}_max`] && !f[`age_${i}_points`]) return [];
      const min = int(`age_${i}_min`, { required: true });
      const max = int(`age_${i}_max`, { required: true });
      const points = int(`age_${i}_points`) ?? 0;
      return min === null || max === null ? [] : [{ i, band: { min, max, points } }];
    });
    rows.age = bands.map((b) => b.i);
    if (bands.length === 0) problems.push({ field: 'age_mode', key: `${E}criterionEmpty` });
    criteria.age = { mode: ageMode, bands: bands.map((b) => b.band) };
  }
  const educationMode = mode('education_mode');
  if (educationMode) {
    const steps = EDUCATION_LEVELS.flatMap((level) => {
      const points = int(`education_${level}`);
      return points === null ? [] : [{ minLevel: level, points }];
    });
    if (steps.length === 0) problems.push({ field: 'education_mode', key: `${E}criterionEmpty` });
    criteria.education = { mode: educationMode, steps };
  }
  const languages = range(LANGUAGE_ROWS).flatMap((i) => {
    const m = mode(`lang${i}_mode`);
    if (!m) return [];
    const code = (f[`lang${i}_code`] ?? '').toLowerCase();
    if (!/^[a-z]{2,3}$/.test(code))
      problems.push({ field: `lang${i}_code`, key: `${E}languageCode` });
    const steps = CEFR_LEVELS.flatMap((level) => {
      const points = int(`lang${i}_${level}`);
      return points === null ? [] : [{ minLevel: level, points }];
    });
    if (steps.length === 0) problems.push({ field: `lang${i}_mode`, key: `${E}criterionEmpty` });
    return [{ i, language: { language: code, mode: m, steps } }];
  });
  if (languages.length) {
    rows.languages = languages.map((l) => l.i);
    criteria.languages = languages.map((l) => l.language);
  }
  const experienceMode = mode('experience_mode');
  if (experienceMode) {
    const steps = range(EXPERIENCE_ROWS).flatMap((i) => {
      if (!f[`experience_${i}_years`] && !f[`experience_${i}_points`]) return [];
      const years = int(`experience_${i}_years`, { required: true });
      const points = int(`experience_${i}_points`) ?? 0;
      return years === null ? [] : [{ i, step: { minYears: years, points } }];
    });
    rows.experience = steps.map((s) => s.i);
    if (steps.length === 0) problems.push({ field: 'experience_mode', key: `${E}criterionEmpty` });
    criteria.experience = { mode: experienceMode, steps: steps.map((s) => s.step) };
  }
  const jobOfferMode = mode('jobOffer_mode');
  if (jobOfferMode) criteria.jobOffer = { mode: jobOfferMode, points: int('jobOffer_points') ?? 0 };
  const occupationMode = mode('occupation_mode');
  if (occupationMode) {
    const codes = (field: string) => (f[field] ?? '').split(/[\s,;]+/).filter(Boolean);
    criteria.occupation = {
      mode: occupationMode,
      points: int('occupation_points') ?? 0,
      iscoCodes: codes('occupation_isco'),
      escoCodes: codes('occupation_esco'),
    };
  }
  const conditions = range(CONDITION_ROWS).flatMap((i) => {
    const m = mode(`cond${i}_mode`);
    if (!m) return [];
    return [
      {
        i,
        condition: {
          id: f[`cond${i}_id`] ?? '',
          mode: m,
          points: int(`cond${i}_points`) ?? 0,
          question: localisedFrom(`cond${i}_question`),
        },
      },
    ];
  });
  if (conditions.length) {
    rows.conditions = conditions.map((c) => c.i);
    criteria.conditions = conditions.map((c) => c.condition);
  }

  const threshold = int('threshold', { required: true });
  if (problems.length) return { ok: false, problems };
  const result = schemeDefinitionSchema.safeParse({
    name: localisedFrom('name'),
    description: localisedFrom('description'),
    threshold,
    criteria,
  });
  if (result.success) return { ok: true, definition: result.data };
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const field = fieldOf(issue.path.map(String), rows);
    if (seen.has(field)) continue;
    seen.add(field);
    const key = issue.message.startsWith('eligibility.')
      ? issue.message
      : 'eligibility.definition.invalid';
    problems.push({ field, key });
  }
  return { ok: false, problems };
}

/** The form field a problem at this path of the definition belongs to. */
function fieldOf(path: string[], rows: Record<string, number[]>): string {
  const [top, a, b, c, d] = path;
  const row = (list: string, index: string | undefined) => rows[list]?.[Number(index)] ?? 0;
  if (top === 'name' || top === 'description') return `${top}_${a ?? 'en'}`;
  if (top === 'threshold') return 'threshold';
  if (top !== 'criteria') return 'definitionJson';
  switch (a) {
    case 'age':
      return c === undefined ? 'age_mode' : `age_${row('age', c)}_${d ?? 'min'}`;
    case 'education':
      return 'education_mode';
    case 'languages':
      return d === 'language'
        ? `lang${row('languages', b)}_code`
        : `lang${row('languages', b)}_mode`;
    case 'experience':
      return c === undefined ? 'experience_mode' : `experience_${row('experience', c)}_years`;
    case 'jobOffer':
      return 'jobOffer_points';
    case 'occupation':
      return b === 'escoCodes'
        ? 'occupation_esco'
        : b === 'points'
          ? 'occupation_points'
          : 'occupation_isco';
    case 'conditions': {
      const i = row('conditions', b);
      if (c === 'question') return `cond${i}_question_${d ?? 'en'}`;
      if (c === 'points') return `cond${i}_points`;
      return `cond${i}_id`;
    }
    default:
      return 'definitionJson';
  }
}
